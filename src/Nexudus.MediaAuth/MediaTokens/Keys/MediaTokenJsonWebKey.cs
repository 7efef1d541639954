using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// One public key of a JWKS document (RFC 7517, RFC 7518 §6): RSA (<c>n</c>, <c>e</c>) or EC (<c>crv</c>, <c>x</c>,
/// <c>y</c>). Symmetric keys have no public form, so an <c>oct</c> key is never written and never read.
/// </summary>
internal sealed class MediaTokenJsonWebKey
{
    // RSA-8192 at most, and an exponent of at most 32 bits (65537 in practice): larger ones only make verifying slow.
    private const int MaxRsaModulusBytes = 1024;
    private const int MaxRsaExponentBytes = 4;

    [JsonPropertyName("kty")]
    public string? KeyType { get; init; }

    [JsonPropertyName("kid")]
    public string? KeyId { get; init; }

    [JsonPropertyName("use")]
    public string? Use { get; init; }

    [JsonPropertyName("alg")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Algorithm { get; init; }

    [JsonPropertyName("n")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Modulus { get; init; }

    [JsonPropertyName("e")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Exponent { get; init; }

    [JsonPropertyName("crv")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Curve { get; init; }

    [JsonPropertyName("x")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? X { get; init; }

    [JsonPropertyName("y")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Y { get; init; }

    /// <summary>The public half of <paramref name="key"/>, or <see langword="null"/> when it is not an RSA or EC key.</summary>
    public static MediaTokenJsonWebKey? FromKey(MediaTokenKey key)
    {
        switch (key.Key)
        {
            case RsaSecurityKey rsaKey:
                var rsa = rsaKey.Rsa?.ExportParameters(includePrivateParameters: false) ?? rsaKey.Parameters;
                return new MediaTokenJsonWebKey
                {
                    KeyType = JsonWebAlgorithmsKeyTypes.RSA,
                    KeyId = key.KeyId,
                    Use = JsonWebKeyUseNames.Sig,
                    Algorithm = key.Algorithm,
                    Modulus = Base64UrlEncoder.Encode(rsa.Modulus),
                    Exponent = Base64UrlEncoder.Encode(rsa.Exponent),
                };
            case ECDsaSecurityKey ecKey:
                var ec = ecKey.ECDsa.ExportParameters(includePrivateParameters: false);
                var curve = MediaTokenAlgorithms.CurveName(ec.Curve);
                return curve is null ? null : new MediaTokenJsonWebKey
                {
                    KeyType = JsonWebAlgorithmsKeyTypes.EllipticCurve,
                    KeyId = key.KeyId,
                    Use = JsonWebKeyUseNames.Sig,
                    Algorithm = key.Algorithm,
                    Curve = curve,
                    X = Base64UrlEncoder.Encode(ec.Q.X),
                    Y = Base64UrlEncoder.Encode(ec.Q.Y),
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// The key this describes with its one algorithm, or <see langword="null"/> when it cannot verify media tokens: no
    /// <c>kid</c>, a use other than <c>sig</c>, a symmetric (<c>oct</c>) or unknown key type, an RSA key without
    /// <c>alg</c> (RS256 and PS256 cannot be told apart), or missing, malformed or oversized parameters. An EC key
    /// without <c>alg</c> takes the algorithm of its curve. Whether the key is strong enough and fits its algorithm is
    /// left to <see cref="MediaTokenKeyCheck"/>.
    /// </summary>
    public MediaTokenKey? ToKey()
    {
        if (string.IsNullOrEmpty(KeyId) || (Use is not null && Use != JsonWebKeyUseNames.Sig))
        {
            return null;
        }

        try
        {
            SecurityKey? key;
            string? algorithm;
            switch (KeyType)
            {
                case JsonWebAlgorithmsKeyTypes.RSA when Algorithm is not null && Modulus is not null && Exponent is not null:
                    var modulus = Base64UrlEncoder.DecodeBytes(Modulus);
                    var exponent = Base64UrlEncoder.DecodeBytes(Exponent);
                    if (modulus.Length > MaxRsaModulusBytes || exponent.Length > MaxRsaExponentBytes)
                    {
                        return null;
                    }

                    key = new RsaSecurityKey(RSA.Create(new RSAParameters { Modulus = modulus, Exponent = exponent })) { KeyId = KeyId };
                    algorithm = Algorithm;
                    break;
                case JsonWebAlgorithmsKeyTypes.EllipticCurve when X is not null && Y is not null && MediaTokenAlgorithms.NamedCurve(Curve) is { } curve:
                    // Creating the key checks that the point lies on the curve.
                    key = new ECDsaSecurityKey(ECDsa.Create(new ECParameters
                    {
                        Curve = curve,
                        Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(X), Y = Base64UrlEncoder.DecodeBytes(Y) },
                    })) { KeyId = KeyId };
                    algorithm = Algorithm ?? MediaTokenAlgorithms.EcdsaAlgorithm(Curve);
                    break;
                default:
                    return null;
            }

            return algorithm is null ? null : new MediaTokenKey(key, algorithm, KeyId, $"'{KeyId}' of the JWKS", Signs: false);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
