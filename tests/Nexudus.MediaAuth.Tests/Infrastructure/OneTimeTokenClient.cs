using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// The one-time token calls a portal and a browser make against a host.
/// </summary>
public static class OneTimeTokenClient
{
    public static async Task<HttpResponseMessage> RequestOneTimeTokenAsync(this RunningApp server, string? bearerToken, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sys/users/token/refresh" + query);
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return await server.Client.SendAsync(request);
    }

    public static async Task<string> IssueOneTimeTokenAsync(this RunningApp server, string bearerToken)
    {
        using var response = await server.RequestOneTimeTokenAsync(bearerToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("Value").GetString()!;
    }

    public static Task<HttpResponseMessage> ExchangeAsync(this RunningApp server, string token, int validForInMinutes = 1440) =>
        server.Client.PostAsync(
            $"/api/sys/users/exchange?token={Uri.EscapeDataString(token)}&validForInMinutes={validForInMinutes}",
            content: null);

    public static Task<HttpResponseMessage> RequestLoginAsync(this RunningApp server, string token, string? redirectUrl = null, string path = "/user/login")
    {
        var url = $"{path}?server=true&t={Uri.EscapeDataString(token)}";
        if (redirectUrl is not null)
        {
            url += "&redirectUrl=" + Uri.EscapeDataString(redirectUrl);
        }

        return server.Client.GetAsync(url);
    }

    /// <summary>
    /// Redeems <paramref name="token"/> <paramref name="count"/> times at once, on <paramref name="servers"/> in turn,
    /// half by exchange and half by login redirect; returns how many redemptions signed the customer in.
    /// </summary>
    public static Task<int> CountConcurrentRedemptionsAsync(string token, int count, params RunningApp[] servers) =>
        CountConcurrentRedemptionsAsync(count, servers.Length, (i, server) => i % 2 == 0
            ? servers[server].ExchangeAsync(token)
            : servers[server].RequestLoginAsync(token, "/en/invoices"));

    /// <summary>
    /// Sends <paramref name="count"/> redemptions at once, the <c>i</c>th by <c>redeem(i / servers, i % servers)</c>;
    /// returns how many signed the customer in (an exchange answered 200, or a login set the cookie).
    /// </summary>
    public static async Task<int> CountConcurrentRedemptionsAsync(int count, int servers, Func<int, int, Task<HttpResponseMessage>> redeem)
    {
        using var start = new ManualResetEventSlim();
        var redemptions = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var response = await redeem(i / servers, i % servers);
            return response.StatusCode == HttpStatusCode.OK || response.SignInCookie() is not null;
        })).ToArray();
        start.Set();
        return (await Task.WhenAll(redemptions)).Count(success => success);
    }

    /// <summary>The cookie a sign-in response sets, as a <c>Cookie</c> request header value; null when none.</summary>
    public static string? SignInCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? string.Join("; ", values.Select(value => value.Split(';')[0]))
            : null;

    public static Task<HttpResponseMessage> GetWithCookieAsync(this RunningApp server, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return server.Client.SendAsync(request);
    }
}
