using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The checks every key of a scheme passes, whether given in code, read from configuration or fetched from a JWKS:
/// a supported algorithm that is allowed and fits the key, a <c>kid</c>, a strong enough key, the curve of its ECDSA
/// algorithm, and the private half of a signing key.
/// </summary>
/// <remarks>Messages name the key by <see cref="MediaTokenKey.Source"/> and never quote a byte of its material.</remarks>
internal static class MediaTokenKeyCheck
{
    public const int MinimumHmacKeyBytes = 32;
    public const int MinimumRsaKeyBits = 2048;

    /// <summary>Adds to <paramref name="errors"/> every reason <paramref name="key"/> cannot serve; returns whether it can.</summary>
    public static bool Check(MediaTokenKey key, ISet<string> validAlgorithms, List<string> errors)
    {
        var count = errors.Count;
        var (source, algorithm) = (key.Source, key.Algorithm);
        if (string.IsNullOrEmpty(key.KeyId))
        {
            errors.Add($"The media token key {source} has no KeyId. Every key needs one: tokens name their key by kid.");
        }

        var family = MediaTokenAlgorithms.Family(algorithm);
        if (family == KeyFamily.Unknown)
        {
            errors.Add(UnsupportedAlgorithm(source, algorithm));
            return false;
        }

        if (!validAlgorithms.Contains(algorithm))
        {
            errors.Add($"The algorithm '{algorithm}' of media token key {source} is not in MediaTokenOptions.ValidAlgorithms; allow it there or give the key an allowed algorithm.");
        }

        var keyFamily = MediaTokenAlgorithms.Family(key.Key);
        if (keyFamily != family)
        {
            errors.Add(keyFamily == KeyFamily.Unknown
                ? $"The media token key {source} is a {key.Key.GetType().Name}, which media tokens cannot use; give a SymmetricSecurityKey, RsaSecurityKey, ECDsaSecurityKey, X509SecurityKey or JsonWebKey."
                : $"The media token key {source} is {Describe(keyFamily)}, which does not fit {algorithm}: HS* algorithms take a symmetric key, RS* and PS* an RSA key, ES* an EC key.");
            return false;
        }

        try
        {
            CheckStrength(key, family, errors);
            if (key.Signs && !HasPrivateKey(key.Key))
            {
                errors.Add($"The media token signing key {source} is a public key; signing needs the private key.");
            }
        }
        catch (CryptographicException ex)
        {
            // The exception's message may quote the input; only its type is safe to name.
            errors.Add($"The media token key {source} could not be read as a {algorithm} key ({ex.GetType().Name}).");
        }

        return errors.Count == count;
    }

    public static string UnsupportedAlgorithm(string source, string algorithm) =>
        $"The media token key {source} has an unsupported Algorithm '{algorithm}'; use {MediaTokenAlgorithms.Supported}.";

    private static void CheckStrength(MediaTokenKey key, KeyFamily family, List<string> errors)
    {
        var (source, algorithm) = (key.Source, key.Algorithm);
        switch (family)
        {
            // IdentityModel refuses an HMAC key shorter than the hash (48 bytes for HS384, 64 for HS512) when it signs.
            case KeyFamily.Hmac when Math.Max(MinimumHmacKeyBytes, MediaTokenAlgorithms.HmacSignatureLength(algorithm)) is var minimum && key.Key.KeySize / 8 < minimum:
                errors.Add($"The media token key {source} ({algorithm}) is {key.Key.KeySize / 8} bytes long; an HMAC key needs at least {minimum} random bytes for {algorithm}.");
                break;
            case KeyFamily.Rsa when key.Key.KeySize < MinimumRsaKeyBits:
                errors.Add($"The media token key {source} is a {key.Key.KeySize}-bit RSA key; at least {MinimumRsaKeyBits} bits are required.");
                break;
            case KeyFamily.Ecdsa when CurveOf(key.Key) is var curve && curve != MediaTokenAlgorithms.Curve(algorithm):
                errors.Add($"The media token key {source} is a {key.Key.KeySize}-bit EC key{(curve is null ? "" : $" on {curve}")}, which does not fit {algorithm} (curve {MediaTokenAlgorithms.Curve(algorithm)}).");
                break;
        }
    }

    private static string? CurveOf(SecurityKey key) => key switch
    {
        ECDsaSecurityKey ecdsa => MediaTokenAlgorithms.CurveName(ecdsa.ECDsa.ExportParameters(includePrivateParameters: false).Curve),
        X509SecurityKey { PublicKey: ECDsa ecdsa } => MediaTokenAlgorithms.CurveName(ecdsa.ExportParameters(includePrivateParameters: false).Curve),
        JsonWebKey jwk => jwk.Crv,
        _ => null,
    };

    private static bool HasPrivateKey(SecurityKey key)
    {
        switch (key)
        {
            case RsaSecurityKey { Rsa: null } rsa:
                return rsa.Parameters.D is not null;
            case RsaSecurityKey { Rsa: { } rsa }:
                return CanExportPrivate(() => rsa.ExportParameters(includePrivateParameters: true).D);
            case ECDsaSecurityKey ecdsa:
                return CanExportPrivate(() => ecdsa.ECDsa.ExportParameters(includePrivateParameters: true).D);
            case X509SecurityKey x509:
                return x509.Certificate.HasPrivateKey;
            case JsonWebKey jwk:
                return jwk.HasPrivateKey;
            default:
                return true;
        }
    }

    private static bool CanExportPrivate(Func<byte[]?> exportPrivateParameter)
    {
        try
        {
            return exportPrivateParameter() is not null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Describe(KeyFamily family) => family switch
    {
        KeyFamily.Hmac => "a symmetric (HMAC) key",
        KeyFamily.Rsa => "an RSA key",
        _ => "an EC key",
    };
}
