using System.Diagnostics.CodeAnalysis;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Options for the Redis one-time token store. Set exactly one of <see cref="Configuration"/>,
/// <see cref="ConfigurationOptions"/> and <see cref="ConnectionMultiplexerFactory"/>.
/// </summary>
public sealed class RedisOneTimeTokenStoreOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6380,ssl=true,password=...</c>. Options the string leaves out get fail-fast defaults: connect
    /// timeout 2 s, command timeout 1 s, no queueing of commands while disconnected, reconnection in the background
    /// (<c>abortConnect=false</c>), and no key names in exception messages.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// The StackExchange.Redis configuration, used as given (its own defaults apply, not those of
    /// <see cref="Configuration"/>).
    /// </summary>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Creates the connection, for a host that shares one <see cref="IConnectionMultiplexer"/> between several uses.
    /// The store never disposes a connection it did not create.
    /// </summary>
    [DisallowNull]
    public Func<Task<IConnectionMultiplexer>>? ConnectionMultiplexerFactory { get; set; }

    /// <summary>
    /// The prefix of every key, so that several applications can share one Redis database. Every instance of one
    /// application must use the same prefix. Defaults to <c>MediaAuth:OneTimeToken:</c>.
    /// </summary>
    public string InstanceName { get; set; } = "MediaAuth:OneTimeToken:";

    /// <summary>
    /// How many replicas must acknowledge a redemption before it is granted; 0 (the default) grants on the primary's
    /// answer. Redis replicates asynchronously: after the primary answered a <c>GETDEL</c>, a failover (Sentinel,
    /// Cluster, a managed service) can promote a replica the delete has not reached, where the token can be redeemed
    /// again. With 1 or more, each redemption is followed by <c>WAIT</c> on the same server and refused (fail closed,
    /// the token is spent) when fewer replicas acknowledge within <see cref="ReplicaAcknowledgementTimeout"/>.
    /// </summary>
    /// <remarks>
    /// The cost: every redemption waits for a round trip to a replica, and <c>WAIT</c> holds the connection's later
    /// commands behind it, so a server's redemptions are serialized at one replica round trip each. While fewer
    /// replicas than this are up, no token can be redeemed. Failover must promote a replica that acknowledged:
    /// Sentinel and Cluster promote the replica with the most replicated data, which with one replica, or with this
    /// set to the number of replicas, is one that acknowledged.
    /// </remarks>
    public int ReplicaAcknowledgements { get; set; }

    /// <summary>
    /// How long a redemption waits for <see cref="ReplicaAcknowledgements"/>; 200 ms by default. It must be shorter
    /// than the connection's command timeout (<c>asyncTimeout</c>, 1 second for a <see cref="Configuration"/> string
    /// that leaves it out).
    /// </summary>
    public TimeSpan ReplicaAcknowledgementTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The server version the store goes by in place of the one StackExchange.Redis reports: lets the tests take the
    /// pre-6.2 path on a cluster of newer servers, where hiding <c>INFO</c> would also hide that it is a cluster.
    /// </summary>
    internal Version? AssumedServerVersion { get; set; }
}
