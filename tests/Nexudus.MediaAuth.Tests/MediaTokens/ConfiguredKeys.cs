using System.Security.Cryptography;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// Keys as a host writes them in configuration (<c>Authentication:Schemes:MediaToken</c>), for
/// <see cref="TestHost.StartConfiguredMediaTokenHostAsync"/>.
/// </summary>
public static class ConfiguredKeys
{
    public const string Section = "Authentication:Schemes:MediaToken";

    public static readonly RSA Rsa = RSA.Create(2048);
    public static readonly RSA NextRsa = RSA.Create(2048);
    public static readonly ECDsa Ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static readonly byte[] HmacSecret = RandomNumberGenerator.GetBytes(32);

    /// <summary>The configuration entries of one key under <paramref name="path"/> (e.g. <c>SigningKey</c>, <c>ValidationKeys:0</c>).</summary>
    public static Dictionary<string, string?> Key(string path, string keyId, string algorithm, string? pem = null, string? base64 = null)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{Section}:{path}:KeyId"] = keyId,
            [$"{Section}:{path}:Algorithm"] = algorithm,
        };
        if (pem is not null)
        {
            values[$"{Section}:{path}:Pem"] = pem;
        }

        if (base64 is not null)
        {
            values[$"{Section}:{path}:Base64"] = base64;
        }

        return values;
    }

    public static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(part => part).ToDictionary(entry => entry.Key, entry => entry.Value);
}
