namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// Stores one-time token payloads until they are taken, outside the process: register one (for example the Redis
/// store) so that several instances of a host share their tokens. Keys are hashes of tokens: a store never sees a
/// token, so a dump of it cannot be replayed.
/// </summary>
/// <remarks>
/// When no store is registered, tokens are kept in memory, in the process, where the customer's ticket is kept as an
/// object. A registered store receives, for each token, the customer's ticket serialized and protected by ASP.NET Core
/// Data Protection for a purpose that includes its key: a dump of the store holds no readable claims, and a write to it
/// cannot sign anyone in as another customer, since a payload moved to another key does not unprotect there. Instances
/// sharing a store must therefore share the Data Protection key ring too.
/// <para>
/// Each operation maps to one atomic command of a distributed store: <see cref="TryAddAsync"/> to Redis
/// <c>SET key value PX ttl NX</c>, <see cref="TryTakeAsync"/> to <c>GETDEL</c>, <see cref="SetAsync"/> to
/// <c>SET key value PX ttl</c> and <see cref="GetAsync"/> to <c>GET</c>; every command names one key, so a Redis
/// Cluster serves each from one node. Besides tokens, a store keeps one revocation stamp per revoked customer (see
/// <c>IOneTimeTokenService.RevokeAsync</c>), under a key that no token hash can equal. Expiry is enforced by the caller
/// against its own clock; the time to live only lets the store drop entries nobody redeemed.
/// </para>
/// <para>
/// A store that cannot answer throws: the caller then refuses the token (fail closed) and logs the failed request at
/// <c>Debug</c> only, so the store itself logs an outage, once, and not once per request.
/// </para>
/// </remarks>
public interface IOneTimeTokenStore
{
    /// <summary>
    /// Stores <paramref name="payload"/> under <paramref name="key"/> unless the key is already present.
    /// </summary>
    /// <param name="key">The hash of the token.</param>
    /// <param name="payload">The payload: the customer's ticket, protected by Data Protection.</param>
    /// <param name="timeToLive">How long the store must keep the entry at least.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when the key was present.</returns>
    ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the entry under <paramref name="key"/> and returns its payload, atomically: of any number of concurrent
    /// callers for one key, exactly one gets the payload.
    /// </summary>
    /// <param name="key">The hash of the token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The payload, or <see langword="null"/> when there is no entry (never stored, expired or taken).</returns>
    ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="payload"/> under <paramref name="key"/>, replacing any entry there, with a new time to live.
    /// </summary>
    /// <param name="key">The key: a customer's revocation stamp key.</param>
    /// <param name="payload">The payload: the stamp.</param>
    /// <param name="timeToLive">How long the store must keep the entry at least.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the entry is stored.</returns>
    ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the entry under <paramref name="key"/> without removing it.
    /// </summary>
    /// <param name="key">The key: the hash of a token, or a customer's revocation stamp key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The payload, or <see langword="null"/> when there is no entry (never stored, expired or taken).</returns>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default);
}
