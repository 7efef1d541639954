using System.Net;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Diagnostics;

public sealed class MediaTokenMetricsTests
{
    private const string Issued = "nexudus.media_auth.media_token.issued";
    private const string Validated = "nexudus.media_auth.media_token.validated";
    private const string Rejected = "nexudus.media_auth.media_token.rejected";

    [Fact]
    public async Task Issuing_and_opening_a_pdf_twice_counts_one_issue_and_two_validations()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        using var issued = Metrics.Collect<long>(server.Services, Issued);
        using var validated = Metrics.Collect<long>(server.Services, Validated);
        using var rejected = Metrics.Collect<long>(server.Services, Rejected);

        var token = await server.MintPortalMediaTokenAsync();
        for (var request = 0; request < 2; request++)
        {
            using var pdf = await server.GetAsync(TestHost.InvoicePdfPath(1001, token));
            pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var issue = issued.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        issue.Value.Should().Be(1);
        issue.Tag(MediaAuthMetrics.SchemeTag).Should().Be(MediaTokenDefaults.AuthenticationScheme);
        issue.Tag(MediaAuthMetrics.AlgorithmTag).Should().Be("HS256");
        var validations = validated.GetMeasurementSnapshot();
        validations.Select(measurement => measurement.Value).Should().Equal(1, 1);
        validations.Should().AllSatisfy(measurement =>
            measurement.Tag(MediaAuthMetrics.SchemeTag).Should().Be(MediaTokenDefaults.AuthenticationScheme));
        rejected.GetMeasurementSnapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task A_validation_answered_by_the_cache_is_tagged_cached()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize: 100);
        using var validated = Metrics.Collect<long>(host.Services, Validated);
        var token = TestToken.Create(host.Now, new SigningCredentials(TestKeys.Rsa, SecurityAlgorithms.RsaSha256));

        await host.ExpectAcceptedAsync(token);
        await host.ExpectAcceptedAsync(token);

        validated.GetMeasurementSnapshot().Select(measurement => measurement.Tag(MediaAuthMetrics.CachedTag)).Should().Equal(false, true);
    }

    [Theory]
    [InlineData("malformed")]
    [InlineData("too_long")]
    [InlineData("repeated")]
    [InlineData("expired")]
    [InlineData("not_yet_valid")]
    [InlineData("lifetime")]
    [InlineData("subject")]
    [InlineData("signature")]
    [InlineData("unknown_key")]
    [InlineData("algorithm")]
    [InlineData("type")]
    [InlineData("issuer")]
    [InlineData("audience")]
    [InlineData("resource")]
    public async Task A_rejected_token_is_counted_under_the_check_it_failed(string reason)
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize: 0);
        using var validated = Metrics.Collect<long>(host.Services, Validated);
        using var rejected = Metrics.Collect<long>(host.Services, Rejected);

        using var response = await host.Client.GetAsync(RequestFailing(reason, host.Now));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var rejection = rejected.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        rejection.Value.Should().Be(1);
        rejection.Tags.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            [MediaAuthMetrics.SchemeTag] = MediaTokenDefaults.AuthenticationScheme,
            [MediaAuthMetrics.ReasonTag] = reason,
        });
        validated.GetMeasurementSnapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task A_request_without_a_token_is_neither_validated_nor_rejected()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize: 0);
        using var validated = Metrics.Collect<long>(host.Services, Validated);
        using var rejected = Metrics.Collect<long>(host.Services, Rejected);

        using var response = await host.Client.GetAsync(TestHost.MediaPath);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        validated.GetMeasurementSnapshot().Should().BeEmpty();
        rejected.GetMeasurementSnapshot().Should().BeEmpty();
    }

    [Fact]
    public async Task A_token_that_OnTokenValidated_refuses_is_not_counted_as_validated()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize: 0, options => options.Events.OnTokenValidated = context =>
        {
            context.Fail("The customer is suspended.");
            return Task.CompletedTask;
        });
        using var validated = Metrics.Collect<long>(host.Services, Validated);

        using var response = await host.GetMediaAsync(TestToken.Create(host.Now));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        validated.GetMeasurementSnapshot().Should().BeEmpty("the token did not sign anyone in");
    }

    /// <summary>A request to the host's <c>/media</c> whose token fails exactly the check named by <paramref name="reason"/>.</summary>
    internal static string RequestFailing(string reason, DateTimeOffset now) => reason switch
    {
        "repeated" => $"{TestHost.MediaPath}?t=a&t=b",
        _ => TestHost.WithToken(TestHost.MediaPath, TokenFailing(reason, now)),
    };

    private static string TokenFailing(string reason, DateTimeOffset now) => reason switch
    {
        "malformed" => "not-a-jwt",
        "too_long" => new string('a', MediaTokenDefaults.MaxTokenLength + 1),
        "expired" => TestToken.Create(now.AddMinutes(-10)),
        "not_yet_valid" => TestToken.Create(now.AddMinutes(10)),
        "lifetime" => TestToken.Create(now, lifetime: TimeSpan.FromHours(2)),
        "subject" => TestToken.Create(now, subject: null),
        "signature" => FlipSignature(TestToken.Create(now)),
        "unknown_key" => TestToken.Hmac("""{"alg":"HS256","kid":"no-such-key","typ":"media+jwt"}""", TestToken.ValidClaims(now)),
        "algorithm" => TestToken.Hmac("""{"alg":"RS256","kid":"hmac-1","typ":"media+jwt"}""", TestToken.ValidClaims(now)),
        "type" => TestToken.Create(now, tokenType: "JWT"),
        "issuer" => TestToken.Create(now, issuer: "https://elsewhere.example"),
        "audience" => TestToken.Create(now, audience: "elsewhere"),
        "resource" => TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(now, ""","res":"/elsewhere" """)),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static string FlipSignature(string token)
    {
        var position = token.LastIndexOf('.') + 2;
        var flipped = token[position] == 'A' ? 'B' : 'A';
        return string.Concat(token.AsSpan(0, position), [flipped], token.AsSpan(position + 1));
    }
}
