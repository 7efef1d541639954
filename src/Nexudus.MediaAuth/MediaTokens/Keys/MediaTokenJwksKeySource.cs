using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The keys of a validation-only scheme, fetched from <see cref="MediaTokenOptions.JwksUri"/>: a validator over the
/// last good key set, swapped atomically (with a new, empty validation cache) whenever a fetch brings new keys.
/// </summary>
/// <remarks>
/// Refresh follows IdentityModel's <c>ConfigurationManager</c>: an automatic refresh every
/// <see cref="MediaTokenOptions.JwksRefreshInterval"/>, and one requested by a token with an unknown <c>kid</c>,
/// which is honoured at most once per <see cref="MediaTokenOptions.JwksMinimumRefreshInterval"/> so that junk tokens
/// cannot make every request fetch. Fetches never overlap: concurrent requests wait for the one in progress. Until a
/// fetch has succeeded there is no validator and every token is rejected.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "Lives as long as the scheme's options, which are not disposable.")]
internal sealed class MediaTokenJwksKeySource
{
    private readonly string _authenticationScheme;
    private readonly MediaTokenOptions _options;
    private readonly HttpClient _backchannel;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile MediaTokenValidator? _validator;
    private long _nextAutomaticRefreshUtcTicks;
    private DateTimeOffset _lastFetch = DateTimeOffset.MinValue;
    private Task _fetch = Task.CompletedTask;

    public MediaTokenJwksKeySource(string authenticationScheme, MediaTokenOptions options, HttpClient backchannel, TimeProvider timeProvider, ILogger logger)
    {
        _authenticationScheme = authenticationScheme;
        _options = options;
        _backchannel = backchannel;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// The validator of the current keys, waiting for the first fetch when none has succeeded yet;
    /// <see langword="null"/> while no fetch has ever succeeded. When the automatic refresh is due it starts in the
    /// background and this request, like every other until it ends, keeps the current keys, as IdentityModel's
    /// <c>ConfigurationManager</c> does: a slow or unreachable issuer must not hold requests up.
    /// </summary>
    public ValueTask<MediaTokenValidator?> GetValidatorAsync()
    {
        var validator = _validator;
        if (validator is null)
        {
            return FirstValidatorAsync();
        }

        if (_timeProvider.GetUtcNow().UtcTicks >= Volatile.Read(ref _nextAutomaticRefreshUtcTicks))
        {
            _ = RefreshAsync(unknownKey: false);
        }

        return ValueTask.FromResult<MediaTokenValidator?>(validator);
    }

    private async ValueTask<MediaTokenValidator?> FirstValidatorAsync()
    {
        await RefreshAsync(unknownKey: false);
        return _validator;
    }

    /// <summary>
    /// Fetches the keys again because a token named a <c>kid</c> they lack, unless the last fetch was less than the
    /// minimum refresh interval ago; returns the new validator, or <see langword="null"/> when nothing changed.
    /// </summary>
    public async ValueTask<MediaTokenValidator?> RefreshForUnknownKeyAsync(MediaTokenValidator current)
    {
        await RefreshAsync(unknownKey: true);
        var validator = _validator;
        return ReferenceEquals(validator, current) ? null : validator;
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
            var due = _validator is null || now.UtcTicks >= _nextAutomaticRefreshUtcTicks;
            if ((!due && !unknownKey) || now - _lastFetch < _options.JwksMinimumRefreshInterval)
            {
                return Task.CompletedTask;
            }

            _lastFetch = now;
            return _fetch = FetchAsync(now);
        }
    }

    private async Task FetchAsync(DateTimeOffset now)
    {
        if (await FetchValidatorAsync() is { } validator)
        {
            _validator = validator;
            Volatile.Write(ref _nextAutomaticRefreshUtcTicks, (now + _options.JwksRefreshInterval).UtcTicks);
        }
    }

    private async Task<MediaTokenValidator?> FetchValidatorAsync()
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
        var keyRing = MediaTokenKeyRing.Create(keys, _options.ValidAlgorithms);
        return new MediaTokenValidator(_authenticationScheme, _options, keyRing);
    }

    /// <summary>
    /// The document at <see cref="MediaTokenOptions.JwksUri"/>, read to at most <see cref="MediaTokenOptions.JwksMaxBytes"/>
    /// whatever its <c>Content-Length</c> says.
    /// </summary>
    private async Task<MediaTokenJsonWebKeySet> FetchDocumentAsync()
    {
        using var response = await _backchannel.GetAsync(_options.JwksUri, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var buffer = new byte[_options.JwksMaxBytes + 1];
        var length = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length))) > 0)
            {
                length += read;
            }
        }

        if (length > _options.JwksMaxBytes)
        {
            throw new InvalidDataException($"The JWKS is larger than JwksMaxBytes ({_options.JwksMaxBytes} bytes).");
        }

        var document = JsonSerializer.Deserialize(buffer.AsSpan(0, length), MediaAuthJsonSerializerContext.Default.MediaTokenJsonWebKeySet);
        if (document?.Keys is not { } entries)
        {
            throw new InvalidDataException("The JWKS is not an object with a keys array.");
        }

        if (entries.Count > _options.JwksMaxKeys)
        {
            throw new InvalidDataException($"The JWKS lists {entries.Count} keys, more than JwksMaxKeys ({_options.JwksMaxKeys}).");
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
            .Where(key => MediaTokenKeyCheck.Check(key, _options.ValidAlgorithms, problems))
            .ToList();
        if (keys.Count == 0)
        {
            throw new InvalidDataException($"The JWKS has no usable key ({entries.Count} listed).");
        }

        return (keys, entries.Count - keys.Count);
    }
}
