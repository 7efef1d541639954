using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Endpoints;

/// <summary>
/// The per-customer limit on issuing tokens, over HTTP as a portal or a script looping on the endpoints sees it. The
/// limits are small and replenish once an hour, so nothing is replenished while a test runs.
/// </summary>
public sealed class IssueLimitTests
{
    private const int Burst = 3;

    [Fact]
    public async Task A_customer_over_the_limit_gets_the_envelope_with_status_429_and_retry_after_and_others_still_get_tokens()
    {
        await using var server = await TestHost.StartPortalHostAsync(LimitTo(Burst));
        var ada = server.PortalCustomerToken();
        var grace = server.PortalCustomerToken("2");
        for (var i = 0; i < Burst; i++)
        {
            await server.IssueOneTimeTokenAsync(ada);
        }

        using var refused = await server.RequestOneTimeTokenAsync(ada);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        using var shaped = await server.RequestOneTimeTokenAsync(ada, "?_shape=WasSuccessful,Status");

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        RetryAfterSeconds(refused).Should().BeInRange(1, 3600);
        body.GetProperty("WasSuccessful").GetBoolean().Should().BeFalse();
        body.GetProperty("Status").GetInt32().Should().Be(429);
        body.GetProperty("Value").ValueKind.Should().Be(JsonValueKind.Null);
        (await shaped.Content.ReadAsStringAsync()).Should().Be("""{"WasSuccessful":false,"Status":429}""");
        (await server.IssueOneTimeTokenAsync(grace)).Should().HaveLength(32, "each customer has a limit of their own");
        (await server.Client.GetMediaTokenAsync(TestHost.Bearer(ada))).Should().NotBeEmpty("media tokens are limited apart");
    }

    [Fact]
    public async Task A_customer_over_the_media_token_limit_gets_429_with_retry_after_and_others_still_get_tokens()
    {
        await using var server = await TestHost.StartPortalHostAsync(LimitTo(Burst));
        var ada = TestHost.Bearer(server.PortalCustomerToken());
        var grace = TestHost.Bearer(server.PortalCustomerToken("2"));
        for (var i = 0; i < Burst; i++)
        {
            await server.Client.GetMediaTokenAsync(ada);
        }

        using var refused = await server.Client.GetAuthorizedAsync("/api/auth/media/customer", ada);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.GetProperty("status").GetInt32().Should().Be(429);
        problem.TryGetProperty("jwt", out _).Should().BeFalse();
        RetryAfterSeconds(refused).Should().BeInRange(1, 3600);
        (await server.Client.GetMediaTokenAsync(grace)).Should().NotBeEmpty();
        (await server.IssueOneTimeTokenAsync(ada.Parameter!)).Should().HaveLength(32, "one-time tokens are limited apart");
    }

    [Fact]
    public async Task The_default_limit_lets_a_customer_open_thirty_links_at_once()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var ada = server.PortalCustomerToken();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var response = await server.RequestOneTimeTokenAsync(ada);
            return response.StatusCode;
        }));

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        server.Services.GetRequiredService<IOptions<CustomerAuthenticationOptions>>().Value.IssueLimit
            .Should().BeEquivalentTo(new { TokenLimit = 30, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0 });
    }

    [Fact]
    public async Task Customers_are_told_apart_by_the_customer_id_claim_the_scheme_issues_for()
    {
        // Every TestBearer customer has the same name and no NameIdentifier: only the configured claim tells them apart.
        const string CustomerIdClaim = "customer_id";
        await using var host = await TestHost.StartMediaTokenHostAsync(
            options => options.CustomerIdClaimType = CustomerIdClaim,
            builder =>
            {
                builder.Services.Configure<TestBearerOptions>(TestBearerHandler.SchemeName, options => options.CustomerIdClaimType = CustomerIdClaim);
                LimitTo(Burst)(builder);
            });
        for (var i = 0; i < Burst; i++)
        {
            await host.MintAsync("42");
        }

        using var refused = await host.Client.GetAuthorizedAsync(TestHost.MintPath, TestBearerHandler.Customer("42"));

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await host.MintAsync("43")).Should().NotBeEmpty("customer 43 has a bucket of their own");
    }

    [Fact]
    public async Task Without_a_limit_a_customer_gets_every_token_asked_for()
    {
        await using var server = await TestHost.StartPortalHostAsync(builder =>
            builder.Services.Configure<CustomerAuthenticationOptions>(options => options.IssueLimit = null));
        var ada = server.PortalCustomerToken();

        for (var i = 0; i < 100; i++)
        {
            await server.IssueOneTimeTokenAsync(ada);
            await server.Client.GetMediaTokenAsync(TestHost.Bearer(ada));
        }
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public async Task A_limit_that_cannot_work_fails_at_startup(int tokenLimit, int tokensPerPeriod, int periodSeconds)
    {
        var start = () => TestHost.StartPortalHostAsync(builder => builder.Services.Configure<CustomerAuthenticationOptions>(options =>
            options.IssueLimit = new TokenBucketRateLimiterOptions
            {
                TokenLimit = tokenLimit,
                TokensPerPeriod = tokensPerPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(periodSeconds),
            }));

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("CustomerAuthenticationOptions.IssueLimit");
    }

    internal static Action<WebApplicationBuilder> LimitTo(int burst) => builder =>
        builder.Services.Configure<CustomerAuthenticationOptions>(options => options.IssueLimit = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromHours(1),
        });

    private static long RetryAfterSeconds(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
}
