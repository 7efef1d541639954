using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Keeps one-time token payloads in Redis: issuing is one <c>SET key value PX ttl NX</c>, redeeming one
/// <c>GETDEL</c> (Redis 6.2 or later), so that of any number of instances redeeming one token at once exactly one
/// gets it; a revocation stamp is one <c>SET key value PX ttl</c>, reading it or peeking at a token one <c>GET</c>.
/// </summary>
/// <remarks>
/// The connection is made on first use, so a host starts while Redis is away. Failures propagate to the caller, which
/// refuses the token (fail closed); the first failure of an outage is logged here, and the first success after it.
/// </remarks>
internal sealed class RedisOneTimeTokenStore : IOneTimeTokenStore, IDisposable, IAsyncDisposable
{
    private readonly RedisOneTimeTokenStoreOptions _options;
    private readonly ILogger _logger;
    private readonly RedisKey _keyPrefix;
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
        return await RunAsync(_keyPrefix.Append(key), static (database, redisKey) => database.StringGetDeleteAsync(redisKey), cancellationToken);
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
    /// Sends <c>PING</c> on the store's connection, for the health check. Not counted as a store success or failure:
    /// the outage log follows what customers see.
    /// </summary>
    public async Task<TimeSpan> PingAsync(CancellationToken cancellationToken)
    {
        var database = await ConnectAsync(cancellationToken);
        return await database.PingAsync().WaitAsync(cancellationToken);
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
