using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// One validation key of a scheme and the verifier of its one algorithm (RFC 8725 §3.1).
/// </summary>
internal sealed class MediaTokenVerificationKey
{
    private readonly MediaTokenVerifier? _verifier;

    public MediaTokenVerificationKey(SecurityKey key, MediaTokenVerifier? verifier)
    {
        Key = key;
        _verifier = verifier;
    }

    public SecurityKey Key { get; }

    /// <summary>
    /// The key's verifier when the token's <c>alg</c> (as UTF-8) is the key's algorithm, and that algorithm is allowed.
    /// </summary>
    public MediaTokenVerifier? FindVerifier(ReadOnlySpan<byte> algorithm) =>
        _verifier is not null && algorithm.SequenceEqual(_verifier.Algorithm) ? _verifier : null;
}
