using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

/// <summary>
/// Confirm mode, for links in emails and chats: a <c>GET</c> or <c>HEAD</c> (a scanner, a link preview) answers a page
/// and leaves the token as it was; only the page's same-origin <c>POST</c> redeems it.
/// </summary>
public sealed class ConfirmLoginTests
{
    private const string Origin = "http://localhost";

    [Fact]
    public async Task Get_and_head_answer_the_page_and_never_redeem_and_the_post_signs_in_once()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var token = await IssueForEmailAsync(server);

        using var scannerGet = await server.RequestLoginAsync(token, "/en/invoices");
        using var secondGet = await server.RequestLoginAsync(token, "/en/invoices");
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/user/login?server=true&t={token}"));
        var page = await scannerGet.Content.ReadAsStringAsync();
        using var post = await PostAsync(server, token, "/en/invoices", sameOrigin: true);
        using var again = await PostAsync(server, token, "/en/invoices", sameOrigin: true);

        foreach (var answer in new[] { scannerGet, secondGet, head })
        {
            answer.StatusCode.Should().Be(HttpStatusCode.OK);
            answer.SignInCookie().Should().BeNull();
            answer.Headers.CacheControl!.NoStore.Should().BeTrue();
            answer.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            answer.Headers.GetValues("Content-Security-Policy").Should().Equal("default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        }

        page.Should().Contain("<form method=\"post\" action=\"/user/login\">")
            .And.Contain($"name=\"t\" value=\"{token}\"")
            .And.Contain("name=\"redirectUrl\" value=\"/en/invoices\"")
            .And.NotContain("<script").And.NotContain("http");
        (await head.Content.ReadAsStringAsync()).Should().BeEmpty();
        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        post.Headers.Location!.OriginalString.Should().Be("/en/invoices");
        post.SignInCookie().Should().NotBeNull();
        again.Headers.Location!.OriginalString.Should().Be("/");
        again.SignInCookie().Should().BeNull();
    }

    [Fact]
    public async Task Head_never_redeems_an_immediate_token_either()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var bearer = server.PortalCustomerToken();
        var token = await server.IssueOneTimeTokenAsync(bearer);

        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/user/login?server=true&t={token}"));
        using var login = await server.RequestLoginAsync(token, "/en/invoices");

        head.SignInCookie().Should().BeNull();
        login.SignInCookie().Should().NotBeNull("the link checker's HEAD left the in-app token usable");
    }

    [Fact]
    public async Task The_host_confirm_mode_applies_to_every_token()
    {
        await using var server = await TestHost.StartPortalHostAsync(builder =>
            builder.Services.Configure<OneTimeTokenOptions>(options => options.LoginMode = OneTimeTokenLoginMode.Confirm));
        var bearer = server.PortalCustomerToken();
        var token = await server.IssueOneTimeTokenAsync(bearer);

        using var get = await server.RequestLoginAsync(token, "/en/invoices");
        var page = await get.Content.ReadAsStringAsync();
        using var post = await PostAsync(server, token, "/en/invoices", sameOrigin: true);

        get.SignInCookie().Should().BeNull();
        page.Should().Contain("<form method=\"post\" action=\"/user/login\">");
        post.SignInCookie().Should().NotBeNull();
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "https://evil.example")]
    [InlineData(null, "null")]
    [InlineData(null, null)]
    public async Task A_post_that_is_not_same_origin_is_refused_and_leaves_the_token_usable(string? secFetchSite, string? origin)
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var token = await IssueForEmailAsync(server);

        using var refused = await PostAsync(server, token, "/en/invoices", sameOrigin: false, secFetchSite, origin);
        using var accepted = await PostAsync(server, token, "/en/invoices", sameOrigin: false, secFetchSite: null, origin: Origin);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.SignInCookie().Should().BeNull();
        accepted.SignInCookie().Should().NotBeNull("an Origin equal to the host's is same-origin for a browser without Fetch Metadata");
    }

    [Fact]
    public async Task The_post_redeems_exactly_once_under_500_concurrent_posts()
    {
        await using var server = await TestHost.StartPortalHostAsync();
        var token = await IssueForEmailAsync(server);

        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, 500).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await PostAsync(server, token, "/en/invoices", sameOrigin: true);
            return response.SignInCookie() is not null;
        })).ToArray();
        start.Set();

        (await Task.WhenAll(posts)).Count(signedIn => signedIn).Should().Be(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("server=false&")]
    [InlineData("server=anything&")]
    public async Task Server_parameter_is_ignored(string server)
    {
        await using var host = await TestHost.StartPortalHostAsync();
        var bearer = host.PortalCustomerToken();
        var token = await host.IssueOneTimeTokenAsync(bearer);

        using var login = await host.Client.GetAsync($"/user/login?{server}t={token}&redirectUrl=%2Fen%2Finvoices");

        login.Headers.Location!.OriginalString.Should().Be("/en/invoices");
        login.SignInCookie().Should().NotBeNull();
    }

    internal static ClaimsPrincipal Ada() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, TestHost.PortalCustomerId), new Claim(ClaimTypes.Name, "Ada Lovelace")], "Test"));

    internal static ValueTask<string> IssueForEmailAsync(TestHost server) =>
        server.Services.GetRequiredService<IOneTimeTokenService>()
            .IssueAsync(Ada(), TimeSpan.FromMinutes(30), OneTimeTokenLoginMode.Confirm, CancellationToken.None);

    internal static Task<HttpResponseMessage> PostAsync(
        TestHost server,
        string token,
        string redirectUrl,
        bool sameOrigin,
        string? secFetchSite = null,
        string? origin = null,
        string path = "/user/login")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("t", token), new("redirectUrl", redirectUrl)]),
        };
        if (sameOrigin)
        {
            request.Headers.Add("Sec-Fetch-Site", "same-origin");
            request.Headers.Add("Origin", "null");
        }

        if (secFetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", secFetchSite);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return server.Client.SendAsync(request);
    }
}
