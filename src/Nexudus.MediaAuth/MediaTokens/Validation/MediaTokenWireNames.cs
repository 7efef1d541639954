namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// The names a media token carries on the wire, read by the validator and written by the issuer; the scheme's public
/// defaults re-expose them (<c>MediaTokenDefaults.TokenType</c>, <c>MediaTokenDefaults.ResourceClaim</c>).
/// </summary>
internal static class MediaTokenWireNames
{
    /// <summary>The JOSE <c>typ</c> header of a media token: <c>media+jwt</c>.</summary>
    public const string TokenType = "media+jwt";

    /// <summary>The private claim that binds a token to one resource: <c>res</c>.</summary>
    public const string ResourceClaim = "res";
}
