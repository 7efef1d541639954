using System.Net;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// Redis goes away under two running instances and comes back. Each test owns its redis-server, since it stops it.
/// </summary>
public sealed class RedisOutageTests
{
    private const int StoreFailingEventId = 20;
    private const int StoreRecoveredEventId = 21;

    [RedisFact]
    public async Task While_redis_is_down_nobody_is_signed_in_and_after_it_restarts_both_instances_recover()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var instances = await PortalInstances.StartAsync(redis);
        var (a, b) = (instances.A, instances.B);
        var issuedBefore = await a.IssueOneTimeTokenAsync(instances.AdaBearer);
        var redeemedToken = await b.IssueOneTimeTokenAsync(instances.AdaBearer);
        (await a.ExchangeAsync(redeemedToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        await redis.StopAsync();

        foreach (var server in new[] { a, b, a, b })
        {
            using var issue = await server.RequestOneTimeTokenAsync(instances.AdaBearer);
            using var login = await server.RequestLoginAsync(issuedBefore, "/en/invoices");
            using var exchange = await server.ExchangeAsync(issuedBefore);

            await StoreOutage.ShouldFailClosedAsync(issue, login, exchange);
        }

        await redis.RestartAsync();

        var issuedAfter = await StoreOutage.IssueOnceRecoveredAsync(() => a.RequestOneTimeTokenAsync(instances.AdaBearer));
        await StoreOutage.IssueOnceRecoveredAsync(() => b.RequestOneTimeTokenAsync(instances.AdaBearer));
        using var loginAfter = await b.RequestLoginAsync(issuedAfter, "/en/invoices");
        loginAfter.Headers.Location!.OriginalString.Should().Be("/en/invoices");
        loginAfter.SignInCookie().Should().NotBeNull();

        // The restarted Redis is empty: a token issued before the outage is gone, not accepted.
        using var exchangeBefore = await b.ExchangeAsync(issuedBefore);
        exchangeBefore.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        foreach (var server in new[] { a, b })
        {
            var records = PortalInstances.LogsOf(server).GetSnapshot();
            records.Where(record => record.Level >= LogLevel.Error).Should().ContainSingle()
                .Which.Id.Id.Should().Be(StoreFailingEventId, "the outage is logged once, not once per failed request");
            records.Where(record => record.Id.Id == StoreRecoveredEventId).Should().ContainSingle();
            records.Should().NotContain(record => StoreOutage.MentionsAny(record, issuedBefore, redeemedToken, issuedAfter));
        }
    }

    [RedisFact]
    public async Task An_instance_started_while_redis_is_down_fails_closed_and_works_once_redis_is_up()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync();
        await using var server = await TestHost.StartPortalHostAsync(redisConfiguration: redis.ConnectionString);
        var bearer = server.PortalCustomerToken();

        using var issue = await server.RequestOneTimeTokenAsync(bearer);
        using var exchange = await server.ExchangeAsync("a3f8c2d1e5b74091bc6e2f3a4d5c6b7e");
        issue.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        exchange.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);

        await redis.RestartAsync();

        var token = await StoreOutage.IssueOnceRecoveredAsync(() => server.RequestOneTimeTokenAsync(bearer));
        using var redeemed = await server.ExchangeAsync(token);
        redeemed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_outage_log_names_the_endpoint_tried_and_never_the_password()
    {
        const string Password = "s3cret-redis-password";
        var port = RedisServer.FreeLoopbackPort();
        await using var server = await TestHost.StartPortalHostAsync(
            builder => builder.CaptureAllLogs(),
            $"127.0.0.1:{port},password={Password}");
        var bearer = server.PortalCustomerToken();

        using var issue = await server.RequestOneTimeTokenAsync(bearer);

        issue.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "nothing listens on that port");
        var records = server.Services.GetFakeLogCollector().GetSnapshot();
        records.Where(record => record.Id.Id == StoreFailingEventId).Should().ContainSingle()
            .Which.Message.Should().Contain($"failing on 127.0.0.1:{port}:");
        records.Should().NotContain(record => StoreOutage.MentionsText(record, Password));
    }
}
