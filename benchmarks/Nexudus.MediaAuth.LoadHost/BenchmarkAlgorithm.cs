using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.LoadHost;

/// <summary>
/// The JWS algorithms the benchmarks compare, each with a freshly generated key of the usual size.
/// </summary>
public static class BenchmarkAlgorithm
{
    public static readonly string[] All = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static SigningCredentials CreateCredentials(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha256 => new SigningCredentials(
            new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "bench-hmac" }, algorithm),
        SecurityAlgorithms.RsaSha256 => new SigningCredentials(
            new RsaSecurityKey(RSA.Create(2048)) { KeyId = "bench-rsa" }, algorithm),
        SecurityAlgorithms.EcdsaSha256 => new SigningCredentials(
            new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "bench-ec" }, algorithm),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Use HS256, RS256 or ES256."),
    };
}
