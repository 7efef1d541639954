using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// Source-generated JSON metadata for the JWKS document, which the keys read (a validation-only scheme's fetch) and the
/// JWKS endpoint writes: kept with the keys, so that they need nothing from the endpoints.
/// </summary>
[JsonSerializable(typeof(MediaTokenJsonWebKeySet))]
internal sealed partial class MediaTokenKeysJsonSerializerContext : JsonSerializerContext;
