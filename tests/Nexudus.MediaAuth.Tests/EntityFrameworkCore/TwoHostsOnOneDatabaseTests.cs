using System.Net;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// Two hosts sharing one database through the Entity Framework Core store: a token issued on one is redeemed on the
/// other, and of 2 × 500 concurrent redemptions of one token exactly one succeeds, on each database.
/// </summary>
public sealed class TwoHostsOnOneDatabaseTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [PostgresFact]
    public Task On_postgresql_five_hundred_concurrent_redemptions_on_each_host_give_exactly_one_success() =>
        ExactlyOneOfAThousandRedemptionsSucceedsAsync(postgres.Database);

    [Fact]
    public async Task On_a_sqlite_file_five_hundred_concurrent_redemptions_on_each_host_give_exactly_one_success()
    {
        await using var database = await TestDatabase.SqliteAsync();
        await ExactlyOneOfAThousandRedemptionsSucceedsAsync(database);
    }

    [SqlServerFact]
    public async Task On_sql_server_five_hundred_concurrent_redemptions_on_each_host_give_exactly_one_success()
    {
        await using var database = await TestDatabase.SqlServerAsync();
        await ExactlyOneOfAThousandRedemptionsSucceedsAsync(database);
    }

    [PostgresFact]
    public async Task A_token_issued_on_one_host_signs_the_customer_in_on_the_other_once()
    {
        await using var hosts = await RelationalStoreHosts.StartAsync(postgres.Database);
        var token = await hosts.A.IssueOneTimeTokenAsync(hosts.LoginToken);

        using var login = await RelationalStoreHosts.LoginAsync(hosts.B, token);
        using var again = await hosts.A.ExchangeAsync(token);

        login.Headers.Location!.OriginalString.Should().Be("/me");
        (await hosts.A.DescribeCookieUserAsync(login.SignInCookie()!)).Should().Contain("Ada Lovelace");
        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await RelationalStoreHosts.HealthAsync(hosts.B)).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    private static async Task ExactlyOneOfAThousandRedemptionsSucceedsAsync(TestDatabase database)
    {
        await using var hosts = await RelationalStoreHosts.StartAsync(database);
        var token = await hosts.A.IssueOneTimeTokenAsync(hosts.LoginToken);
        var servers = new[] { hosts.A, hosts.B };

        var succeeded = await OneTimeTokenClient.CountConcurrentRedemptionsAsync(1000, servers.Length, (i, server) => i % 2 == 0
            ? servers[server].ExchangeAsync(token)
            : RelationalStoreHosts.LoginAsync(servers[server], token));

        succeeded.Should().Be(1);
    }
}
