using System.Collections.Concurrent;

namespace Nexudus.MediaAuth.MediaTokens.Validation;

/// <summary>
/// Remembers the tokens one scheme validated, by <see cref="MediaTokenDigest"/>, so that a repeated token (a PDF
/// viewer's range requests, a page of thumbnails) skips the signature and claim checks.
/// </summary>
/// <remarks>
/// Only a token that passed every check is added, and an entry is only the result of those checks, which depend on
/// nothing but the token and the options. The options' validator owns its cache, so a change of options (a key added
/// or removed, a reload) starts with an empty one. The time checks are not cached: the validator repeats them on every
/// hit, so an entry is never used past the token's expiry. The cache holds at most its capacity: when full, expired
/// entries are dropped, and if that is not enough it is emptied.
/// </remarks>
internal sealed class MediaTokenValidationCache
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<MediaTokenDigest, ValidatedMediaToken> _entries = new();
    private readonly int _capacity;
    private readonly TimeSpan _clockSkew;
    private int _count;
    private int _sweeping;
    private long _nextSweepUtcTicks;

    public MediaTokenValidationCache(int capacity, TimeSpan clockSkew)
    {
        _capacity = capacity;
        _clockSkew = clockSkew;
    }

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(MediaTokenDigest digest, out ValidatedMediaToken? token) => _entries.TryGetValue(digest, out token);

    public void Remove(MediaTokenDigest digest)
    {
        if (_entries.TryRemove(digest, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Add(MediaTokenDigest digest, ValidatedMediaToken token, DateTimeOffset now)
    {
        if (Count >= _capacity || now.UtcTicks >= Volatile.Read(ref _nextSweepUtcTicks))
        {
            Sweep(now);
        }

        if (Count < _capacity && _entries.TryAdd(digest, token))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        // One sweeper at a time; the others just skip adding while the cache is full.
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (digest, token) in _entries)
            {
                if (token.IsExpiredAt(now, _clockSkew))
                {
                    _entries.TryRemove(digest, out _);
                }
            }

            if (_entries.Count >= _capacity)
            {
                _entries.Clear();
            }

            Volatile.Write(ref _count, _entries.Count);
            Volatile.Write(ref _nextSweepUtcTicks, (now + SweepInterval).UtcTicks);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
