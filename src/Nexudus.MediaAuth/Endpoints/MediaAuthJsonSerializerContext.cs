using System.Text.Json.Serialization;
using Nexudus.MediaAuth.OneTimeTokens.Exchange;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Source-generated JSON metadata for the wire types; field names come from the attributes on the types, so the
/// documented casing holds whatever naming policy the host sets.
/// </summary>
[JsonSerializable(typeof(JwtMedia))]
[JsonSerializable(typeof(ActionConfirmation))]
[JsonSerializable(typeof(ExchangedToken))]
internal sealed partial class MediaAuthJsonSerializerContext : JsonSerializerContext;
