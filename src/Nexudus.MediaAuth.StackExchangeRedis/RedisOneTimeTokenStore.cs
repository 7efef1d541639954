using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Keeps one-time token payloads in Redis: issuing is one <c>SET key value PX ttl NX</c>, redeeming one
/// <c>GETDEL</c> (or, before Redis 6.2, its atomic script; see <see cref="RedisGetAndDelete"/>), so that of any number
/// of instances redeeming one token at once exactly one gets it; a revocation stamp is one <c>SET key value PX ttl</c>,
/// reading it or peeking at a token one <c>GET</c>. Every command touches one key, so the store works on Redis Cluster
/// as on one server.
/// </summary>
/// <remarks>
/// The connection is made on first use, so a host starts while Redis is away. Failures propagate to the caller, which
/// refuses the token (fail closed); the first failure of an outage is logged here, and the first success after it.
/// <para>
/// With <see cref="RedisOneTimeTokenStoreOptions.ReplicaAcknowledgements"/> set, a take is granted only once that many
/// replicas acknowledged it (<c>WAIT</c>), so that a failover cannot promote a replica that still holds the token.
/// </para>
/// </remarks>
internal sealed class RedisOneTimeTokenStore : IOneTimeTokenStore, IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeToLive = TimeSpan.FromSeconds(10);

    private readonly RedisOneTimeTokenStoreOptions _options;
    private readonly ILogger _logger;
    private readonly RedisKey _keyPrefix;
    private readonly long _waitTimeoutMilliseconds;
    private readonly SemaphoreSlim _connectionLock = new(initialCount: 1, maxCount: 1);
    private volatile IDatabase? _database;
    private ConnectionMultiplexer? _ownedConnection;
    private string _endpoints;
    private int _failing;
    private bool _disposed;

    public RedisOneTimeTokenStore(IOptions<RedisOneTimeTokenStoreOptions> options, ILogger<RedisOneTimeTokenStore> logger)
    {
        _options = options.Value;
        _logger = logger;
        _keyPrefix = Encoding.UTF8.GetBytes(_options.InstanceName);
        _endpoints = RedisEndpoints.Describe(_options);

        // WAIT's timeout is in whole milliseconds, and 0 waits forever.
        _waitTimeoutMilliseconds = Math.Max(1, (long)Math.Ceiling(_options.ReplicaAcknowledgementTimeout.TotalMilliseconds));
    }

    public async ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        return await RunAsync(
            (Key: _keyPrefix.Append(key), Payload: payload, TimeToLive: timeToLive),
            static (database, call) => database.StringSetAsync(call.Key, call.Payload, call.TimeToLive, When.NotExists),
            cancellationToken);
    }

    public async ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await RunAsync((Store: this, Key: _keyPrefix.Append(key)), static (database, call) => call.Store.TakeAsync(database, call.Key), cancellationToken);
    }

    public ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        return new(RunAsync(
            (Key: _keyPrefix.Append(key), Payload: payload, TimeToLive: timeToLive),
            static (database, call) => database.StringSetAsync(call.Key, call.Payload, call.TimeToLive),
            cancellationToken));
    }

    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await RunAsync(_keyPrefix.Append(key), static (database, redisKey) => database.StringGetAsync(redisKey), cancellationToken);
    }

    /// <summary>
    /// Runs one command, and logs the outage it reveals or the recovery it shows.
    /// </summary>
    private async Task<TResult> RunAsync<TArguments, TResult>(TArguments arguments, Func<IDatabase, TArguments, Task<TResult>> command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var database = await ConnectAsync(cancellationToken);
            var result = await command(database, arguments);
            OnSuccess();
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            OnFailure(exception);
            throw;
        }
    }

    /// <summary>
    /// Issues and redeems a probe entry with the commands tokens use, for the health check: a server that answers
    /// <c>PING</c> but refuses writes (a replica, <c>min-replicas-to-write</c> unmet, out of memory) or replicas that
    /// do not acknowledge fail it as they fail redemptions. Not counted as a store success or failure: the outage log
    /// follows what customers see.
    /// </summary>
    /// <returns><see langword="null"/> when healthy, otherwise why not.</returns>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        var database = await ConnectAsync(cancellationToken);
        RedisKey key = _keyPrefix.Append("health-probe:" + Guid.NewGuid().ToString("N"));
        RedisValue probe = "probe";
        if (!await database.StringSetAsync(key, probe, ProbeTimeToLive, When.NotExists).WaitAsync(cancellationToken))
        {
            return "Redis did not store the probe entry.";
        }

        return await TakeAsync(database, key).WaitAsync(cancellationToken) == probe
            ? null
            : "Redis did not return the probe entry.";
    }

    /// <summary>
    /// Takes the key on the primary holding it, then, when replica acknowledgements are required, grants it only once
    /// enough replicas acknowledged. The key is gone either way: a refused take fails closed.
    /// </summary>
    private async Task<RedisValue> TakeAsync(IDatabase database, RedisKey key)
    {
        var server = database.Multiplexer.GetServer(key, flags: CommandFlags.DemandMaster);
        var payload = await RedisGetAndDelete.ExecuteAsync(database, _options.AssumedServerVersion ?? server.Version, key);
        if (_options.ReplicaAcknowledgements > 0 && !payload.IsNull)
        {
            // WAIT counts the replicas that have every write this client connection sent so far. StackExchange.Redis
            // sends all of one server's commands on one connection, so the WAIT on that server covers the take.
            var acknowledged = (long)await server.ExecuteAsync("WAIT", _options.ReplicaAcknowledgements, _waitTimeoutMilliseconds);
            if (acknowledged < _options.ReplicaAcknowledgements)
            {
                throw new RedisException(
                    $"{acknowledged} of the {_options.ReplicaAcknowledgements} replica acknowledgements required arrived within {_waitTimeoutMilliseconds} ms; the token is refused.");
            }
        }

        return payload;
    }

    private ValueTask<IDatabase> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _database is { } database ? ValueTask.FromResult(database) : ConnectSlowAsync(cancellationToken);
    }

    private async ValueTask<IDatabase> ConnectSlowAsync(CancellationToken cancellationToken)
    {
        await _connectionLock.WaitAsync(cancellationToken);
        try
        {
            if (_database is { } database)
            {
                return database;
            }

            IConnectionMultiplexer connection;
            if (_options.ConnectionMultiplexerFactory is { } factory)
            {
                connection = await factory();
                _endpoints = RedisEndpoints.Describe(connection.GetEndPoints());
            }
            else
            {
                connection = _ownedConnection = await ConnectionMultiplexer.ConnectAsync(
                    _options.ConfigurationOptions ?? FailFastRedisDefaults.Parse(_options.Configuration!));
            }

            return _database = connection.GetDatabase();
        }
        finally
        {
            _connectionLock.Release();
        }
    }

    /// <summary>
    /// Logs the first failure of an outage only: during an outage every request fails, and the caller already answers
    /// each of them.
    /// </summary>
    private void OnFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            _logger.StoreFailing(_endpoints, exception);
        }
    }

    private void OnSuccess()
    {
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
        {
            _logger.StoreRecovered();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _ownedConnection?.Dispose();
        _connectionLock.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_ownedConnection is { } connection)
        {
            await connection.DisposeAsync();
        }

        _connectionLock.Dispose();
    }
}
