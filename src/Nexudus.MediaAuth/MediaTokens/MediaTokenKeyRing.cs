using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The validation keys of one media token scheme, found by <c>kid</c> only: a token whose <c>kid</c> names no key is
/// rejected, never tried against every key. Each key carries a verifier for every allowed algorithm of its family,
/// made once here so that no request builds or looks one up.
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
        HasAsymmetricKey = keys.Values.Any(key => key.Key is not SymmetricSecurityKey and not JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.Octet });
    }

    /// <summary>The length of the longest <c>kid</c>; a longer one names no key.</summary>
    public int LongestKeyId { get; }

    /// <summary>Whether any key is an RSA or EC key, whose verify costs far more than hashing the token.</summary>
    public bool HasAsymmetricKey { get; }

    /// <summary>
    /// A ring of <paramref name="keys"/> by <c>kid</c>; of keys sharing a <c>kid</c>, the first wins.
    /// </summary>
    public static MediaTokenKeyRing Create(IEnumerable<SecurityKey> keys, IEnumerable<string> validAlgorithms)
    {
        var keysById = new Dictionary<string, MediaTokenVerificationKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            // Keys without a kid are reported by options validation; they can never match a token.
            if (key.KeyId is { Length: > 0 } keyId && !keysById.ContainsKey(keyId))
            {
                keysById.Add(keyId, new MediaTokenVerificationKey(key, CreateVerifiers(key, validAlgorithms)));
            }
        }

        return new MediaTokenKeyRing(keysById.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool TryGetKey(ReadOnlySpan<char> keyId, out MediaTokenVerificationKey? key) => _keysBySpan.TryGetValue(keyId, out key);

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

    private static MediaTokenVerifier[] CreateVerifiers(SecurityKey key, IEnumerable<string> validAlgorithms)
    {
        var verifiers = new List<MediaTokenVerifier>();
        foreach (var algorithm in validAlgorithms.Where(algorithm => IsAlgorithmForKey(algorithm, key)))
        {
            SignatureProvider provider;
            try
            {
                // Not taken from the factory's cache: the scheme owns these for as long as its options live.
                provider = key.CryptoProviderFactory.CreateForVerifying(key, algorithm, cacheProvider: false);
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or CryptographicException)
            {
                // This key cannot verify this algorithm (an RSA certificate and ES256, say): tokens using it are refused.
                continue;
            }

            verifiers.Add(new MediaTokenVerifier(Encoding.UTF8.GetBytes(algorithm), provider, HmacSignatureLength(algorithm)));
        }

        return [.. verifiers];
    }

    // An HMAC signature is the whole MAC; a shorter one is refused rather than compared on its prefix.
    private static int HmacSignatureLength(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.HmacSha256 => 32,
        SecurityAlgorithms.HmacSha384 => 48,
        SecurityAlgorithms.HmacSha512 => 64,
        _ => 0,
    };
}
