using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The keys of a validation-only scheme, fetched from its <c>JwksUri</c>: the ring of the last good key set, swapped
/// atomically whenever a fetch brings new keys (the scheme then validates with a new, empty validation cache).
/// </summary>
/// <remarks>
/// Refresh follows IdentityModel's <c>ConfigurationManager</c>: an automatic refresh every
/// <see cref="MediaTokenJwksParameters.RefreshInterval"/>, and one requested by a token with an unknown <c>kid</c>,
/// which is honoured at most once per <see cref="MediaTokenJwksParameters.MinimumRefreshInterval"/> so that junk tokens
/// cannot make every request fetch. Fetches never overlap: concurrent requests wait for the one in progress. Until a
/// fetch has succeeded there are no keys and every token is rejected.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "Lives as long as the scheme's options, which are not disposable.")]
internal sealed class MediaTokenJwksKeySource : IMediaTokenKeySource
{
    private readonly string _authenticationScheme;
    private readonly MediaTokenJwksParameters _parameters;
    private readonly HttpClient _backchannel;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile MediaTokenKeyRing? _keys;
    private long _nextAutomaticRefreshUtcTicks;
    private DateTimeOffset _lastFetch = DateTimeOffset.MinValue;
    private Task _fetch = Task.CompletedTask;

    public MediaTokenJwksKeySource(string authenticationScheme, MediaTokenJwksParameters parameters, HttpClient backchannel, TimeProvider timeProvider, ILogger logger)
    {
        _authenticationScheme = authenticationScheme;
        _parameters = parameters;
        _backchannel = backchannel;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// The current keys, waiting for the first fetch when none has succeeded yet; <see langword="null"/> while no fetch
    /// has ever succeeded. When the automatic refresh is due it starts in the
    /// background and this request, like every other until it ends, keeps the current keys, as IdentityModel's
    /// <c>ConfigurationManager</c> does: a slow or unreachable issuer must not hold requests up.
    /// </summary>
    public ValueTask<MediaTokenKeyRing?> GetKeysAsync()
    {
        var keys = _keys;
        if (keys is null)
        {
            return FirstKeysAsync();
        }

        if (_timeProvider.GetUtcNow().UtcTicks >= Volatile.Read(ref _nextAutomaticRefreshUtcTicks))
        {
            _ = RefreshAsync(unknownKey: false);
        }

        return ValueTask.FromResult<MediaTokenKeyRing?>(keys);
    }

    private async ValueTask<MediaTokenKeyRing?> FirstKeysAsync()
    {
        await RefreshAsync(unknownKey: false);
        return _keys;
    }

    /// <summary>
    /// Fetches the keys again because a token named a <c>kid</c> they lack, unless the last fetch was less than the
    /// minimum refresh interval ago; returns the new keys, or <see langword="null"/> when nothing changed.
    /// </summary>
    public async ValueTask<MediaTokenKeyRing?> RefreshForUnknownKeyAsync(MediaTokenKeyRing current)
    {
        await RefreshAsync(unknownKey: true);
        var keys = _keys;
        return ReferenceEquals(keys, current) ? null : keys;
    }

    // Fetches never overlap: a request that finds one in progress waits for it instead of starting another.
    private Task RefreshAsync(bool unknownKey)
    {
        lock (_gate)
        {
            if (!_fetch.IsCompleted)
            {
                return _fetch;
            }

            var now = _timeProvider.GetUtcNow();
            var due = _keys is null || now.UtcTicks >= _nextAutomaticRefreshUtcTicks;
            if ((!due && !unknownKey) || now - _lastFetch < _parameters.MinimumRefreshInterval)
            {
                return Task.CompletedTask;
            }

            _lastFetch = now;
            return _fetch = FetchAsync(now);
        }
    }

    private async Task FetchAsync(DateTimeOffset now)
    {
        if (await FetchKeysAsync() is { } keys)
        {
            _keys = keys;
            Volatile.Write(ref _nextAutomaticRefreshUtcTicks, (now + _parameters.RefreshInterval).UtcTicks);
        }
    }

    private async Task<MediaTokenKeyRing?> FetchKeysAsync()
    {
        List<MediaTokenKey> keys;
        int ignored;
        try
        {
            var document = await FetchDocumentAsync();
            (keys, ignored) = UsableKeys(document);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException or JsonException or OperationCanceledException or NotSupportedException)
        {
            // InvalidDataException is a refused document, with a message of this class's own that quotes none of it.
            _logger.JwksFetchFailed(_authenticationScheme, ex);
            return null;
        }

        _logger.JwksFetched(_authenticationScheme, keys.Count, ignored);
        return MediaTokenKeyRing.Create(keys, _parameters.ValidAlgorithms);
    }

    /// <summary>
    /// The document at <see cref="MediaTokenJwksParameters.JwksUri"/>, read to at most <see cref="MediaTokenJwksParameters.MaxBytes"/>
    /// whatever its <c>Content-Length</c> says.
    /// </summary>
    private async Task<MediaTokenJsonWebKeySet> FetchDocumentAsync()
    {
        using var response = await _backchannel.GetAsync(_parameters.JwksUri, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var buffer = new byte[_parameters.MaxBytes + 1];
        var length = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length))) > 0)
            {
                length += read;
            }
        }

        if (length > _parameters.MaxBytes)
        {
            throw new InvalidDataException($"The JWKS is larger than JwksMaxBytes ({_parameters.MaxBytes} bytes).");
        }

        var document = JsonSerializer.Deserialize(buffer.AsSpan(0, length), MediaTokenKeysJsonSerializerContext.Default.MediaTokenJsonWebKeySet);
        if (document?.Keys is not { } entries)
        {
            throw new InvalidDataException("The JWKS is not an object with a keys array.");
        }

        if (entries.Count > _parameters.MaxKeys)
        {
            throw new InvalidDataException($"The JWKS lists {entries.Count} keys, more than JwksMaxKeys ({_parameters.MaxKeys}).");
        }

        return document;
    }

    /// <summary>
    /// The keys of <paramref name="document"/> that pass the checks of configured keys, and how many were ignored: null
    /// entries, keys that cannot verify media tokens, and every key whose <c>kid</c> appears more than once, since a
    /// token naming it could mean either.
    /// </summary>
    private (List<MediaTokenKey> Keys, int Ignored) UsableKeys(MediaTokenJsonWebKeySet document)
    {
        var entries = document.Keys!;
        var kidCounts = entries.Where(entry => entry?.KeyId is not null).CountBy(entry => entry!.KeyId!, StringComparer.Ordinal)
            .ToDictionary(StringComparer.Ordinal);
        var problems = new List<string>();
        var keys = entries
            .Where(entry => entry?.KeyId is { } keyId && kidCounts[keyId] == 1)
            .Select(entry => entry!.ToKey())
            .OfType<MediaTokenKey>()
            .Where(key => MediaTokenKeyCheck.Check(key, _parameters.ValidAlgorithms, problems))
            .ToList();
        if (keys.Count == 0)
        {
            throw new InvalidDataException($"The JWKS has no usable key ({entries.Count} listed).");
        }

        return (keys, entries.Count - keys.Count);
    }
}
