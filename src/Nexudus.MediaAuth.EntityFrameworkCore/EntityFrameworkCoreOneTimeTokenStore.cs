using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// Keeps one-time token payloads in a table of the host's <see cref="DbContext"/>. Redeeming is one statement that
/// deletes the row and returns its payload (<c>DELETE … RETURNING</c> on PostgreSQL and SQLite, <c>DELETE … OUTPUT</c>
/// on SQL Server), so that of any number of instances redeeming one token at once exactly one gets it; on other
/// providers a read is followed by a conditional delete whose affected row count decides.
/// </summary>
/// <remarks>
/// Each operation runs on a context of its own service scope. Failures propagate to the caller, which refuses the token
/// (fail closed); the first failure of an outage is logged here, and the first success after it. Expired rows are
/// never returned, and are deleted in the background, at most once per <see cref="EntityFrameworkCoreOneTimeTokenStoreOptions.PurgeInterval"/>.
/// </remarks>
internal sealed class EntityFrameworkCoreOneTimeTokenStore : IOneTimeTokenStore, IAsyncDisposable
{
    private const string ProbePayload = "probe";
    private static readonly TimeSpan ProbeTimeToLive = TimeSpan.FromMinutes(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IServiceProvider, DbContext> _resolveContext;
    private readonly string _contextName;
    private readonly EntityFrameworkCoreOneTimeTokenStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Func<DbContext, OneTimeTokenStatements> _writeStatements;
    private volatile OneTimeTokenStatements? _statements;
    private string _provider = "provider not yet known";
    private long _nextPurgeUtcTicks;
    private int _purging;
    private int _failing;

    public EntityFrameworkCoreOneTimeTokenStore(
        IServiceScopeFactory scopes,
        Func<IServiceProvider, DbContext> resolveContext,
        string contextName,
        IOptions<EntityFrameworkCoreOneTimeTokenStoreOptions> options,
        TimeProvider time,
        ILogger<EntityFrameworkCoreOneTimeTokenStore> logger,
        Func<DbContext, OneTimeTokenStatements>? statements = null)
    {
        _writeStatements = statements ?? OneTimeTokenStatements.For;
        _scopes = scopes;
        _resolveContext = resolveContext;
        _contextName = contextName;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _nextPurgeUtcTicks = time.GetUtcNow().UtcTicks;
    }

    /// <summary>The purge started last, for tests to wait on; completed when none has started.</summary>
    internal Task PendingPurge { get; private set; } = Task.CompletedTask;

    public async ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        var added = await RunAsync(context => AddAsync(context, key, payload, timeToLive, cancellationToken), cancellationToken);
        PurgeIfDue();
        return added;
    }

