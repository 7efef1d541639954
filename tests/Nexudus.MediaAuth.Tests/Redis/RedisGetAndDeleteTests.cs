using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.StackExchangeRedis;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// Redemption on a Redis without <c>GETDEL</c>: the store takes with an atomic script where the server reports a
/// version before 6.2. The local redis-server is newer, so the older one is faked the way StackExchange.Redis meets it
/// where <c>INFO</c> is disabled: it cannot read the version and reports <see cref="ConfigurationOptions.DefaultVersion"/>.
/// Which command ran is read from the server's own command statistics.
/// </summary>
public sealed class RedisGetAndDeleteTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer _inspector = null!;

    public async Task InitializeAsync()
    {
        if (RedisRequirement.SkipReason is null)
        {
            _inspector = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString + ",allowAdmin=true");
            await Server.ConfigResetStatisticsAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_inspector is not null)
        {
            await _inspector.DisposeAsync();
        }
    }

    private IServer Server => _inspector.GetServer(redis.Server.ConnectionString);

    [Theory]
    [InlineData("5.0.7", false)]
    [InlineData("6.0.20", false)]
    [InlineData("6.2.0", true)]
    [InlineData("7.0.15", true)]
    public void GETDEL_is_used_from_Redis_6_2(string version, bool getDel)
    {
        RedisGetAndDelete.HasGetDel(Version.Parse(version)).Should().Be(getDel);
    }

    [RedisFact]
    public async Task A_server_reporting_6_2_or_later_is_taken_from_with_GETDEL()
    {
        await using var services = BuildStore(options => options.Configuration = redis.Server.ConnectionString);
        var store = services.GetRequiredService<IOneTimeTokenStore>();
        var key = Guid.NewGuid().ToString("N");
        await store.TryAddAsync(key, "payload", TimeSpan.FromMinutes(1));

        (await store.TryTakeAsync(key)).Should().Be("payload");

        (await CallsAsync()).Should().Contain("getdel", 1).And.NotContainKeys("eval", "evalsha");
    }

    [RedisFact]
    public async Task A_server_reporting_an_older_version_is_taken_from_with_the_script_and_exactly_one_of_many_concurrent_takers_gets_each_payload()
    {
        const int Keys = 50;
        const int TakersPerKey = 20;
        await using var first = BuildStore(options => options.ConfigurationOptions = WithoutReadableVersion());
        await using var second = BuildStore(options => options.ConfigurationOptions = WithoutReadableVersion());
        var stores = new[] { first.GetRequiredService<IOneTimeTokenStore>(), second.GetRequiredService<IOneTimeTokenStore>() };
        var keys = Enumerable.Range(0, Keys).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        for (var i = 0; i < Keys; i++)
        {
            await stores[0].TryAddAsync(keys[i], $"payload-{i}", TimeSpan.FromMinutes(1));
        }

        var payloads = await Task.WhenAll(Enumerable.Range(0, Keys * TakersPerKey)
            .Select(i => stores[i % 2].TryTakeAsync(keys[i % Keys]).AsTask()));

        payloads.Where(payload => payload is not null).Should().OnlyHaveUniqueItems().And.HaveCount(Keys);
        var calls = await CallsAsync();
        calls.Should().NotContainKey("getdel");
        (calls.GetValueOrDefault("eval") + calls.GetValueOrDefault("evalsha")).Should().Be(Keys * TakersPerKey);
    }

    [RedisFact]
    public async Task Without_INFO_StackExchange_Redis_reports_the_configured_default_version()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(WithoutReadableVersion());

        connection.GetServer(redis.Server.ConnectionString).Version.Should().Be(new Version(6, 0, 0));
    }

    /// <summary>A connection that cannot read the server's version, assuming Redis 6.0 as a managed Redis 6.0 would report.</summary>
    private ConfigurationOptions WithoutReadableVersion() => new()
    {
        EndPoints = { redis.Server.ConnectionString },
        CommandMap = CommandMap.Create(["INFO", "HELLO"], available: false),
        DefaultVersion = new Version(6, 0, 0),
    };

    private static ServiceProvider BuildStore(Action<RedisOneTimeTokenStoreOptions> configure) =>
        new ServiceCollection().AddLogging()
            .AddStackExchangeRedisOneTimeTokenStore(options =>
            {
                configure(options);
                options.InstanceName = "tests:getdel:";
            })
            .BuildServiceProvider();

    /// <summary>The calls per command since the statistics were reset, from <c>INFO commandstats</c>.</summary>
    private async Task<Dictionary<string, long>> CallsAsync()
    {
        var sections = await Server.InfoAsync("commandstats");
        return sections.SelectMany(section => section)
            .Where(stat => stat.Key.StartsWith("cmdstat_", StringComparison.Ordinal))
            .ToDictionary(
                stat => stat.Key["cmdstat_".Length..],
                stat => long.Parse(stat.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
    }
}
