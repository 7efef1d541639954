using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// Where the one-time token service keeps the ticket of each token, under the SHA-256 hex of the token, until it
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
    /// Starts timing a storage call: the caller ends the scope with <see cref="StoreTiming.Completed"/> or
    /// <see cref="StoreTiming.Failed"/>, whether the call throws before or after returning its task.
    /// </summary>
    protected StoreTiming StartTiming(string operation) => new(this, operation, timeProvider.GetTimestamp());

    private void Record(string operation, long started, Exception? failure) =>
        metrics.StoreOperationCompleted(operation, storeType, timeProvider.GetElapsedTime(started), failure);

    /// <summary>
    /// The timing of one storage call, for the <c>store.duration</c> histogram; a struct, so timing allocates nothing.
    /// </summary>
    protected readonly struct StoreTiming
    {
        private readonly OneTimeTicketStore _store;
        private readonly string _operation;
        private readonly long _started;

        internal StoreTiming(OneTimeTicketStore store, string operation, long started)
        {
            _store = store;
            _operation = operation;
            _started = started;
        }

        /// <summary>Records the call as completed.</summary>
        public void Completed() => _store.Record(_operation, _started, failure: null);

        /// <summary>Records the call as failed with <paramref name="exception"/>.</summary>
        public void Failed(Exception exception) => _store.Record(_operation, _started, exception);
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
