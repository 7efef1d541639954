using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Diagnostics;

public sealed class TracingTests
{
    [Fact]
    public async Task Minting_a_media_token_is_a_span_with_the_scheme_algorithm_and_outcome_and_without_the_token()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var bearer = server.PortalCustomerToken();
        using var trace = new TraceRecorder();

        using var response = await server.Client.SendAsync(trace.Send(Authorized(HttpMethod.Get, "/api/auth/media/customer", bearer)));
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jwt").GetString()!;

        var activities = await trace.WaitForAsync(IsNamed(MediaAuthActivitySource.IssueMediaToken));
        var issue = activities.Where(IsNamed(MediaAuthActivitySource.IssueMediaToken)).Should().ContainSingle().Subject;
        issue.Source.Name.Should().Be("Nexudus.MediaAuth");
        issue.Status.Should().NotBe(ActivityStatusCode.Error);
        issue.GetTagItem(MediaAuthMetrics.SchemeTag).Should().Be(MediaTokenDefaults.AuthenticationScheme);
        issue.GetTagItem(MediaAuthMetrics.AlgorithmTag).Should().Be("HS256");
        issue.GetTagItem(MediaAuthActivitySource.OutcomeTag).Should().Be("issued");
        ShouldNotMention(activities, token);
    }

    [Fact]
    public async Task Issuing_and_redeeming_a_one_time_token_twice_are_spans_with_their_outcomes_and_without_the_token_or_its_hash()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var bearer = server.PortalCustomerToken();
        using var trace = new TraceRecorder();

        using var issue = await server.Client.SendAsync(trace.Send(Authorized(HttpMethod.Post, "/api/sys/users/token/refresh", bearer)));
        var token = (await issue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("Value").GetString()!;
        var exchangePath = $"/api/sys/users/exchange?token={token}&validForInMinutes=60";
        using var first = await server.Client.SendAsync(trace.Send(new HttpRequestMessage(HttpMethod.Post, exchangePath)));
        using var second = await server.Client.SendAsync(trace.Send(new HttpRequestMessage(HttpMethod.Post, exchangePath)));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var activities = await trace.WaitForAsync(activity =>
            activity.OperationName == MediaAuthActivitySource.RedeemOneTimeToken && "unknown".Equals(activity.GetTagItem(MediaAuthActivitySource.OutcomeTag)));
        activities.Where(IsNamed(MediaAuthActivitySource.IssueOneTimeToken))
            .Select(activity => activity.GetTagItem(MediaAuthActivitySource.OutcomeTag)).Should().Equal("issued");
        activities.Where(IsNamed(MediaAuthActivitySource.RedeemOneTimeToken))
            .Select(activity => activity.GetTagItem(MediaAuthActivitySource.OutcomeTag)).Should().BeEquivalentTo(["redeemed", "unknown"]);
        ShouldNotMention(activities, token, OneTimeTokenService.HashToken(token));
    }

    [Fact]
    public async Task A_rejected_media_token_adds_an_event_with_the_reason_to_the_request_activity()
    {
        await using var host = await TestHost.StartEveryKeyFamilyHostAsync(cacheSize: 0);
        var expiredRequest = MediaTokenMetricsTests.RequestFailing("expired", host.Now);
        using var trace = new TraceRecorder();

        using var response = await host.Client.SendAsync(trace.Send(new HttpRequestMessage(HttpMethod.Get, expiredRequest)));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var activities = await trace.WaitForAsync(HasRejectionEvent);
        var rejection = activities.SelectMany(activity => activity.Events)
            .Should().ContainSingle(activityEvent => activityEvent.Name == MediaAuthActivitySource.MediaTokenRejectedEvent).Subject;
        rejection.Tags.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            [MediaAuthMetrics.SchemeTag] = MediaTokenDefaults.AuthenticationScheme,
            [MediaAuthMetrics.ReasonTag] = "expired",
        });
    }

    private static bool HasRejectionEvent(Activity activity) =>
        activity.Events.Any(activityEvent => activityEvent.Name == MediaAuthActivitySource.MediaTokenRejectedEvent);

    private static Func<Activity, bool> IsNamed(string operationName) => activity => activity.OperationName == operationName;

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string bearer) =>
        new(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", bearer) } };

    private static void ShouldNotMention(IEnumerable<Activity> activities, params string[] secrets)
    {
        var library = activities.Where(activity => activity.Source.Name == MediaAuthActivitySource.Name).ToList();
        library.Should().NotBeEmpty();
        var values = library.SelectMany(activity => activity.TagObjects.Select(tag => tag.Value)
            .Concat(activity.Events.SelectMany(activityEvent => activityEvent.Tags.Select(tag => tag.Value)))
            .Append(activity.DisplayName));
        values.Select(value => value?.ToString() ?? string.Empty)
            .Should().NotContain(value => secrets.Any(secret => value.Contains(secret, StringComparison.Ordinal)));
    }
}
