using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nexudus.MediaAuth.EntityFrameworkCore;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// What the Entity Framework Core store guarantees on one database, through the provider's own statements and through
/// the portable path other providers take. Each provider's test class runs every check.
/// </summary>
public abstract class OneTimeTokenStoreContract
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = TestHost.CreateClock();

    /// <summary>The store as a host registers it, on <paramref name="database"/>, or one forced onto the portable path.</summary>
    private (ServiceProvider Services, EntityFrameworkCoreOneTimeTokenStore Store) BuildStore(TestDatabase database, bool portable = false)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddDbContext<TokenDbContext>(database.UseProvider)
            .AddEntityFrameworkCoreOneTimeTokenStore<TokenDbContext>(options => options.PurgeBatchSize = 2)
            .BuildServiceProvider();
        var store = portable
            ? new EntityFrameworkCoreOneTimeTokenStore(
                services.GetRequiredService<IServiceScopeFactory>(),
                static scoped => scoped.GetRequiredService<TokenDbContext>(),
                nameof(TokenDbContext),
                services.GetRequiredService<IOptions<EntityFrameworkCoreOneTimeTokenStoreOptions>>(),
                _time,
                NullLogger<EntityFrameworkCoreOneTimeTokenStore>.Instance,
                static _ => OneTimeTokenStatements.Portable)
            : (EntityFrameworkCoreOneTimeTokenStore)services.GetRequiredService<IOneTimeTokenStore>();
        return (services, store);
    }

    protected async Task AddTakeDuplicateAbsentAndExpiredAsync(TestDatabase database, bool portable)
    {
        var (services, store) = BuildStore(database, portable);
        await using var _ = services;
        var (key, expiring, absent) = (NewKey(), NewKey(), NewKey());

        (await store.TryAddAsync(key, "first", Minute)).Should().BeTrue();
        (await store.TryAddAsync(key, "second", Minute)).Should().BeFalse("a live row holds the key");
        (await store.TryAddAsync(expiring, "expiring", Minute)).Should().BeTrue();
        (await store.TryTakeAsync(absent)).Should().BeNull();

        (await store.TryTakeAsync(key)).Should().Be("first");
        (await store.TryTakeAsync(key)).Should().BeNull("a token is taken once");
        (await RowAsync(database, key)).Should().BeNull();

        _time.Advance(Minute);
        (await store.TryTakeAsync(expiring)).Should().BeNull("the row expired, though not purged yet");
        (await RowAsync(database, expiring)).Should().BeNull("taking an expired row deletes it");
    }

    protected async Task AnExpiredRowGivesWayToANewOneAsync(TestDatabase database, bool portable)
    {
        var (services, store) = BuildStore(database, portable);
        await using var _ = services;
        var key = NewKey();

        (await store.TryAddAsync(key, "old", Minute)).Should().BeTrue();
        _time.Advance(Minute);
        (await store.TryAddAsync(key, "new", Minute)).Should().BeTrue();

        (await store.TryTakeAsync(key)).Should().Be("new");
    }

    protected async Task SetReplacesAndGetReadsWithoutTakingAsync(TestDatabase database, bool portable)
    {
        var (services, store) = BuildStore(database, portable);
        await using var _ = services;
        var (key, absent) = (NewKey(), NewKey());

        await store.SetAsync(key, "first", Minute);
        await store.SetAsync(key, "second", 2 * Minute);

        (await store.GetAsync(key)).Should().Be("second");
        (await store.GetAsync(key)).Should().Be("second", "reading leaves the row");
        (await store.GetAsync(absent)).Should().BeNull();
        _time.Advance(Minute);
        (await store.GetAsync(key)).Should().Be("second", "the second set's time to live replaced the first's");
        _time.Advance(Minute);
        (await store.GetAsync(key)).Should().BeNull("the row expired");
        (await store.TryTakeAsync(key)).Should().BeNull();
    }

    protected async Task ConcurrentTakersOnTwoStoresGetEachPayloadOnceAsync(TestDatabase database, bool portable)
    {
        const int Keys = 20;
        const int TakersPerKey = 20;
        var (first, firstStore) = BuildStore(database, portable);
        var (second, secondStore) = BuildStore(database, portable);
        await using var _ = first;
        await using var __ = second;
        var stores = new[] { firstStore, secondStore };
        var keys = Enumerable.Range(0, Keys).Select(_ => NewKey()).ToArray();
        for (var i = 0; i < Keys; i++)
        {
            await firstStore.TryAddAsync(keys[i], $"payload-{i}", Minute);
        }

        using var start = new ManualResetEventSlim();
        var takers = Enumerable.Range(0, Keys * TakersPerKey).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                return await stores[i % 2].TryTakeAsync(keys[i % Keys]);
            }
            catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // A busy database may refuse a taker; refusing is allowed, granting twice is not.
                return null;
            }
        })).ToArray();
        start.Set();
        var payloads = await Task.WhenAll(takers);

        // A loaded machine may refuse every taker of a key (pool or command timeouts): that row stays, never granted.
        payloads.Where(payload => payload is not null).Should().OnlyHaveUniqueItems();
        (payloads.Count(payload => payload is not null) + await RowCountAsync(database, keys)).Should()
            .Be(Keys, "each row was taken by exactly one taker, or by none and is still there");
        payloads.Should().Contain(payload => payload != null);
    }

    protected async Task ExpiredRowsArePurgedInBatchesAtMostOncePerIntervalAsync(TestDatabase database)
    {
        var (services, store) = BuildStore(database);
        await using var _ = services;
        await store.PurgeExpiredAsync(CancellationToken.None);
        var expired = Enumerable.Range(0, 5).Select(_ => NewKey()).ToArray();
        foreach (var key in expired)
        {
            await store.TryAddAsync(key, "expired", Minute);
        }

        await store.PendingPurge;
        _time.Advance(TimeSpan.FromMinutes(2));
        var live = NewKey();
        await store.TryAddAsync(live, "live", Minute);
        await store.PendingPurge;

        (await RowCountAsync(database, expired)).Should().Be(5, "the purge ran at the first issue, and the interval has not passed since");

        _time.Advance(new EntityFrameworkCoreOneTimeTokenStoreOptions().PurgeInterval);
        await store.TryAddAsync(NewKey(), "live", TimeSpan.FromHours(1));
        await store.PendingPurge;

        (await RowCountAsync(database, expired)).Should().Be(0, "five expired rows go in batches of two");
        (await RowCountAsync(database, [live])).Should().Be(0, "its minute has passed too");
    }

    protected async Task TheHealthProbeLeavesNoRowAsync(TestDatabase database)
    {
        var (services, store) = BuildStore(database);
        await using var _ = services;
        await using var context = database.CreateContext();
        var before = await context.OneTimeTokens.CountAsync();

        await store.ProbeAsync(CancellationToken.None);

        (await context.OneTimeTokens.CountAsync()).Should().Be(before);
    }

    private static async Task<OneTimeTokenEntry?> RowAsync(TestDatabase database, string key)
    {
        await using var context = database.CreateContext();
        return await context.OneTimeTokens.AsNoTracking().SingleOrDefaultAsync(entry => entry.Key == key);
    }

    private static async Task<int> RowCountAsync(TestDatabase database, string[] keys)
    {
        await using var context = database.CreateContext();
        return await context.OneTimeTokens.CountAsync(entry => keys.Contains(entry.Key));
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
