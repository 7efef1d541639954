namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// Where a media token scheme finds the keys that verify its tokens: the same question whether they were given in code or
/// configuration (<see cref="StaticMediaTokenKeySource"/>) or are fetched from a JWKS (<see cref="MediaTokenJwksKeySource"/>),
/// so that the handler has one path for both.
/// </summary>
internal interface IMediaTokenKeySource
{
    /// <summary>
    /// The keys to verify with now; <see langword="null"/> while there are none to trust (a JWKS never fetched). Completes
    /// synchronously whenever keys are at hand, which is every request but the first of a JWKS scheme.
    /// </summary>
    ValueTask<MediaTokenKeyRing?> GetKeysAsync();

    /// <summary>
    /// Looks for keys newer than <paramref name="current"/> because a token named a <c>kid</c> it lacks (the issuer may
    /// have rotated to a key published since); <see langword="null"/> when there are none, or none may be fetched yet.
    /// </summary>
    ValueTask<MediaTokenKeyRing?> RefreshForUnknownKeyAsync(MediaTokenKeyRing current);
}
