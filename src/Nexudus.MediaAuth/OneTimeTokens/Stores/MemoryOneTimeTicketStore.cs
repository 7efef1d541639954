using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// The in-process store, on <see cref="MemoryCache"/>: the default when the host registers no
/// <see cref="IOneTimeTokenStore"/>. Tokens issued by one instance can be redeemed only there; use a distributed store
/// for several instances.
/// </summary>
/// <remarks>
/// Tickets are kept as objects, neither serialized nor protected: nothing leaves the process, and a dump of the
/// process's memory holds the Data Protection keys as well, so protecting them here would buy nothing and cost most
/// of an issue and redemption. The customer is copied at issue, so the principal a redemption returns does not change
/// with the issuing request's.
/// <para>
/// <see cref="IMemoryCache"/> has no atomic get-and-remove, so each entry is a box whose customer the first taker swaps
/// out with <see cref="Interlocked.Exchange{T}(ref T, T)"/>; later takers find it empty.
/// </para>
/// <para>
/// The store holds at most <c>OneTimeTokenOptions.MaxLiveTokens</c> entries, tickets and revocation stamps
/// together, and fails closed beyond: it throws
/// <see cref="OneTimeTokenStoreFullException"/> rather than evict a live ticket, which would silently break a link a
/// customer is about to follow. Expired entries are purged by a timer on the <see cref="TimeProvider"/>:
/// <see cref="MemoryCache"/> scans for them only on access, so after a burst nobody follows up, the entries and their
/// memory would otherwise stay until the next request.
/// </para>
/// </remarks>
internal sealed class MemoryOneTimeTicketStore : OneTimeTicketStore, IDisposable
{
    /// <summary>How often expired entries are purged: a tenth of the default one-time token lifetime (60 seconds).</summary>
    private static readonly TimeSpan PurgePeriod = TimeSpan.FromSeconds(6);

    private readonly MemoryCache _cache;
    private readonly Lock _addGate = new();
    private readonly Func<int> _maxLiveTokens;
    private readonly MediaAuthMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ITimer _purgeTimer;
    private bool _full;

    public MemoryOneTimeTicketStore(
        Func<int> maxLiveTokens,
        MediaAuthMetrics metrics,
        TimeProvider timeProvider,
        ILogger<MemoryOneTimeTicketStore> logger)
        : base(metrics, timeProvider, nameof(MemoryOneTimeTicketStore))
    {
        _maxLiveTokens = maxLiveTokens;
        _metrics = metrics;
        _logger = logger;
        // The cache expires entries on the same clock as the service, so a purge drops exactly the expired tickets.
#pragma warning disable CS0618 // ISystemClock is the only clock MemoryCacheOptions takes.
        _cache = new MemoryCache(new MemoryCacheOptions { Clock = new TimeProviderClock(timeProvider) });
#pragma warning restore CS0618
        _purgeTimer = timeProvider.CreateTimer(static cache => ((MemoryCache)cache!).Compact(0), _cache, PurgePeriod, PurgePeriod);
    }

    public override ValueTask<bool> TryAddAsync(string key, OneTimeTicket ticket, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var customer = Copy(ticket.Customer);
        return ValueTask.FromResult(TimedSet(StoreOperation.Add, key, new Entry(customer, ticket with { Customer = customer }), timeToLive, replace: false));
    }

    public override ValueTask SetStampAsync(string key, string stamp, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        TimedSet(StoreOperation.SetStamp, key, new Stamp(stamp), timeToLive, replace: true);
        return ValueTask.CompletedTask;
    }

    // Nothing in a read or a take can throw but a bug; they are timed all the same, so every store reports every
    // operation.
    public override ValueTask<(bool Found, OneTimeTicket? Ticket)> TryTakeAsync(string key, CancellationToken cancellationToken)
    {
        var timing = StartTiming(StoreOperation.Take);
        var taken = TryTake(key);
        timing.Completed();
        return ValueTask.FromResult(taken);
    }

    public override ValueTask<OneTimeTicket?> PeekAsync(string key, CancellationToken cancellationToken)
    {
        var timing = StartTiming(StoreOperation.Peek);
        var ticket = Peek(key);
        timing.Completed();
        return ValueTask.FromResult(ticket);
    }

