using System.Net;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>Checks of the responses the media token scheme and the test endpoints write.</summary>
public static class ResponseAssertions
{
    /// <summary>The raw <c>WWW-Authenticate</c> header, all values joined, or <see langword="null"/> when absent.</summary>
    public static string? WwwAuthenticate(this HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues(HeaderNames.WWWAuthenticate, out var values) ? values.ToString() : null;

    /// <summary>
    /// A 401 that only names the scheme, with no error and no body: what a request without a (readable) token gets.
    /// </summary>
    public static async Task ShouldBeBareChallengeAsync(this HttpResponseMessage response, string scheme = MediaTokenDefaults.AuthenticationScheme)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, body);
        response.WwwAuthenticate().Should().Be(scheme);
        body.Should().BeEmpty();
    }

    /// <summary>
    /// A 401 after a rejected token: an RFC 6750 <c>invalid_token</c> challenge and a ProblemDetails body, both saying
    /// <paramref name="description"/>.
    /// </summary>
    public static async Task ShouldBeInvalidTokenAsync(this HttpResponseMessage response, string description, string scheme = MediaTokenDefaults.AuthenticationScheme)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, body);
        response.WwwAuthenticate().Should().Be($"{scheme} error=\"invalid_token\", error_description=\"{description}\"");
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be((int)HttpStatusCode.Unauthorized);
        problem.RootElement.GetProperty("title").GetString().Should().Be("The media token is invalid.");
        problem.RootElement.GetProperty("detail").GetString().Should().Be(description);
    }

    /// <summary>
    /// Expects 200 from an endpoint mapped with <see cref="TestHost.MapUserDescription"/> and returns its lines:
    /// <c>scheme={authentication type}</c>, then <c>{claim type}={value}</c> per claim.
    /// </summary>
    public static async Task<string[]> ShouldDescribeUserAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return body.Split('\n');
    }
}
