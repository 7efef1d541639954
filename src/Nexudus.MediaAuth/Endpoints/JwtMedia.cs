using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The body of <c>GET /api/auth/media/customer</c>: <c>{ "jwt": "..." }</c>.
/// </summary>
internal sealed class JwtMedia
{
    /// <summary>
    /// The media token, to append to protected media URLs as <c>?t={jwt}</c>.
    /// </summary>
    [JsonPropertyName("jwt")]
    public required string Jwt { get; init; }
}
