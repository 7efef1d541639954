using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// PostgreSQL goes away under two running hosts and comes back. The test owns its server, since it stops it.
/// </summary>
public sealed class PostgresOutageTests
{
    private const int StoreFailingEventId = 50;
    private const int StoreRecoveredEventId = 51;

    [PostgresFact]
    public async Task While_postgresql_is_down_nobody_is_signed_in_and_the_check_is_unhealthy_and_after_it_restarts_both_hosts_recover()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var database = await TestDatabase.PostgresAsync(server);
        await using var hosts = await RelationalStoreHosts.StartAsync(database);
        var (a, b) = (hosts.A, hosts.B);
        var issuedBefore = await a.IssueOneTimeTokenAsync(hosts.LoginToken);
        var redeemedToken = await b.IssueOneTimeTokenAsync(hosts.LoginToken);
        (await a.ExchangeAsync(redeemedToken)).StatusCode.Should().Be(HttpStatusCode.OK);

        await server.StopAsync();

        foreach (var host in new[] { a, b, a, b })
        {
            using var issue = await hosts.RequestOneTimeTokenAsync(host);
            using var login = await RelationalStoreHosts.LoginAsync(host, issuedBefore);
            using var exchange = await host.ExchangeAsync(issuedBefore);

            await StoreOutage.ShouldFailClosedAsync(issue, login, exchange);
            (await RelationalStoreHosts.HealthAsync(host)).Should().Be((HttpStatusCode.ServiceUnavailable, "Unhealthy"));
        }

        var entry = await StoreHealthAsync(a);
        entry.Description.Should().StartWith("The one-time token table did not store and give back a probe row")
            .And.NotContain(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        entry.Exception.Should().BeNull("an exception's message may carry the connection string's host or more");

        await server.RestartAsync();

        var issuedAfter = await StoreOutage.IssueOnceRecoveredAsync(() => hosts.RequestOneTimeTokenAsync(a));
        await StoreOutage.IssueOnceRecoveredAsync(() => hosts.RequestOneTimeTokenAsync(b));
        using var loginAfter = await RelationalStoreHosts.LoginAsync(b, issuedAfter);
        loginAfter.Headers.Location!.OriginalString.Should().Be("/me");
        loginAfter.SignInCookie().Should().NotBeNull();
        (await RelationalStoreHosts.HealthAsync(a)).Should().Be((HttpStatusCode.OK, "Healthy"));

        // PostgreSQL kept its committed rows: a token issued before the outage, refused during it, is redeemed once.
        using var exchangeBefore = await b.ExchangeAsync(issuedBefore);
        using var exchangeAgain = await a.ExchangeAsync(issuedBefore);
        exchangeBefore.StatusCode.Should().Be(HttpStatusCode.OK);
        exchangeAgain.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        foreach (var host in new[] { a, b })
        {
            var records = RelationalStoreHosts.LogsOf(host).GetSnapshot();
            records.Where(record => record.Id.Id == StoreFailingEventId).Should().ContainSingle("the outage is logged once, not once per failed request")
                .Which.Level.Should().Be(LogLevel.Error);
            records.Where(record => record.Id.Id == StoreRecoveredEventId).Should().ContainSingle();
            records.Should().NotContain(record => StoreOutage.MentionsAny(record, issuedBefore, redeemedToken, issuedAfter));
        }
    }

    [Fact]
    public async Task Without_the_entity_framework_core_store_the_check_reports_the_missing_registration()
    {
        var services = new ServiceCollection().AddLogging().AddOneTimeTokens();
        services.AddHealthChecks().AddEntityFrameworkCoreOneTimeTokenStore(failureStatus: HealthStatus.Degraded);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries.Should().ContainKey(EntityFrameworkCoreOneTimeTokenStoreHealthChecksBuilderExtensions.DefaultName).WhoseValue;
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("AddEntityFrameworkCoreOneTimeTokenStore<TContext>()");
    }

    private static async Task<HealthReportEntry> StoreHealthAsync(TestHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[EntityFrameworkCoreOneTimeTokenStoreHealthChecksBuilderExtensions.DefaultName];
    }
}
