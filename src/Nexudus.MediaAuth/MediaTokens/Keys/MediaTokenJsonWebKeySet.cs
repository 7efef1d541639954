using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// A JWKS document (RFC 7517 §5): what <c>MapMediaTokenJwks()</c> publishes and a validation-only scheme fetches,
/// where an entry may be <c>null</c>.
/// </summary>
internal sealed class MediaTokenJsonWebKeySet
{
    public static readonly MediaTokenJsonWebKeySet Empty = new() { Keys = [] };

    [JsonPropertyName("keys")]
    public IReadOnlyList<MediaTokenJsonWebKey?>? Keys { get; init; }
}
