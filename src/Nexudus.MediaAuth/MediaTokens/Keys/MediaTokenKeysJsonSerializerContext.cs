using System.Text.Json.Serialization;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// Source-generated JSON metadata for the JWKS document, which the keys read (a validation-only scheme's fetch) and the
/// JWKS endpoint writes: kept with the keys, so that they need nothing from the endpoints.
/// </summary>
// A member listed twice would be read last-wins, where another reader may take the first: such a document is refused.
[JsonSourceGenerationOptions(AllowDuplicateProperties = false)]
[JsonSerializable(typeof(MediaTokenJsonWebKeySet))]
internal sealed partial class MediaTokenKeysJsonSerializerContext : JsonSerializerContext;
