using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// Reads the keys of a media token scheme from configuration: <c>SigningKey</c> (one) and <c>ValidationKeys</c> (any
/// number), each <c>{ "KeyId": "...", "Algorithm": "ES256", "Pem": "..." }</c> for RSA and ECDSA or
/// <c>{ "KeyId": "...", "Algorithm": "HS256", "Base64": "..." }</c> for HMAC.
/// </summary>
/// <remarks>
/// Only the form of an entry is checked here; the keys read then pass the same checks as keys given in code
/// (<see cref="MediaTokenKeyCheck"/>). Problems are collected rather than thrown so that options validation reports
/// them all at startup, with the configuration path of the key and never a byte of its material.
/// </remarks>
internal static class MediaTokenKeyConfiguration
{
    public const string SigningKeySection = "SigningKey";
    public const string ValidationKeysSection = "ValidationKeys";

    /// <summary>Adds the keys of <paramref name="section"/> to <paramref name="keys"/>, and what is wrong with them to <paramref name="errors"/>.</summary>
    public static void Read(IConfiguration section, List<MediaTokenKey> keys, List<string> errors)
    {
        var signing = section.GetSection(SigningKeySection);
        if (signing.GetChildren().Any() && ReadKey(signing, signs: true, errors) is { } signingKey)
        {
            keys.Add(signingKey);
        }

        foreach (var keySection in section.GetSection(ValidationKeysSection).GetChildren())
        {
            if (ReadKey(keySection, signs: false, errors) is { } validationKey)
            {
                keys.Add(validationKey);
            }
        }
    }

    private static MediaTokenKey? ReadKey(IConfigurationSection section, bool signs, List<string> errors)
    {
        var path = section.Path;
        var keyId = section["KeyId"];
        var algorithm = section["Algorithm"];
        var pem = section["Pem"];
        var base64 = section["Base64"];

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
            SecurityKey? key = MediaTokenAlgorithms.Family(algorithm) switch
            {
                KeyFamily.Hmac when base64 is not null => new SymmetricSecurityKey(Convert.FromBase64String(base64)) { KeyId = keyId },
                KeyFamily.Rsa when pem is not null => new RsaSecurityKey(ImportPem(RSA.Create(), pem)) { KeyId = keyId },
                KeyFamily.Ecdsa when pem is not null => new ECDsaSecurityKey(ImportPem(ECDsa.Create(), pem)) { KeyId = keyId },
                _ => null,
            };
            if (key is null)
            {
                errors.Add(MediaTokenAlgorithms.Family(algorithm) switch
                {
                    KeyFamily.Hmac => $"The media token key '{path}' uses {algorithm}, an HMAC algorithm: give its secret as Base64.",
                    KeyFamily.Rsa or KeyFamily.Ecdsa => $"The media token key '{path}' uses {algorithm}: give its key as Pem.",
                    _ => MediaTokenKeyCheck.UnsupportedAlgorithm($"'{path}'", algorithm),
                });
                return null;
            }

            return new MediaTokenKey(key, algorithm, keyId, $"'{path}'", signs);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            // The exception's message may quote the input; only its type is safe to name.
            errors.Add($"The media token key '{path}' could not be read as a {algorithm} key ({ex.GetType().Name}).");
            return null;
        }
    }

    private static T ImportPem<T>(T algorithm, string pem)
        where T : AsymmetricAlgorithm
    {
        algorithm.ImportFromPem(pem);
        return algorithm;
    }
}
