using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// One public key of a JWKS document (RFC 7517, RFC 7518 §6): RSA (<c>n</c>, <c>e</c>) or EC (<c>crv</c>, <c>x</c>,
/// <c>y</c>). Symmetric keys have no public form, so an <c>oct</c> key is never written and never read.
/// </summary>
internal sealed class MediaTokenJsonWebKey
{
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

    /// <summary>The public half of <paramref name="key"/>, or <see langword="null"/> when it is not RSA or EC.</summary>
    public static MediaTokenJsonWebKey? FromSecurityKey(SecurityKey key, string? algorithm)
    {
        switch (key)
        {
            case RsaSecurityKey rsaKey:
                var rsa = rsaKey.Rsa?.ExportParameters(includePrivateParameters: false) ?? rsaKey.Parameters;
                return new MediaTokenJsonWebKey
                {
                    KeyType = JsonWebAlgorithmsKeyTypes.RSA,
                    KeyId = key.KeyId,
                    Use = JsonWebKeyUseNames.Sig,
                    Algorithm = algorithm,
                    Modulus = Base64UrlEncoder.Encode(rsa.Modulus),
                    Exponent = Base64UrlEncoder.Encode(rsa.Exponent),
                };
            case ECDsaSecurityKey ecKey:
                var ec = ecKey.ECDsa.ExportParameters(includePrivateParameters: false);
                var curve = CurveName(ecKey.ECDsa.KeySize);
                return curve is null ? null : new MediaTokenJsonWebKey
                {
                    KeyType = JsonWebAlgorithmsKeyTypes.EllipticCurve,
                    KeyId = key.KeyId,
                    Use = JsonWebKeyUseNames.Sig,
                    Algorithm = algorithm ?? EcdsaAlgorithm(curve),
                    Curve = curve,
                    X = Base64UrlEncoder.Encode(ec.Q.X),
                    Y = Base64UrlEncoder.Encode(ec.Q.Y),
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// The key this describes, or <see langword="null"/> when it cannot verify media tokens: no <c>kid</c>, a use other
    /// than <c>sig</c>, a symmetric (<c>oct</c>) or unknown key type, or missing or malformed parameters.
    /// </summary>
    public AsymmetricSecurityKey? ToSecurityKey()
    {
        if (string.IsNullOrEmpty(KeyId) || (Use is not null && Use != JsonWebKeyUseNames.Sig))
        {
            return null;
        }

        try
        {
            switch (KeyType)
            {
                case JsonWebAlgorithmsKeyTypes.RSA when Modulus is not null && Exponent is not null:
                    var rsa = RSA.Create(new RSAParameters
                    {
                        Modulus = Base64UrlEncoder.DecodeBytes(Modulus),
                        Exponent = Base64UrlEncoder.DecodeBytes(Exponent),
                    });
                    return rsa.KeySize >= 2048 ? new RsaSecurityKey(rsa) { KeyId = KeyId } : null;
                case JsonWebAlgorithmsKeyTypes.EllipticCurve when X is not null && Y is not null && NamedCurve(Curve) is { } curve:
                    var ecdsa = ECDsa.Create(new ECParameters
                    {
                        Curve = curve,
                        Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(X), Y = Base64UrlEncoder.DecodeBytes(Y) },
                    });
                    return new ECDsaSecurityKey(ecdsa) { KeyId = KeyId };
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static string? CurveName(int keySize) => keySize switch
    {
        256 => JsonWebKeyECTypes.P256,
        384 => JsonWebKeyECTypes.P384,
        521 => JsonWebKeyECTypes.P521,
        _ => null,
    };

    private static string EcdsaAlgorithm(string curve) => curve switch
    {
        JsonWebKeyECTypes.P256 => SecurityAlgorithms.EcdsaSha256,
        JsonWebKeyECTypes.P384 => SecurityAlgorithms.EcdsaSha384,
        _ => SecurityAlgorithms.EcdsaSha512,
    };

    private static ECCurve? NamedCurve(string? curve) => curve switch
    {
        JsonWebKeyECTypes.P256 => ECCurve.NamedCurves.nistP256,
        JsonWebKeyECTypes.P384 => ECCurve.NamedCurves.nistP384,
        JsonWebKeyECTypes.P521 => ECCurve.NamedCurves.nistP521,
        _ => null,
    };
}
