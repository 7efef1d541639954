using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The documented <c>ActionConfirmation</c> envelope of <c>POST /api/sys/users/token/refresh</c>, with PascalCase fields:
/// <c>{"WasSuccessful":true,"Value":"...","Status":200,"Message":null,"Errors":null}</c>.
/// </summary>
internal sealed class ActionConfirmation
{
    /// <summary>
    /// Whether the token was issued. A portal keeps its authenticated link disabled until this is <see langword="true"/>.
    /// </summary>
    [JsonPropertyName("WasSuccessful")]
    public required bool WasSuccessful { get; init; }

    /// <summary>
    /// The one-time token; <see langword="null"/> when <see cref="WasSuccessful"/> is <see langword="false"/>.
    /// </summary>
    [JsonPropertyName("Value")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Value { get; init; }

    /// <summary>
    /// The HTTP status mirrored in the body: 200 on success, 429 over the customer's issue limit, 500 on failure.
    /// </summary>
    [JsonPropertyName("Status")]
    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public required int Status { get; init; }

    /// <summary>
    /// A human-readable message; <see langword="null"/> on success.
    /// </summary>
    [JsonPropertyName("Message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Message { get; init; }

    /// <summary>
    /// Validation or server errors; <see langword="null"/> from this library.
    /// </summary>
    [JsonPropertyName("Errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonElement? Errors { get; init; }
}
