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
}
