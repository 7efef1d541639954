using System.Net;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// Someone who can write to Redis, but holds neither the Data Protection keys nor another customer's token, moves the
/// stored tickets around: none of it signs a token's holder in as anyone else.
/// </summary>
public sealed class StoreWriterTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    // The sample's InstanceName (SeveralInstances.cs).
    private const string InstanceName = "Nexudus.MediaAuth.Sample:OneTimeToken:";

    [RedisFact]
    public async Task Adas_ticket_copied_over_the_key_of_graces_token_does_not_sign_grace_in_as_ada()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        await using var writer = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var graceBearer = await instances.A.SignInAsync(DemoData.Grace);
        var adaToken = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);
        var graceToken = await instances.A.IssueOneTimeTokenAsync(graceBearer);

        await writer.GetDatabase().StringSetAsync(KeyOf(graceToken), await writer.GetDatabase().StringGetAsync(KeyOf(adaToken)));
        using var exchange = await instances.A.ExchangeAsync(graceToken);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        RefusalsOn(instances.A).Should().Equal("Invalid");
    }

    [RedisFact]
    public async Task Two_customers_tickets_swapped_sign_neither_in()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        await using var writer = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var database = writer.GetDatabase();
        var graceBearer = await instances.A.SignInAsync(DemoData.Grace);
        var adaToken = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);
        var graceToken = await instances.A.IssueOneTimeTokenAsync(graceBearer);

        var adaTicket = await database.StringGetAsync(KeyOf(adaToken));
        await database.StringSetAsync(KeyOf(adaToken), await database.StringGetAsync(KeyOf(graceToken)));
        await database.StringSetAsync(KeyOf(graceToken), adaTicket);
        using var adaLogin = await instances.A.LoginAsync(adaToken, "/en/invoices");
        using var graceLogin = await instances.A.LoginAsync(graceToken, "/en/invoices");

        adaLogin.SignInCookie().Should().BeNull();
        graceLogin.SignInCookie().Should().BeNull();
        graceLogin.Headers.Location!.OriginalString.Should().Be("/");
        RefusalsOn(instances.A).Should().Equal("Invalid", "Invalid");
    }

    [RedisFact]
    public async Task A_redeemed_ticket_replayed_under_the_key_of_a_later_token_is_refused()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        await using var writer = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var database = writer.GetDatabase();
        var graceBearer = await instances.A.SignInAsync(DemoData.Grace);
        var adaToken = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);
        var recorded = await database.StringGetAsync(KeyOf(adaToken));
        (await instances.A.ExchangeAsync(adaToken)).Dispose();

        var graceToken = await instances.A.IssueOneTimeTokenAsync(graceBearer);
        await database.StringSetAsync(KeyOf(graceToken), recorded);
        using var exchange = await instances.A.ExchangeAsync(graceToken);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        RefusalsOn(instances.A).Should().Equal("Invalid");
    }

    [RedisFact]
    public async Task A_ticket_issued_by_one_instance_copied_to_a_token_of_the_other_is_refused_on_both()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        await using var writer = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var database = writer.GetDatabase();
        var graceBearer = await instances.B.SignInAsync(DemoData.Grace);
        var adaToken = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);
        var graceTokens = new[] { await instances.B.IssueOneTimeTokenAsync(graceBearer), await instances.B.IssueOneTimeTokenAsync(graceBearer) };

        var adaTicket = await database.StringGetAsync(KeyOf(adaToken));
        await database.StringSetAsync(KeyOf(graceTokens[0]), adaTicket);
        await database.StringSetAsync(KeyOf(graceTokens[1]), adaTicket);
        using var onA = await instances.A.ExchangeAsync(graceTokens[0]);
        using var onB = await instances.B.ExchangeAsync(graceTokens[1]);

        onA.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        onB.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        RefusalsOn(instances.A).Should().Equal("Invalid");
        RefusalsOn(instances.B).Should().Equal("Invalid");
    }

    /// <summary>
    /// What a store writer can still do: write a redeemed ticket back under its own key. The expiry inside the
    /// protected ticket bounds that to the token's lifetime; after it, the ticket is refused whatever the store says.
    /// </summary>
    [RedisFact]
    public async Task A_redeemed_ticket_written_back_under_its_own_key_is_refused_once_its_lifetime_has_passed()
    {
        await using var instances = await SampleInstances.StartAsync(redis.Server);
        await using var writer = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var database = writer.GetDatabase();
        var adaToken = await instances.A.IssueOneTimeTokenAsync(instances.AdaBearer);
        var recorded = await database.StringGetAsync(KeyOf(adaToken));
        (await instances.A.ExchangeAsync(adaToken)).Dispose();

        instances.A.Time.Advance(OneTimeTokenDefaults.TokenLifetime);
        await database.StringSetAsync(KeyOf(adaToken), recorded, TimeSpan.FromMinutes(1));
        using var exchange = await instances.A.ExchangeAsync(adaToken);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        RefusalsOn(instances.A).Should().Equal("Expired");
    }

    private static RedisKey KeyOf(string token) => InstanceName + OneTimeTokenService.HashToken(token);

    private static IEnumerable<string?> RefusalsOn(SampleServer server) =>
        SampleInstances.LogsOf(server).GetSnapshot()
            .Where(record => record.Id.Name == "OneTimeTokenRefused")
            .Select(record => record.GetStructuredStateValue("Status"));
}
