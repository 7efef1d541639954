using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.Sample;

/// <summary>The documented <c>POST /api/token</c> error body, e.g. <c>{"error":"invalid_grant",...}</c>.</summary>
public sealed class TokenError
{
    [JsonPropertyName("error")]
    public required string Error { get; init; }

    [JsonPropertyName("error_description")]
    public required string ErrorDescription { get; init; }
}
