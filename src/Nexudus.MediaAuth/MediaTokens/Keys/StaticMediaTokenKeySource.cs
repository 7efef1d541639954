namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The keys a scheme was given in code or configuration (and the Development key): one ring for as long as the
/// options that hold them, which no token can make it refresh.
/// </summary>
internal sealed class StaticMediaTokenKeySource(MediaTokenKeyRing keys) : IMediaTokenKeySource
{
    public ValueTask<MediaTokenKeyRing?> GetKeysAsync() => ValueTask.FromResult<MediaTokenKeyRing?>(keys);

    public ValueTask<MediaTokenKeyRing?> RefreshForUnknownKeyAsync(MediaTokenKeyRing current) => default;
}
