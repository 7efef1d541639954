using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// One validation key of a scheme and the verifiers of the allowed algorithms of its family.
/// </summary>
internal sealed class MediaTokenVerificationKey
{
    private readonly MediaTokenVerifier[] _verifiers;

    public MediaTokenVerificationKey(SecurityKey key, MediaTokenVerifier[] verifiers)
    {
        Key = key;
        _verifiers = verifiers;
    }

    public SecurityKey Key { get; }

    /// <summary>
    /// The verifier for the token's <c>alg</c> (as UTF-8), if that algorithm is allowed and fits this key.
    /// </summary>
    public MediaTokenVerifier? FindVerifier(ReadOnlySpan<byte> algorithm)
    {
        foreach (var verifier in _verifiers)
        {
            if (algorithm.SequenceEqual(verifier.Algorithm))
            {
                return verifier;
            }
        }

        return null;
    }
}
