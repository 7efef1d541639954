using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Reads the keys of a media token scheme from configuration: <c>SigningKey</c> (one) and <c>ValidationKeys</c> (any
/// number), each <c>{ "KeyId": "...", "Algorithm": "ES256", "Pem": "..." }</c> for RSA and ECDSA or
/// <c>{ "KeyId": "...", "Algorithm": "HS256", "Base64": "..." }</c> for HMAC.
/// </summary>
/// <remarks>
/// Problems are collected rather than thrown so that options validation reports them all at startup, with the
/// configuration path of the key and never a byte of its material.
/// </remarks>
internal static class MediaTokenKeyConfiguration
{
    public const string SigningKeySection = "SigningKey";
    public const string ValidationKeysSection = "ValidationKeys";

    private const int MinimumHmacKeyBytes = 32;
    private const int MinimumRsaKeyBits = 2048;

    public static void Read(IConfiguration section, MediaTokenOptions options)
    {
        var signing = section.GetSection(SigningKeySection);
        if (signing.GetChildren().Any() && ReadKey(signing, requirePrivateKey: true, options) is { } signingKey)
        {
            options.SigningCredentials = new SigningCredentials(signingKey.Key, signingKey.Algorithm);
            options.KeyAlgorithms[signingKey.Key.KeyId] = signingKey.Algorithm;
        }

        foreach (var keySection in section.GetSection(ValidationKeysSection).GetChildren())
        {
            if (ReadKey(keySection, requirePrivateKey: false, options) is { } validationKey)
            {
                options.ValidationKeys.Add(validationKey.Key);
                options.KeyAlgorithms.TryAdd(validationKey.Key.KeyId, validationKey.Algorithm);
            }
        }
    }

    private static (SecurityKey Key, string Algorithm)? ReadKey(IConfigurationSection section, bool requirePrivateKey, MediaTokenOptions options)
    {
        var path = section.Path;
        var keyId = section["KeyId"];
        var algorithm = section["Algorithm"];
        var pem = section["Pem"];
        var base64 = section["Base64"];
        var errors = options.KeyConfigurationErrors;

        if (string.IsNullOrWhiteSpace(keyId))
        {
            errors.Add($"The media token key '{path}' has no KeyId. Every key needs one: tokens name their key by kid.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(algorithm))
        {
            errors.Add($"The media token key '{path}' has no Algorithm (HS256, RS256, PS256, ES256, ...).");
            return null;
        }

        if (pem is not null && base64 is not null)
        {
            errors.Add($"The media token key '{path}' has both Pem and Base64; give one.");
            return null;
        }

        try
        {
            switch (AlgorithmFamily(algorithm))
            {
                case KeyFamily.Hmac when base64 is not null:
                    return ReadHmacKey(path, keyId, algorithm, base64, errors) is { } hmac ? (hmac, algorithm) : null;
                case KeyFamily.Rsa or KeyFamily.Ecdsa when pem is not null:
                    return ReadAsymmetricKey(path, keyId, algorithm, pem, requirePrivateKey, errors) is { } asymmetric ? (asymmetric, algorithm) : null;
                case KeyFamily.Hmac:
                    errors.Add($"The media token key '{path}' uses {algorithm}, an HMAC algorithm: give its secret as Base64.");
                    return null;
                case KeyFamily.Rsa or KeyFamily.Ecdsa:
                    errors.Add($"The media token key '{path}' uses {algorithm}: give its key as Pem.");
                    return null;
                default:
                    errors.Add($"The media token key '{path}' has an unsupported Algorithm '{algorithm}'; use HS256/384/512, RS256/384/512, PS256/384/512 or ES256/384/512.");
                    return null;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            // The exception's message may quote the input; only its type is safe to name.
            errors.Add($"The media token key '{path}' could not be read as a {algorithm} key ({ex.GetType().Name}).");
            return null;
        }
    }

    private static SymmetricSecurityKey? ReadHmacKey(string path, string keyId, string algorithm, string base64, List<string> errors)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length < MinimumHmacKeyBytes)
        {
            errors.Add($"The media token key '{path}' ({algorithm}) is {bytes.Length} bytes long; an HMAC key needs at least {MinimumHmacKeyBytes} random bytes.");
            return null;
        }

        return new SymmetricSecurityKey(bytes) { KeyId = keyId };
    }

    private static AsymmetricSecurityKey? ReadAsymmetricKey(string path, string keyId, string algorithm, string pem, bool requirePrivateKey, List<string> errors)
    {
        if (AlgorithmFamily(algorithm) == KeyFamily.Rsa)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < MinimumRsaKeyBits)
            {
                errors.Add($"The media token key '{path}' is a {rsa.KeySize}-bit RSA key; at least {MinimumRsaKeyBits} bits are required.");
                return null;
            }

            return RequirePrivateKey(path, requirePrivateKey, () => rsa.ExportParameters(includePrivateParameters: true), errors)
                ? new RsaSecurityKey(rsa) { KeyId = keyId }
                : null;
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        var expectedSize = algorithm switch { "ES256" => 256, "ES384" => 384, _ => 521 };
        if (ecdsa.KeySize != expectedSize)
        {
            errors.Add($"The media token key '{path}' is a {ecdsa.KeySize}-bit EC key, which does not fit {algorithm} (a {expectedSize}-bit curve).");
            return null;
        }

        return RequirePrivateKey(path, requirePrivateKey, () => ecdsa.ExportParameters(includePrivateParameters: true), errors)
            ? new ECDsaSecurityKey(ecdsa) { KeyId = keyId }
            : null;
    }

    private static bool RequirePrivateKey(string path, bool requirePrivateKey, Action exportPrivateParameters, List<string> errors)
    {
        if (!requirePrivateKey)
        {
            return true;
        }

        try
        {
            exportPrivateParameters();
            return true;
        }
        catch (CryptographicException)
        {
            errors.Add($"The media token signing key '{path}' is a public key; signing needs the private key PEM.");
            return false;
        }
    }

    private static KeyFamily AlgorithmFamily(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha256 or SecurityAlgorithms.HmacSha384 or SecurityAlgorithms.HmacSha512 => KeyFamily.Hmac,
        SecurityAlgorithms.RsaSha256 or SecurityAlgorithms.RsaSha384 or SecurityAlgorithms.RsaSha512
            or SecurityAlgorithms.RsaSsaPssSha256 or SecurityAlgorithms.RsaSsaPssSha384 or SecurityAlgorithms.RsaSsaPssSha512 => KeyFamily.Rsa,
        SecurityAlgorithms.EcdsaSha256 or SecurityAlgorithms.EcdsaSha384 or SecurityAlgorithms.EcdsaSha512 => KeyFamily.Ecdsa,
        _ => KeyFamily.Unknown,
    };

    private enum KeyFamily
    {
        Unknown,
        Hmac,
        Rsa,
        Ecdsa,
    }
}
