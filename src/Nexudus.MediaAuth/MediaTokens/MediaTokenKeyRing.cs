using System.Collections.Frozen;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The validation keys of one media token scheme, found by <c>kid</c> only: a token whose <c>kid</c> names no key is
/// rejected, never tried against every key.
/// </summary>
internal sealed class MediaTokenKeyRing
{
    public static readonly MediaTokenKeyRing Empty = new(FrozenDictionary<string, SecurityKey>.Empty);

    private readonly FrozenDictionary<string, SecurityKey> _keys;

    private MediaTokenKeyRing(FrozenDictionary<string, SecurityKey> keys) => _keys = keys;

    public IEnumerable<SecurityKey> Keys => _keys.Values;

    public static MediaTokenKeyRing Create(SecurityKey? signingKey, IEnumerable<SecurityKey> validationKeys)
    {
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var key in validationKeys.Prepend(signingKey).OfType<SecurityKey>())
        {
            // Keys without a kid are reported by options validation; they can never match a token.
            if (key.KeyId is { Length: > 0 } keyId)
            {
                keys.TryAdd(keyId, key);
            }
        }

        return new MediaTokenKeyRing(keys.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool TryGetKey(string? keyId, out SecurityKey? key)
    {
        if (keyId is null)
        {
            key = null;
            return false;
        }

        return _keys.TryGetValue(keyId, out key);
    }

    /// <summary>
    /// Whether <paramref name="algorithm"/> is one a key of this kind can produce, so that an HMAC token can never be
    /// checked with an RSA or EC public key used as the secret (algorithm confusion).
    /// </summary>
    public static bool IsAlgorithmForKey(string algorithm, SecurityKey key) => key switch
    {
        SymmetricSecurityKey => algorithm.StartsWith("HS", StringComparison.Ordinal),
        RsaSecurityKey => algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal),
        ECDsaSecurityKey => algorithm.StartsWith("ES", StringComparison.Ordinal),
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.Octet } => algorithm.StartsWith("HS", StringComparison.Ordinal),
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA } => algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal),
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve } => algorithm.StartsWith("ES", StringComparison.Ordinal),
        X509SecurityKey => algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal) || algorithm.StartsWith("ES", StringComparison.Ordinal),
        _ => false,
    };
}
