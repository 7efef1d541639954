using System.Net;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// Someone who can write to Redis, but holds neither the Data Protection keys nor another customer's token, moves the
/// stored tickets around: none of it signs a token's holder in as anyone else.
/// </summary>
public sealed class StoreWriterTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [RedisFact]
    public async Task Adas_ticket_copied_over_the_key_of_graces_token_does_not_sign_grace_in_as_ada()
    {
        await using var scene = await Scene.StartAsync(redis.Server);
        var adaToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.Instances.AdaBearer);
        var graceToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.GraceBearer);

        await scene.WriteAsync(graceToken, await scene.ReadAsync(adaToken));
        using var exchange = await scene.Instances.A.ExchangeAsync(graceToken);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Scene.RefusalsOn(scene.Instances.A).Should().Equal("Invalid");
    }

    [RedisFact]
    public async Task Two_customers_tickets_swapped_sign_neither_in()
    {
        await using var scene = await Scene.StartAsync(redis.Server);
        var adaToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.Instances.AdaBearer);
        var graceToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.GraceBearer);

        var adaTicket = await scene.ReadAsync(adaToken);
        await scene.WriteAsync(adaToken, await scene.ReadAsync(graceToken));
        await scene.WriteAsync(graceToken, adaTicket);
        using var adaLogin = await scene.Instances.A.RequestLoginAsync(adaToken, "/en/invoices");
        using var graceLogin = await scene.Instances.A.RequestLoginAsync(graceToken, "/en/invoices");

        adaLogin.SignInCookie().Should().BeNull();
        graceLogin.SignInCookie().Should().BeNull();
        graceLogin.Headers.Location!.OriginalString.Should().Be("/");
        Scene.RefusalsOn(scene.Instances.A).Should().Equal("Invalid", "Invalid");
    }

    [RedisFact]
    public async Task A_redeemed_ticket_replayed_under_the_key_of_a_later_token_is_refused()
    {
        await using var scene = await Scene.StartAsync(redis.Server);
        var adaToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.Instances.AdaBearer);
        var recorded = await scene.ReadAsync(adaToken);
        (await scene.Instances.A.ExchangeAsync(adaToken)).Dispose();

        var graceToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.GraceBearer);
        await scene.WriteAsync(graceToken, recorded);
        using var exchange = await scene.Instances.A.ExchangeAsync(graceToken);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Scene.RefusalsOn(scene.Instances.A).Should().Equal("Invalid");
    }

    [RedisFact]
    public async Task A_ticket_issued_by_one_instance_copied_to_tokens_of_the_other_is_refused_on_both()
    {
        await using var scene = await Scene.StartAsync(redis.Server);
        var adaToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.Instances.AdaBearer);
        var graceTokens = new[]
        {
            await scene.Instances.B.IssueOneTimeTokenAsync(scene.GraceBearer),
            await scene.Instances.B.IssueOneTimeTokenAsync(scene.GraceBearer),
        };

        var adaTicket = await scene.ReadAsync(adaToken);
        await scene.WriteAsync(graceTokens[0], adaTicket);
        await scene.WriteAsync(graceTokens[1], adaTicket);
        using var onA = await scene.Instances.A.ExchangeAsync(graceTokens[0]);
        using var onB = await scene.Instances.B.ExchangeAsync(graceTokens[1]);

        onA.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        onB.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Scene.RefusalsOn(scene.Instances.A).Should().Equal("Invalid");
        Scene.RefusalsOn(scene.Instances.B).Should().Equal("Invalid");
    }

    /// <summary>
    /// What a store writer can still do: write a redeemed ticket back under its own key. The expiry inside the
    /// protected ticket bounds that to the token's lifetime; after it, the ticket is refused whatever the store says.
    /// </summary>
    [RedisFact]
    public async Task A_redeemed_ticket_written_back_under_its_own_key_is_refused_once_its_lifetime_has_passed()
    {
        await using var scene = await Scene.StartAsync(redis.Server);
        var adaToken = await scene.Instances.A.IssueOneTimeTokenAsync(scene.Instances.AdaBearer);
        var recorded = await scene.ReadAsync(adaToken);
        (await scene.Instances.A.ExchangeAsync(adaToken)).Dispose();

        scene.Instances.A.Time.Advance(OneTimeTokenDefaults.TokenLifetime);
        await scene.WriteAsync(adaToken, recorded);
        using var exchange = await scene.Instances.A.ExchangeAsync(adaToken);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Scene.RefusalsOn(scene.Instances.A).Should().Equal("Expired");
    }

    /// <summary>
    /// Two portal instances sharing Redis and a key ring, Grace signed in beside Ada, and a connection of the writer's
    /// own to Redis.
    /// </summary>
    private sealed class Scene : IAsyncDisposable
    {
        private readonly ConnectionMultiplexer _writer;

        private Scene(PortalInstances instances, ConnectionMultiplexer writer, string graceBearer)
        {
            Instances = instances;
            _writer = writer;
            GraceBearer = graceBearer;
        }

        public PortalInstances Instances { get; }

        public string GraceBearer { get; }

        public static async Task<Scene> StartAsync(RedisServer redis)
        {
            var instances = await PortalInstances.StartAsync(redis);
            var writer = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            return new Scene(instances, writer, instances.A.PortalCustomerToken("2"));
        }

        /// <summary>The stored value under <paramref name="token"/>'s key.</summary>
        public async Task<RedisValue> ReadAsync(string token) => await _writer.GetDatabase().StringGetAsync(KeyOf(token));

        /// <summary>Writes <paramref name="value"/> under <paramref name="token"/>'s key, live for a minute.</summary>
        public async Task WriteAsync(string token, RedisValue value) =>
            await _writer.GetDatabase().StringSetAsync(KeyOf(token), value, TimeSpan.FromMinutes(1));

        public static IEnumerable<string?> RefusalsOn(TestHost server) =>
            PortalInstances.LogsOf(server).GetSnapshot()
                .Where(record => record.Id.Name == "OneTimeTokenRefused")
                .Select(record => record.GetStructuredStateValue("Status"));

        public async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync();
            await Instances.DisposeAsync();
        }

        private static RedisKey KeyOf(string token) => TestHost.PortalRedisInstanceName + OneTimeTokenService.HashToken(token);
    }
}