    public override ValueTask<string?> GetStampAsync(string key, CancellationToken cancellationToken)
    {
        var timing = StartTiming(StoreOperation.GetStamp);
        var stamp = _cache.TryGetValue(key, out Stamp? found) ? found?.Value : null;
        timing.Completed();
        return ValueTask.FromResult(stamp);
    }

    /// <summary>
    /// <see cref="TrySet"/>, timed: the only store call here that throws, when the store is full.
    /// </summary>
    private bool TimedSet(string operation, string key, object value, TimeSpan timeToLive, bool replace)
    {
        var timing = StartTiming(operation);
        try
        {
            var set = TrySet(key, value, timeToLive, replace);
            timing.Completed();
            return set;
        }
        catch (Exception exception)
        {
            timing.Failed(exception);
            throw;
        }
    }

    /// <summary>
    /// Stores a ticket or a revocation stamp. Both count towards <c>OneTimeTokenOptions.MaxLiveTokens</c>, so
    /// revocations cannot grow the store past its bound either; replacing a stamp does not grow it.
    /// </summary>
    private bool TrySet(string key, object value, TimeSpan timeToLive, bool replace)
    {
        lock (_addGate)
        {
            var present = _cache.TryGetValue(key, out _);
            if (present && !replace)
            {
                return false;
            }

            var maxLiveTokens = _maxLiveTokens();
            if (!present && _cache.Count >= maxLiveTokens)
            {
                ThrowStoreFull(maxLiveTokens);
            }

            // Kept a purge period past its expiry, so that a token redeemed just too late is refused as expired, not
            // unknown, and a stamp outlives every ticket issued before it by as much.
            _cache.Set(key, value, timeToLive + PurgePeriod);
            _full = false;
            return true;
        }
    }

    private OneTimeTicket? Peek(string key) =>
        _cache.TryGetValue(key, out Entry? entry) && entry?.Customer is { } customer ? entry.Ticket with { Customer = customer } : null;

    /// <summary>
    /// Refuses the issue: counts it, logs the first refusal of an episode, and throws. The count includes the entries
    /// that expired less than two <see cref="PurgePeriod"/>s ago: a purge walks every entry, so it
    /// runs on the timer only, never per refused issue, which under a flood would walk the whole store per request.
    /// </summary>
    [DoesNotReturn]
    private void ThrowStoreFull(int maxLiveTokens)
    {
        _metrics.OneTimeTokenRefusedByFullStore();
        if (!_full)
        {
            _full = true;
            _logger.OneTimeTokenStoreFull(maxLiveTokens);
        }

        throw new OneTimeTokenStoreFullException(maxLiveTokens);
    }

    private (bool Found, OneTimeTicket? Ticket) TryTake(string key)
    {
        if (!_cache.TryGetValue(key, out Entry? entry) || entry is null)
        {
            return (false, null);
        }

        var customer = Interlocked.Exchange(ref entry.Customer, null);
        if (customer is null)
        {
            return (false, null);
        }

        _cache.Remove(key);
        return (true, entry.Ticket with { Customer = customer });
    }

    /// <summary>
    /// A copy of every identity and claim. <see cref="ClaimsPrincipal.Clone"/> alone is not enough: it copies the list
    /// of identities but shares the identities, whose claims the issuing request can still add or remove.
    /// </summary>
    private static ClaimsPrincipal Copy(ClaimsPrincipal customer)
    {
        var copy = new ClaimsPrincipal();
        foreach (var identity in customer.Identities)
        {
            copy.AddIdentity(identity.Clone());
        }

        return copy;
    }

    public void Dispose()
    {
        _purgeTimer.Dispose();
        _cache.Dispose();
    }

    /// <summary>
    /// A ticket whose customer the first taker swaps out; <see cref="Ticket"/> holds the rest of it.
    /// </summary>
    private sealed class Entry(ClaimsPrincipal customer, OneTimeTicket ticket)
    {
        public ClaimsPrincipal? Customer = customer;

        public OneTimeTicket Ticket { get; } = ticket;
    }

    /// <summary>
    /// A customer's revocation stamp: a type of its own, so that a ticket lookup never mistakes it for an entry.
    /// </summary>
    private sealed record Stamp(string Value);
}
