using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// One key of a scheme and the one algorithm it signs or validates (RFC 8725 §3.1), wherever it was given.
/// </summary>
/// <param name="Key">The key, as the host gave it; never modified.</param>
/// <param name="Algorithm">The only JWS <c>alg</c> this key signs or validates.</param>
/// <param name="KeyId">The key's <c>kid</c>: its own, or for an RSA or EC key without one, its RFC 7638 thumbprint.</param>
/// <param name="Source">Where the key was given, as messages name it: an option or a configuration path.</param>
/// <param name="Signs">Whether the key signs the tokens the scheme issues, and so needs its private half.</param>
internal sealed record MediaTokenKey(SecurityKey Key, string Algorithm, string? KeyId, string Source, bool Signs)
{
    /// <summary>A key given in code, with its own <c>kid</c> or, when it has none, its thumbprint.</summary>
    public static MediaTokenKey FromCode(SigningCredentials credentials, string source, bool signs) =>
        new(credentials.Key, credentials.Algorithm, KeyIdOf(credentials.Key), source, signs);

    /// <summary>
    /// The credentials to sign with: <paramref name="given"/> (the host's own) when its key carries the <c>kid</c>,
    /// otherwise new ones, on a copy of the key carrying the derived <c>kid</c> when the key has none, so that the
    /// host's key object is never written to.
    /// </summary>
    public SigningCredentials ToSigningCredentials(SigningCredentials? given)
    {
        if (KeyId is null || string.Equals(Key.KeyId, KeyId, StringComparison.Ordinal))
        {
            return given ?? new SigningCredentials(Key, Algorithm);
        }

        SecurityKey copy = Key switch
        {
            RsaSecurityKey { Rsa: { } rsa } => new RsaSecurityKey(rsa) { KeyId = KeyId },
            RsaSecurityKey rsa => new RsaSecurityKey(rsa.Parameters) { KeyId = KeyId },
            ECDsaSecurityKey ecdsa => new ECDsaSecurityKey(ecdsa.ECDsa) { KeyId = KeyId },
            _ => Key,
        };
        return new SigningCredentials(copy, Algorithm);
    }

    private static string? KeyIdOf(SecurityKey key) =>
        key.KeyId is { Length: > 0 } keyId ? keyId
        : key is AsymmetricSecurityKey && key.CanComputeJwkThumbprint() ? Base64UrlEncoder.Encode(key.ComputeJwkThumbprint())
        : null;
}
