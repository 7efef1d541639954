using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The one classification of JWS algorithms and keys the scheme uses: which algorithms it supports, which family each
/// belongs to, which family a key is, and which curve an ECDSA algorithm needs.
/// </summary>
internal static class MediaTokenAlgorithms
{
    /// <summary>The algorithms the scheme supports, as they read in messages.</summary>
    public const string Supported = "HS256/384/512, RS256/384/512, PS256/384/512 or ES256/384/512";

    /// <summary>The family of <paramref name="algorithm"/>; <see cref="KeyFamily.Unknown"/> for one the scheme does not support.</summary>
    public static KeyFamily Family(string? algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha256 or SecurityAlgorithms.HmacSha384 or SecurityAlgorithms.HmacSha512 => KeyFamily.Hmac,
        SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSha384 or SecurityAlgorithms.RsaSha512
            or SecurityAlgorithms.RsaSsaPssSha256 or SecurityAlgorithms.RsaSsaPssSha384 or SecurityAlgorithms.RsaSsaPssSha512 => KeyFamily.Rsa,
        SecurityAlgorithms.EcdsaSha256 or SecurityAlgorithms.EcdsaSha384 or SecurityAlgorithms.EcdsaSha512 => KeyFamily.Ecdsa,
        _ => KeyFamily.Unknown,
    };

    /// <summary>The family of <paramref name="key"/>; <see cref="KeyFamily.Unknown"/> for a kind of key the scheme cannot use.</summary>
    public static KeyFamily Family(SecurityKey key) => key switch
    {
        SymmetricSecurityKey => KeyFamily.Hmac,
        RsaSecurityKey => KeyFamily.Rsa,
        ECDsaSecurityKey => KeyFamily.Ecdsa,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.Octet } => KeyFamily.Hmac,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA } => KeyFamily.Rsa,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve } => KeyFamily.Ecdsa,
        X509SecurityKey { PublicKey: RSA } => KeyFamily.Rsa,
        X509SecurityKey { PublicKey: ECDsa } => KeyFamily.Ecdsa,
        _ => KeyFamily.Unknown,
    };

    /// <summary>The JWK curve name (<c>P-256</c>, <c>P-384</c>, <c>P-521</c>) an ECDSA algorithm signs on, or <see langword="null"/>.</summary>
    public static string? Curve(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.EcdsaSha256 => JsonWebKeyECTypes.P256,
        SecurityAlgorithms.EcdsaSha384 => JsonWebKeyECTypes.P384,
        SecurityAlgorithms.EcdsaSha512 => JsonWebKeyECTypes.P521,
        _ => null,
    };

    /// <summary>The ECDSA algorithm of a JWK curve name, or <see langword="null"/> for another curve.</summary>
    public static string? EcdsaAlgorithm(string? curve) => curve switch
    {
        JsonWebKeyECTypes.P256 => SecurityAlgorithms.EcdsaSha256,
        JsonWebKeyECTypes.P384 => SecurityAlgorithms.EcdsaSha384,
        JsonWebKeyECTypes.P521 => SecurityAlgorithms.EcdsaSha512,
        _ => null,
    };

    /// <summary>The named curve of a JWK curve name, or <see langword="null"/> for another curve.</summary>
    public static ECCurve? NamedCurve(string? curve) => curve switch
    {
        JsonWebKeyECTypes.P256 => ECCurve.NamedCurves.nistP256,
        JsonWebKeyECTypes.P384 => ECCurve.NamedCurves.nistP384,
        JsonWebKeyECTypes.P521 => ECCurve.NamedCurves.nistP521,
        _ => null,
    };

    /// <summary>The JWK curve name of an EC key's parameters, or <see langword="null"/> when it is not a NIST curve.</summary>
    public static string? CurveName(ECCurve curve) => curve.Oid?.Value switch
    {
        "1.2.840.10045.3.1.7" => JsonWebKeyECTypes.P256,
        "1.3.132.0.34" => JsonWebKeyECTypes.P384,
        "1.3.132.0.35" => JsonWebKeyECTypes.P521,
        _ => null,
    };

    /// <summary>The exact length in bytes of an HMAC signature, or 0 when the algorithm checks its own signature length.</summary>
    public static int HmacSignatureLength(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha256 => 32,
        SecurityAlgorithms.HmacSha384 => 48,
        SecurityAlgorithms.HmacSha512 => 64,
        _ => 0,
    };
}
