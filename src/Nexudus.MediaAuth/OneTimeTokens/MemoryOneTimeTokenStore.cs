using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.OneTimeTokens;

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
/// </remarks>
internal sealed class MemoryOneTimeTokenStore(MediaAuthMetrics metrics, TimeProvider timeProvider)
    : OneTimeTicketStore(metrics, timeProvider, nameof(MemoryOneTimeTokenStore)), IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly Lock _addGate = new();

    public override ValueTask<bool> TryAddAsync(string key, OneTimeTicket ticket, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var entry = new Entry(Copy(ticket.Customer), ticket.ExpiresUtc);
        return TimeAsync(
            StoreOperation.Add,
            (Store: this, Key: key, Entry: entry, TimeToLive: timeToLive),
            static call => ValueTask.FromResult(call.Store.TryAdd(call.Key, call.Entry, call.TimeToLive)));
    }

    public override ValueTask<(bool Found, OneTimeTicket? Ticket)> TryTakeAsync(string key, CancellationToken cancellationToken) =>
        TimeAsync(StoreOperation.Take, (Store: this, Key: key), static call => ValueTask.FromResult(call.Store.TryTake(call.Key)));

    private bool TryAdd(string key, Entry entry, TimeSpan timeToLive)
    {
        lock (_addGate)
        {
            if (_cache.TryGetValue(key, out _))
            {
                return false;
            }

            _cache.Set(key, entry, timeToLive);
            return true;
        }
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
        return (true, new OneTimeTicket(customer, entry.ExpiresUtc));
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

    public void Dispose() => _cache.Dispose();

    private sealed class Entry(ClaimsPrincipal customer, DateTimeOffset expiresUtc)
    {
        public ClaimsPrincipal? Customer = customer;

        public DateTimeOffset ExpiresUtc { get; } = expiresUtc;
    }
}
