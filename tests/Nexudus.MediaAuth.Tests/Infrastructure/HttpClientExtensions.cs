using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>The requests a portal client makes.</summary>
public static class HttpClientExtensions
{
    /// <summary>GET <paramref name="path"/> with the given <c>Authorization</c> header, if any.</summary>
    public static async Task<HttpResponseMessage> GetAuthorizedAsync(this HttpClient client, string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    /// <summary>GET <paramref name="path"/> on <paramref name="app"/> with <paramref name="bearerToken"/>, if any, as <c>Authorization: Bearer</c>.</summary>
    public static Task<HttpResponseMessage> GetAsync(this RunningApp app, string path, string? bearerToken = null) =>
        app.Client.GetAuthorizedAsync(path, bearerToken is null ? null : TestHost.Bearer(bearerToken));

    /// <summary>Calls <c>GET /api/auth/media/customer</c>, expects 200 and returns the <c>jwt</c> field.</summary>
    public static async Task<string> GetMediaTokenAsync(this HttpClient client, AuthenticationHeaderValue authorization)
    {
        using var response = await client.GetAuthorizedAsync(TestHost.MintPath, authorization);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("jwt").GetString()!;
    }
}