    public async ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await RunAsync(context => TakeAsync(context, key, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Stores <paramref name="payload"/> under <paramref name="key"/>, replacing any entry there. For revocation: joins
    /// <see cref="IOneTimeTokenStore"/> when the interface gains it.
    /// </summary>
    public async ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(payload);
        await RunAsync(context => SetAsync(context, key, payload, timeToLive, cancellationToken), cancellationToken);
        PurgeIfDue();
    }

    /// <summary>
    /// The payload under <paramref name="key"/>, left in place; <see langword="null"/> when absent or expired. For
    /// revocation: joins <see cref="IOneTimeTokenStore"/> when the interface gains it.
    /// </summary>
    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = Now();
        return await RunAsync(
            context => context.Set<OneTimeTokenEntry>().AsNoTracking()
                .Where(entry => entry.Key == key && entry.ExpiresAtUnixTimeMilliseconds > now)
                .Select(entry => entry.Payload)
                .FirstOrDefaultAsync(cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Inserts a probe row and takes it back with the statements tokens go through, for the health check. Not counted
    /// as a store success or failure: the outage log follows what customers see.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var key = "health-probe:" + Guid.NewGuid().ToString("N");
        await using var scope = _scopes.CreateAsyncScope();
        var context = ContextOf(scope);
        if (!await AddAsync(context, key, ProbePayload, ProbeTimeToLive, cancellationToken)
            || await TakeAsync(context, key, cancellationToken) != ProbePayload)
        {
            throw new InvalidOperationException("The probe row was not stored and taken back.");
        }
    }

    /// <summary>Deletes the expired rows, in batches, by the index on the expiry; returns how many.</summary>
    internal async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        var total = 0;
        int deleted;
        do
        {
            await using var scope = _scopes.CreateAsyncScope();
            deleted = await ContextOf(scope).Set<OneTimeTokenEntry>()
                .Where(entry => entry.ExpiresAtUnixTimeMilliseconds <= now)
                .OrderBy(entry => entry.ExpiresAtUnixTimeMilliseconds)
                .Take(_options.PurgeBatchSize)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == _options.PurgeBatchSize);

        return total;
    }

    private async Task<bool> AddAsync(DbContext context, string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var now = Now();
        var expires = ExpiryOf(now, timeToLive);
        if (Statements(context).Add is { } add)
        {
            return await ExecuteAsync(context, add, cancellationToken, (OneTimeTokenStatements.KeyParameter, key),
                (OneTimeTokenStatements.PayloadParameter, payload), (OneTimeTokenStatements.ExpiresParameter, expires),
                (OneTimeTokenStatements.NowParameter, now)) == 1;
        }

        // Portable: make room where the key's row has expired, then insert; a duplicate key means a live row holds it.
        var entries = context.Set<OneTimeTokenEntry>();
        await entries.Where(entry => entry.Key == key && entry.ExpiresAtUnixTimeMilliseconds <= now).ExecuteDeleteAsync(cancellationToken);
        entries.Add(new OneTimeTokenEntry { Key = key, Payload = payload, ExpiresAtUnixTimeMilliseconds = expires });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await entries.AsNoTracking().AnyAsync(entry => entry.Key == key, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private async Task<string?> TakeAsync(DbContext context, string key, CancellationToken cancellationToken)
    {
        var now = Now();
        if (Statements(context).Take is { } take)
        {
            return await ReadAsync(context, take, now, cancellationToken, (OneTimeTokenStatements.KeyParameter, key));
        }

        // Portable: read, then delete that very row; of concurrent takers only the one whose delete affected it wins.
        var entries = context.Set<OneTimeTokenEntry>();
        var found = await entries.AsNoTracking()
            .Where(entry => entry.Key == key)
            .Select(entry => new { entry.Payload, entry.ExpiresAtUnixTimeMilliseconds })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var deleted = await entries
            .Where(entry => entry.Key == key && entry.ExpiresAtUnixTimeMilliseconds == found.ExpiresAtUnixTimeMilliseconds)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 && found.ExpiresAtUnixTimeMilliseconds > now ? found.Payload : null;
    }

    private async Task<bool> SetAsync(DbContext context, string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        var expires = ExpiryOf(Now(), timeToLive);
        if (Statements(context).Set is { } set)
        {
            await ExecuteAsync(context, set, cancellationToken, (OneTimeTokenStatements.KeyParameter, key),
                (OneTimeTokenStatements.PayloadParameter, payload), (OneTimeTokenStatements.ExpiresParameter, expires));
            return true;
        }

        // Portable: update the row, or insert it; a duplicate key means a concurrent insert came first: update that.
        var entries = context.Set<OneTimeTokenEntry>();
        Task<int> UpdateAsync() => entries.Where(entry => entry.Key == key).ExecuteUpdateAsync(
            row => row.SetProperty(entry => entry.Payload, payload).SetProperty(entry => entry.ExpiresAtUnixTimeMilliseconds, expires),
            cancellationToken);
        if (await UpdateAsync() == 1)
        {
            return true;
        }

        entries.Add(new OneTimeTokenEntry { Key = key, Payload = payload, ExpiresAtUnixTimeMilliseconds = expires });
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await UpdateAsync() != 1)
            {
                throw;
            }
        }

        return true;
    }

    private static async Task<int> ExecuteAsync(DbContext context, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = CreateCommand(context, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs a take statement: the payload of the row it deleted, unless that row had expired.</summary>
    private static async Task<string?> ReadAsync(DbContext context, string sql, long now, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = CreateCommand(context, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) && reader.GetInt64(1) > now ? reader.GetString(0) : null;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand CreateCommand(DbContext context, string sql, (string Name, object Value)[] parameters)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        if (context.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private async Task<T> RunAsync<T>(Func<DbContext, Task<T>> operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var result = await operation(ContextOf(scope));
            OnSuccess();
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            OnFailure(exception);
            throw;
        }
    }

    private DbContext ContextOf(AsyncServiceScope scope) => _resolveContext(scope.ServiceProvider);

    private OneTimeTokenStatements Statements(DbContext context)
    {
        if (_statements is { } statements)
        {
            return statements;
        }

        _provider = context.Database.ProviderName ?? _provider;
        return _statements = _writeStatements(context);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static long ExpiryOf(long now, TimeSpan timeToLive) => now + (long)Math.Ceiling(timeToLive.TotalMilliseconds);

    /// <summary>
    /// Starts a purge in the background when the interval has passed since the last one and none runs: requests never
    /// wait on it, and however many instances share the table, each purges at most once per interval.
    /// </summary>
    private void PurgeIfDue()
    {
        var now = _time.GetUtcNow().UtcTicks;
        if (now < Interlocked.Read(ref _nextPurgeUtcTicks) || Interlocked.CompareExchange(ref _purging, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref _nextPurgeUtcTicks, now + _options.PurgeInterval.Ticks);
        PendingPurge = Task.Run(PurgeAsync);
    }

    private async Task PurgeAsync()
    {
        try
        {
            _logger.Purged(await PurgeExpiredAsync(_disposing.Token));
        }
        catch (Exception exception) when (!_disposing.IsCancellationRequested)
        {
            _logger.PurgeFailed(exception);
        }
        catch (Exception) when (_disposing.IsCancellationRequested)
        {
            // The host is stopping: the next start purges.
        }
        finally
        {
            Volatile.Write(ref _purging, 0);
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
            _logger.StoreFailing(_contextName, _provider, exception);
        }
    }

    private void OnSuccess()
    {
        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1)
        {
            _logger.StoreRecovered();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync();
        await PendingPurge;
        _disposing.Dispose();
    }
}
