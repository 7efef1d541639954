using System.Diagnostics;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

public sealed class RedisOneTimeTokenStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private const string InstanceName = "tests:ott:";

    private ConnectionMultiplexer _inspector = null!;
    private ServiceProvider _services = null!;

    /// <summary>Redis as seen directly, to check what the store wrote.</summary>
    private IDatabase Inspector => _inspector.GetDatabase();

    /// <summary>The store as a host registers it.</summary>
    private IOneTimeTokenStore Store => _services.GetRequiredService<IOneTimeTokenStore>();

    public async Task InitializeAsync()
    {
        if (RedisRequirement.SkipReason is null)
        {
            _inspector = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
            _services = BuildStore();
        }
    }

    public async Task DisposeAsync()
    {
        if (_inspector is not null)
        {
            await _services.DisposeAsync();
            await _inspector.DisposeAsync();
        }
    }

    [RedisFact]
    public async Task Add_stores_the_payload_under_the_instance_name_and_key_with_the_time_to_live()
    {
        var key = NewKey();

        (await Store.TryAddAsync(key, "payload", TimeSpan.FromSeconds(60))).Should().BeTrue();

        (await Inspector.StringGetAsync(InstanceName + key)).ToString().Should().Be("payload");
        var timeToLive = await Inspector.KeyTimeToLiveAsync(InstanceName + key);
        timeToLive.Should().BeGreaterThan(TimeSpan.FromSeconds(50)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
    }

    [RedisFact]
    public async Task Add_refuses_a_key_that_is_present_and_keeps_the_first_payload()
    {
        var key = NewKey();

        (await Store.TryAddAsync(key, "first", TimeSpan.FromSeconds(60))).Should().BeTrue();
        (await Store.TryAddAsync(key, "second", TimeSpan.FromSeconds(60))).Should().BeFalse();

        (await Store.TryTakeAsync(key)).Should().Be("first");
    }

    [RedisFact]
    public async Task Take_returns_the_payload_once_and_removes_the_key()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, "payload", TimeSpan.FromSeconds(60));

        (await Store.TryTakeAsync(key)).Should().Be("payload");
        (await Store.TryTakeAsync(key)).Should().BeNull();
        (await Inspector.KeyExistsAsync(InstanceName + key)).Should().BeFalse();
        (await Store.TryTakeAsync(NewKey())).Should().BeNull();
    }

    [RedisFact]
    public async Task Redis_drops_an_entry_once_its_time_to_live_has_passed()
    {
        var key = NewKey();
        await Store.TryAddAsync(key, "payload", TimeSpan.FromMilliseconds(100));

        // Redis expires keys on its own clock; wait for it, within a bound.
        var waited = Stopwatch.StartNew();
        while (await Inspector.KeyExistsAsync(InstanceName + key) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        (await Store.TryTakeAsync(key)).Should().BeNull();
    }

    [RedisFact]
    public async Task Of_many_concurrent_takers_on_separate_connections_exactly_one_gets_each_payload()
    {
        const int Keys = 50;
        const int TakersPerKey = 20;
        await using var other = BuildStore();
        var stores = new[] { Store, other.GetRequiredService<IOneTimeTokenStore>() };
        var keys = Enumerable.Range(0, Keys).Select(_ => NewKey()).ToArray();
        for (var i = 0; i < Keys; i++)
        {
            await stores[0].TryAddAsync(keys[i], $"payload-{i}", TimeSpan.FromSeconds(60));
        }

        var payloads = await Task.WhenAll(Enumerable.Range(0, Keys * TakersPerKey)
            .Select(i => stores[i % 2].TryTakeAsync(keys[i % Keys]).AsTask()));

        payloads.Where(payload => payload is not null).Should().OnlyHaveUniqueItems().And.HaveCount(Keys);
    }

    [RedisTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_redis_store_replaces_the_in_memory_store_whichever_is_registered_first(bool redisFirst)
    {
        var services = new ServiceCollection().AddLogging();
        if (redisFirst)
        {
            AddStore(services);
            services.AddOneTimeTokens();
        }
        else
        {
            services.AddOneTimeTokens();
            AddStore(services);
        }

        await using var provider = services.BuildServiceProvider();
        var token = await provider.GetRequiredService<IOneTimeTokenService>()
            .IssueAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "Test")));

        services.Where(service => service.ServiceType == typeof(IOneTimeTokenStore)).Should().ContainSingle();
        (await Inspector.KeyExistsAsync(InstanceName + OneTimeTokenService.HashToken(token))).Should().BeTrue();
    }

    [RedisFact]
    public async Task A_store_on_the_hosts_connection_uses_it_and_leaves_it_open()
    {
        var services = new ServiceCollection().AddLogging()
            .AddStackExchangeRedisOneTimeTokenStore(_inspector, InstanceName);
        var key = NewKey();

        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<IOneTimeTokenStore>().TryAddAsync(key, "payload", TimeSpan.FromSeconds(60));
        }

        _inspector.IsConnected.Should().BeTrue();
        (await Inspector.StringGetAsync(InstanceName + key)).ToString().Should().Be("payload");
    }

    private ServiceProvider BuildStore() => AddStore(new ServiceCollection().AddLogging()).BuildServiceProvider();

    private IServiceCollection AddStore(IServiceCollection services) =>
        services.AddStackExchangeRedisOneTimeTokenStore(options =>
        {
            options.Configuration = redis.Server.ConnectionString;
            options.InstanceName = InstanceName;
        });

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
