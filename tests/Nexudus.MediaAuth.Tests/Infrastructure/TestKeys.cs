using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>Fixed signing keys for tests, one per algorithm family.</summary>
public static class TestKeys
{
    public static readonly SymmetricSecurityKey Hmac = new(Convert.FromHexString("8f2c1b7a9d4e6f3021c5b8a7e9d0f1a2b3c4d5e6f708192a3b4c5d6e7f809112")) { KeyId = "hmac-1" };

    public static readonly SymmetricSecurityKey OtherHmac = new(Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111")) { KeyId = "hmac-1" };

    public static readonly RsaSecurityKey Rsa = new(RSA.Create(2048)) { KeyId = "rsa-1" };

    /// <summary>An RSA key of its own for PS256: a key validates one algorithm only.</summary>
    public static readonly RsaSecurityKey RsaPss = new(RSA.Create(2048)) { KeyId = "rsa-pss-1" };

    public static readonly ECDsaSecurityKey Ecdsa = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "ec-1" };

    public static SigningCredentials HmacCredentials => new(Hmac, SecurityAlgorithms.HmacSha256);
}
