using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Diagnostics;

public sealed class OneTimeTokenMetricsTests
{
    private const string Issued = "nexudus.media_auth.one_time_token.issued";
    private const string Redeemed = "nexudus.media_auth.one_time_token.redeemed";
    private const string Rejected = "nexudus.media_auth.one_time_token.rejected";
    private const string StoreDuration = "nexudus.media_auth.store.duration";
    private const string NeverIssued = "a3f8c2d1e5b74091bc6e2f3a4d5c6b7e";

    [Fact]
    public async Task Issues_redemptions_and_each_kind_of_refusal_are_counted_and_every_store_call_is_timed()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        using var issued = Metrics.Collect<long>(server.Services, Issued);
        using var redeemed = Metrics.Collect<long>(server.Services, Redeemed);
        using var rejected = Metrics.Collect<long>(server.Services, Rejected);
        using var storeDuration = Metrics.Collect<double>(server.Services, StoreDuration);
        var bearer = server.PortalCustomerToken();

        var token = await server.IssueOneTimeTokenAsync(bearer);
        using (var exchange = await server.ExchangeAsync(token))
        {
            exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var reused = await server.ExchangeAsync(token))
        using (var malformed = await server.ExchangeAsync("not-a-one-time-token"))
        using (var unknown = await server.ExchangeAsync(NeverIssued))
        {
            reused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var late = await server.IssueOneTimeTokenAsync(bearer);
        server.Time.Advance(OneTimeTokenDefaults.TokenLifetime + TimeSpan.FromSeconds(1));
        using (var expired = await server.ExchangeAsync(late))
        {
            expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        issued.GetMeasurementSnapshot().Select(measurement => measurement.Value).Should().Equal(1, 1);
        redeemed.GetMeasurementSnapshot().Select(measurement => measurement.Value).Should().Equal(1);
        rejected.GetMeasurementSnapshot().Select(measurement => measurement.Tag(MediaAuthMetrics.ReasonTag))
            .Should().Equal(["unknown", "malformed", "unknown", "expired"], "a reused token is gone from the store, as if never issued");
        var storeCalls = storeDuration.GetMeasurementSnapshot();
        storeCalls.Select(measurement => measurement.Tag(MediaAuthMetrics.StoreOperationTag))
            .Should().Equal(
                ["get_stamp", "add", "take", "get_stamp", "take", "take", "get_stamp", "add", "take"],
                "issuing reads the revocation stamp, an accepted redemption checks it, and a malformed token never reaches the store");
        storeCalls.Should().AllSatisfy(measurement =>
        {
            measurement.Value.Should().BeGreaterThanOrEqualTo(0);
            measurement.Tag(MediaAuthMetrics.StoreTypeTag).Should().Be("MemoryOneTimeTicketStore");
            measurement.Tags.Should().NotContainKey(MediaAuthMetrics.ErrorTypeTag);
        });
    }

    [Fact]
    public async Task A_failing_store_is_counted_as_store_unavailable_and_its_calls_are_timed_with_the_error_type()
    {
        await using var server = await TestHost.StartPortalHostAsync(builder =>
            builder.Services.AddSingleton<IOneTimeTokenStore, FailingStore>());
        using var issued = Metrics.Collect<long>(server.Services, Issued);
        using var rejected = Metrics.Collect<long>(server.Services, Rejected);
        using var storeDuration = Metrics.Collect<double>(server.Services, StoreDuration);
        var bearer = server.PortalCustomerToken();

        using var issue = await server.RequestOneTimeTokenAsync(bearer);
        using var exchange = await server.ExchangeAsync(NeverIssued);
        using var login = await server.RequestLoginAsync(NeverIssued, "/en/invoices");

        issue.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        exchange.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        issued.GetMeasurementSnapshot().Should().BeEmpty();
        rejected.GetMeasurementSnapshot().Select(measurement => measurement.Tag(MediaAuthMetrics.ReasonTag))
            .Should().Equal("store_unavailable", "store_unavailable");
        var storeCalls = storeDuration.GetMeasurementSnapshot();
        storeCalls.Select(measurement => measurement.Tag(MediaAuthMetrics.StoreOperationTag)).Should().Equal("get_stamp", "take", "peek");
        storeCalls.Should().AllSatisfy(measurement =>
        {
            measurement.Tag(MediaAuthMetrics.StoreTypeTag).Should().Be(nameof(FailingStore));
            measurement.Tag(MediaAuthMetrics.ErrorTypeTag).Should().Be(typeof(TimeoutException).FullName);
        });
    }

    [Fact]
    public async Task A_payload_that_does_not_unprotect_is_counted_as_invalid()
    {
        await using var server = await TestHost.StartPortalHostAsync(builder =>
            builder.Services.AddSingleton<IOneTimeTokenStore, ForgedPayloadStore>());
        using var rejected = Metrics.Collect<long>(server.Services, Rejected);

        using var exchange = await server.ExchangeAsync(NeverIssued);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rejected.GetMeasurementSnapshot().Should().ContainSingle()
            .Which.Tag(MediaAuthMetrics.ReasonTag).Should().Be("invalid");
    }

    private sealed class FailingStore : IOneTimeTokenStore
    {
        // Thrown before a task is returned, the harder case for timing.
        public ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("The store did not answer.");

        public async ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new TimeoutException("The store did not answer.");
        }

        public ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("The store did not answer.");

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            throw new TimeoutException("The store did not answer.");
    }

    /// <summary>A store someone wrote to directly: every key holds a payload Data Protection did not produce.</summary>
    private sealed class ForgedPayloadStore : IOneTimeTokenStore
    {
        public ValueTask<bool> TryAddAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(true);

        public ValueTask<string?> TryTakeAsync(string key, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<string?>("forged-payload");

        public ValueTask SetAsync(string key, string payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<string?>(null);
    }
}
