using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// Where <see cref="OneTimeTokenService"/> keeps the ticket of each token, under the SHA-256 hex of the token, until it
/// is taken: in process as an object (<see cref="MemoryOneTimeTicketStore"/>), or protected by Data Protection in the
/// host's <see cref="IOneTimeTokenStore"/> (<see cref="DataProtectedOneTimeTicketStore"/>), the only way out of the
/// process.
/// </summary>
/// <remarks>
/// Each store times its own storage calls, and only them: the <c>store.duration</c> histogram measures the cache or
/// the network round trip, never the copying or protecting of the ticket around it.
/// </remarks>
internal abstract class OneTimeTicketStore(MediaAuthMetrics metrics, TimeProvider timeProvider, string storeType)
{
    /// <summary>
    /// The store the service uses: the in-memory one, unless the host registered an <see cref="IOneTimeTokenStore"/>,
    /// before or after <c>AddOneTimeTokens()</c>.
    /// </summary>
    public static OneTimeTicketStore Create(IServiceProvider services)
    {
        var metrics = services.GetRequiredService<MediaAuthMetrics>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        return services.GetService<IOneTimeTokenStore>() is { } store
            ? new DataProtectedOneTimeTicketStore(store, services.GetRequiredService<IDataProtectionProvider>(), metrics, timeProvider)
            : new MemoryOneTimeTicketStore(
                services.GetRequiredService<IOptionsMonitor<OneTimeTokenOptions>>(),
                metrics,
                timeProvider,
                services.GetRequiredService<ILogger<MemoryOneTimeTicketStore>>());
    }

    /// <summary>
    /// Keeps <paramref name="ticket"/> under <paramref name="key"/> for <paramref name="timeToLive"/>, unless the key is
    /// already present. The ticket was issued <paramref name="timeToLive"/> before it expires.
    /// </summary>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the key was present.</returns>
    public abstract ValueTask<bool> TryAddAsync(string key, OneTimeTicket ticket, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the entry under <paramref name="key"/> and returns its ticket, atomically: of any number of concurrent
    /// callers for one key, at most one gets it.
    /// </summary>
    /// <returns>Whether an entry was found, and its ticket, or <see langword="null"/> when the entry was found but is not
    /// a ticket this library protected (written to the store by someone else, or protected by a key no longer held).</returns>
    public abstract ValueTask<(bool Found, OneTimeTicket? Ticket)> TryTakeAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the ticket under <paramref name="key"/> without taking it.
    /// </summary>
    /// <returns>The ticket, or <see langword="null"/> when there is none, or none this library protected.</returns>
    public abstract ValueTask<OneTimeTicket?> PeekAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the revocation stamp under <paramref name="key"/>, for <paramref name="timeToLive"/>.
    /// </summary>
    public abstract ValueTask SetStampAsync(string key, string stamp, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the revocation stamp under <paramref name="key"/>.
    /// </summary>
    /// <returns>The stamp, or <see langword="null"/> when the customer has none.</returns>
    public abstract ValueTask<string?> GetStampAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a storage call and records its duration, and its failure whether the call throws before or after returning
    /// its task. The call is a static lambda over <paramref name="arguments"/>, so nothing is allocated for it.
    /// </summary>
    protected async ValueTask<TResult> TimeAsync<TArguments, TResult>(string operation, TArguments arguments, Func<TArguments, ValueTask<TResult>> storageCall)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var result = await storageCall(arguments);
            metrics.StoreOperationCompleted(operation, storeType, timeProvider.GetElapsedTime(started), failure: null);
            return result;
        }
        catch (Exception exception)
        {
            metrics.StoreOperationCompleted(operation, storeType, timeProvider.GetElapsedTime(started), exception);
            throw;
        }
    }

    /// <summary>
    /// The values of the <c>store.operation</c> tag.
    /// </summary>
    protected static class StoreOperation
    {
        public const string Add = "add";
        public const string Take = "take";
        public const string Peek = "peek";
        public const string SetStamp = "set_stamp";
        public const string GetStamp = "get_stamp";
    }
}
