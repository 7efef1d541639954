using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Diagnostics;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens.Stores;

/// <summary>
/// The in-memory store's bound on live tokens, with the issue limit off so that only the bound holds issuing back.
/// </summary>
public sealed class MemoryStoreBoundTests
{
    private const int Bound = 3;
    private const string StoreFull = "nexudus.media_auth.one_time_token.store_full";

    [Fact]
    public async Task A_full_store_refuses_to_issue_with_the_500_envelope_logs_it_once_counts_each_and_keeps_every_live_token()
    {
        await using var server = await StartAsync();
        using var storeFull = Metrics.Collect<long>(server.Services, StoreFull);
        var ada = server.PortalCustomerToken();
        var live = new List<string>();
        for (var i = 0; i < Bound; i++)
        {
            live.Add(await server.IssueOneTimeTokenAsync(ada));
        }

        using var refused = await server.RequestOneTimeTokenAsync(ada);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        (await server.RequestOneTimeTokenAsync(ada)).Dispose();

        refused.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        body.GetProperty("WasSuccessful").GetBoolean().Should().BeFalse();
        body.GetProperty("Status").GetInt32().Should().Be(500);
        storeFull.GetMeasurementSnapshot().Select(measurement => measurement.Value).Should().Equal(1, 1);
        server.Services.GetFakeLogCollector().GetSnapshot().Where(record => record.Id.Name == "OneTimeTokenStoreFull")
            .Should().ContainSingle().Which.Should().Match<Microsoft.Extensions.Logging.Testing.FakeLogRecord>(record =>
                record.Id.Id == 14 && record.Level == LogLevel.Warning && record.Message.Contains("holds 3 live tokens"));
        foreach (var token in live)
        {
            using var exchange = await server.ExchangeAsync(token);
            exchange.StatusCode.Should().Be(HttpStatusCode.OK, "a full store never evicts a live token");
        }
    }

    [Fact]
    public async Task A_redeemed_token_makes_room_and_the_next_episode_is_logged_again()
    {
        await using var server = await StartAsync();
        var ada = server.PortalCustomerToken();
        var first = await server.IssueOneTimeTokenAsync(ada);
        for (var i = 1; i < Bound; i++)
        {
            await server.IssueOneTimeTokenAsync(ada);
        }

        (await server.RequestOneTimeTokenAsync(ada)).StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await server.ExchangeAsync(first)).Dispose();
        (await server.RequestOneTimeTokenAsync(ada)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await server.RequestOneTimeTokenAsync(ada)).StatusCode.Should().Be(HttpStatusCode.InternalServerError);

        server.Services.GetFakeLogCollector().GetSnapshot().Count(record => record.Id.Name == "OneTimeTokenStoreFull").Should().Be(2);
    }

    [Fact]
    public async Task Expired_tokens_are_purged_and_make_room()
    {
        await using var server = await StartAsync();
        var ada = server.PortalCustomerToken();
        for (var i = 0; i < Bound; i++)
        {
            await server.IssueOneTimeTokenAsync(ada);
        }

        // An entry stays a purge period (6 s) past its expiry, and the purge runs every 6 s.
        server.Time.Advance(OneTimeTokenDefaults.TokenLifetime + TimeSpan.FromSeconds(12));

        for (var i = 0; i < Bound; i++)
        {
            (await server.RequestOneTimeTokenAsync(ada)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_bound_below_one_fails_at_startup()
    {
        var start = () => TestHost.StartPortalHostAsync(builder =>
            builder.Services.Configure<OneTimeTokenOptions>(options => options.MaxLiveTokens = 0));

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("MaxLiveTokens");
    }

    private static Task<TestHost> StartAsync() => TestHost.StartPortalHostAsync(builder =>
    {
        builder.CaptureAllLogs();
        builder.Services.Configure<OneTimeTokenOptions>(options => options.MaxLiveTokens = Bound);
        builder.Services.Configure<CustomerAuthenticationOptions>(options => options.IssueLimit = null);
    });
}
