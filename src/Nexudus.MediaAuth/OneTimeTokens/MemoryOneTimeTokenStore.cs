using Microsoft.Extensions.Caching.Memory;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// The in-process store, on <see cref="MemoryCache"/>. Tokens issued by one instance can be redeemed only there; use a
/// distributed store for several instances.
/// </summary>
/// <remarks>
/// <see cref="IMemoryCache"/> has no atomic get-and-remove, so each entry is a box whose payload the first taker swaps
/// out with <see cref="Interlocked.Exchange{T}(ref T, T)"/>; later takers find it empty.
/// </remarks>
internal sealed class MemoryOneTimeTokenStore : IOneTimeTokenStore, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly Lock _addGate = new();

    public ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        lock (_addGate)
        {
            if (_cache.TryGetValue(key, out _))
            {
                return ValueTask.FromResult(false);
            }

            _cache.Set(key, new Entry(payload), timeToLive);
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!_cache.TryGetValue(key, out Entry? entry) || entry is null)
        {
            return ValueTask.FromResult<string?>(null);
        }

        var payload = Interlocked.Exchange(ref entry.Payload, null);
        if (payload is not null)
        {
            _cache.Remove(key);
        }

        return ValueTask.FromResult(payload);
    }

    public void Dispose() => _cache.Dispose();

    private sealed class Entry(string payload)
    {
        public string? Payload = payload;
    }
}
