using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The validation keys of one media token scheme, found by <c>kid</c> only: a token whose <c>kid</c> names no key is
/// rejected, never tried against every key. Each key carries the verifier of its one algorithm, made once here so that
/// no request builds or looks one up.
/// </summary>
internal sealed class MediaTokenKeyRing
{
    public static readonly MediaTokenKeyRing Empty = new(FrozenDictionary<string, MediaTokenVerificationKey>.Empty);

    private readonly FrozenDictionary<string, MediaTokenVerificationKey> _keys;
    private readonly FrozenDictionary<string, MediaTokenVerificationKey>.AlternateLookup<ReadOnlySpan<char>> _keysBySpan;

    private MediaTokenKeyRing(FrozenDictionary<string, MediaTokenVerificationKey> keys)
    {
        _keys = keys;
        _keysBySpan = keys.GetAlternateLookup<ReadOnlySpan<char>>();
        LongestKeyId = keys.Keys.Select(keyId => keyId.Length).DefaultIfEmpty().Max();
        HasAsymmetricKey = keys.Values.Any(key => MediaTokenAlgorithms.Family(key.Key) is KeyFamily.Rsa or KeyFamily.Ecdsa);
    }

    /// <summary>The length of the longest <c>kid</c>; a longer one names no key.</summary>
    public int LongestKeyId { get; }

    /// <summary>Whether any key is an RSA or EC key, whose verify costs far more than hashing the token.</summary>
    public bool HasAsymmetricKey { get; }

    /// <summary>
    /// A ring of <paramref name="keys"/> by <c>kid</c>; of keys sharing a <c>kid</c>, the first wins. A key whose
    /// algorithm is not in <paramref name="validAlgorithms"/> or does not fit it verifies nothing.
    /// </summary>
    public static MediaTokenKeyRing Create(IEnumerable<MediaTokenKey> keys, ISet<string> validAlgorithms)
    {
        var keysById = new Dictionary<string, MediaTokenVerificationKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            // Keys without a kid are reported by options validation; they can never match a token.
            if (key.KeyId is { Length: > 0 } keyId && !keysById.ContainsKey(keyId))
            {
                keysById.Add(keyId, new MediaTokenVerificationKey(key.Key, CreateVerifier(key, validAlgorithms)));
            }
        }

        return new MediaTokenKeyRing(keysById.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool TryGetKey(ReadOnlySpan<char> keyId, out MediaTokenVerificationKey? key) => _keysBySpan.TryGetValue(keyId, out key);

    private static MediaTokenVerifier? CreateVerifier(MediaTokenKey key, ISet<string> validAlgorithms)
    {
        // A key of another family must never verify the algorithm, lest an RSA or EC public key be used as an HMAC
        // secret (algorithm confusion); options validation reports the mismatch, this keeps the key inert meanwhile.
        if (!validAlgorithms.Contains(key.Algorithm) || MediaTokenAlgorithms.Family(key.Algorithm) != MediaTokenAlgorithms.Family(key.Key))
        {
            return null;
        }

        try
        {
            // Not taken from the factory's cache: the scheme owns these for as long as its options live.
            var provider = key.Key.CryptoProviderFactory.CreateForVerifying(key.Key, key.Algorithm, cacheProvider: false);
            return new MediaTokenVerifier(Encoding.UTF8.GetBytes(key.Algorithm), provider, MediaTokenAlgorithms.HmacSignatureLength(key.Algorithm));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or CryptographicException)
        {
            // This key cannot verify its algorithm (a key too short for it, say): options validation reports why.
            return null;
        }
    }
}
