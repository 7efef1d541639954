using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexudus.MediaAuth.Tests.Infrastructure;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// The Redis store's health check, through a portal host's <c>/healthz</c>, while its redis-server runs, stops and
/// restarts. The test owns its redis-server, since it stops it.
/// </summary>
public sealed class RedisHealthCheckTests
{
    /// <summary>How long StackExchange.Redis may take to reconnect in the background after Redis is back.</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [RedisFact]
    public async Task Healthy_while_redis_answers_unhealthy_without_connection_details_while_it_is_down_and_healthy_again_after_a_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var server = await TestHost.StartPortalHostAsync(redisConfiguration: redis.ConnectionString);

        (await HealthAsync(server)).Should().Be((HttpStatusCode.OK, "Healthy"));

        await redis.StopAsync();

        (await HealthAsync(server)).Should().Be((HttpStatusCode.ServiceUnavailable, "Unhealthy"));
        var entry = await RedisEntryAsync(server);
        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().StartWith("Redis did not store and take back a probe entry")
            .And.NotContain(redis.ConnectionString)
            .And.NotContain(redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entry.Exception.Should().BeNull("an exception's message may carry the endpoint or more");

        await redis.RestartAsync();

        var deadline = DateTime.UtcNow + RecoveryBound;
        while ((await HealthAsync(server)).Status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        (await HealthAsync(server)).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    [RedisFact]
    public async Task Unhealthy_while_redis_answers_PING_but_refuses_writes_and_the_probe_leaves_no_key_behind()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var inspector = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var admin = inspector.GetServer(redis.ConnectionString);
        await using var server = await TestHost.StartPortalHostAsync(redisConfiguration: redis.ConnectionString);

        (await HealthAsync(server)).Should().Be((HttpStatusCode.OK, "Healthy"));
        (await admin.DatabaseSizeAsync()).Should().Be(0, "the probe entry is taken back");

        // A primary without the replicas it requires refuses every write with NOREPLICAS, and still answers PING.
        await admin.ConfigSetAsync("min-replicas-to-write", "1");
        (await admin.PingAsync()).Should().BePositive();

        (await HealthAsync(server)).Should().Be((HttpStatusCode.ServiceUnavailable, "Unhealthy"));
        (await RedisEntryAsync(server)).Description.Should().Be("Redis did not store and take back a probe entry (RedisServerException).");

        await admin.ConfigSetAsync("min-replicas-to-write", "0");

        (await HealthAsync(server)).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    [Fact]
    public async Task Without_the_redis_store_the_check_reports_the_missing_registration()
    {
        var services = new ServiceCollection().AddLogging().AddOneTimeTokens();
        services.AddHealthChecks().AddStackExchangeRedisOneTimeTokenStore(failureStatus: HealthStatus.Degraded);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries.Should().ContainKey(StackExchangeRedisOneTimeTokenStoreHealthChecksBuilderExtensions.DefaultName).WhoseValue;
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("AddStackExchangeRedisOneTimeTokenStore()");
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(TestHost server)
    {
        using var response = await server.Client.GetAsync("/healthz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HealthReportEntry> RedisEntryAsync(TestHost server)
    {
        var report = await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[StackExchangeRedisOneTimeTokenStoreHealthChecksBuilderExtensions.DefaultName];
    }
}
