using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// The store on a Redis Cluster of three local primaries. Token keys carry no hash tag, so they spread over the
/// cluster's slots; a command whose keys lay in two slots would fail with <c>CROSSSLOT</c>, so tokens issued and
/// redeemed on every primary show that each command stays within one slot.
/// </summary>
public sealed class RedisClusterTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>
{
    private const int Tokens = 300;

    public static TheoryData<string> TakeCommands => ["GETDEL", "script"];

    [RedisTheory]
    [MemberData(nameof(TakeCommands))]
    public async Task Tokens_spread_over_every_primary_and_of_two_concurrent_redemptions_of_each_exactly_one_succeeds(string takeCommand)
    {
        var instanceName = $"tests:cluster:{takeCommand}:";
        await using var first = BuildStore(takeCommand, instanceName);
        await using var second = BuildStore(takeCommand, instanceName);
        var stores = new[] { first.GetRequiredService<IOneTimeTokenStore>(), second.GetRequiredService<IOneTimeTokenStore>() };
        await using var inspector = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString);
        var keys = Enumerable.Range(0, Tokens).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        var added = await Task.WhenAll(keys.Select((key, i) => stores[i % 2].TryAddAsync(key, $"payload-{i}", TimeSpan.FromMinutes(1)).AsTask()));

        added.Should().AllSatisfy(result => result.Should().BeTrue());
        var perPrimary = await KeysPerPrimaryAsync(inspector, instanceName);
        perPrimary.Should().HaveCount(3).And.AllSatisfy(count => count.Should().BePositive("token keys spread over the slots of every primary"));
        perPrimary.Sum().Should().Be(Tokens);

        var payloads = await Task.WhenAll(Enumerable.Range(0, Tokens * 2)
            .Select(i => stores[i % 2].TryTakeAsync(keys[i / 2]).AsTask()));

        payloads.Where(payload => payload is not null).Should().OnlyHaveUniqueItems().And.HaveCount(Tokens);
        (await KeysPerPrimaryAsync(inspector, instanceName)).Should().AllSatisfy(count => count.Should().Be(0));
    }

    [RedisFact]
    public async Task The_health_check_passes_on_the_cluster()
    {
        var services = new ServiceCollection().AddLogging()
            .AddStackExchangeRedisOneTimeTokenStore(options => options.Configuration = cluster.ConnectionString);
        services.AddHealthChecks().AddStackExchangeRedisOneTimeTokenStore();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Healthy, report.Entries.Single().Value.Description);
    }

    private ServiceProvider BuildStore(string takeCommand, string instanceName) =>
        new ServiceCollection().AddLogging()
            .AddStackExchangeRedisOneTimeTokenStore(options =>
            {
                options.Configuration = cluster.ConnectionString;
                options.InstanceName = instanceName;
                if (takeCommand == "script")
                {
                    // As on a Redis 6.0 cluster. Hiding INFO, as RedisGetAndDeleteTests does, would hide the cluster too.
                    options.AssumedServerVersion = new Version(6, 0, 0);
                }
            })
            .BuildServiceProvider();

    private async Task<int[]> KeysPerPrimaryAsync(ConnectionMultiplexer inspector, string instanceName)
    {
        var counts = new List<int>();
        foreach (var node in cluster.Nodes)
        {
            var server = inspector.GetServer(node.ConnectionString);
            counts.Add(await server.KeysAsync(pattern: instanceName + "*").CountAsync());
        }

        return [.. counts];
    }
}
