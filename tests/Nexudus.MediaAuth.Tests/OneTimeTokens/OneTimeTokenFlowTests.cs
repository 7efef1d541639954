using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

public sealed class OneTimeTokenFlowTests : PortalHostTest
{
    [Fact]
    public async Task Issuing_returns_the_documented_envelope_with_a_32_hex_token()
    {
        using var response = await Server.RequestOneTimeTokenAsync(Bearer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await response.Content.ReadAsStringAsync();
        body.Should().MatchRegex("""^\{"WasSuccessful":true,"Value":"[0-9a-f]{32}","Status":200,"Message":null,"Errors":null\}$""");
    }

    [Fact]
    public async Task Issued_tokens_are_unique()
    {
        var first = await Server.IssueOneTimeTokenAsync(Bearer);
        var second = await Server.IssueOneTimeTokenAsync(Bearer);

        first.Should().NotBe(second);
    }

    [Fact]
    public async Task Issuing_without_a_bearer_token_is_401()
    {
        using var response = await Server.RequestOneTimeTokenAsync(bearerToken: null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Issuing_with_a_garbage_bearer_token_is_401()
    {
        using var response = await Server.RequestOneTimeTokenAsync("not-a-bearer-token");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_redirect_signs_the_customer_in_and_the_server_page_shows_them()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var login = await Server.RequestLoginAsync(token, "/en/invoices", path: "/en/user/login");

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be("/en/invoices");
        login.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        var cookie = login.SignInCookie();
        cookie.Should().NotBeNull();

        using var page = await Server.GetWithCookieAsync("/en/invoices", cookie!);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        TestHost.CustomerOf(html).Should().Be(TestHost.PortalCustomerId);
        html.Should().Contain($"{ClaimTypes.Name}=Ada Lovelace").And.Contain($"{ClaimTypes.Email}=ada@example.com");
    }

    [Fact]
    public async Task Server_page_without_the_cookie_is_not_shown()
    {
        using var page = await Server.Client.GetAsync("/en/invoices");

        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().StartWith("http://localhost/?ReturnUrl=");
    }

    [Fact]
    public async Task Exchange_returns_a_bearer_token_that_works_on_bearer_endpoints()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var exchange = await Server.ExchangeAsync(token, validForInMinutes: 1440);

        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        exchange.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        body.EnumerateObject().Select(property => property.Name).Should().Equal("token", "token_type", "expires_in", "refresh_token");
        body.GetProperty("token_type").GetString().Should().Be("bearer");
        body.GetProperty("expires_in").GetInt64().Should().Be(86_400);

        using var files = await Server.GetAsync("/api/public/files/my", body.GetProperty("token").GetString());
        files.StatusCode.Should().Be(HttpStatusCode.OK);
        TestHost.CustomerOf(await files.Content.ReadAsStringAsync()).Should().Be(TestHost.PortalCustomerId);
    }

    [Fact]
    public async Task Exchanged_bearer_token_expires_after_validForInMinutes()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);
        using var exchange = await Server.ExchangeAsync(token, validForInMinutes: 5);
        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("expires_in").GetInt64().Should().Be(300);
        var bearer = body.GetProperty("token").GetString();

        Server.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        using (var stillValid = await Server.GetAsync("/api/public/files/my", bearer))
        {
            stillValid.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Server.Time.Advance(TimeSpan.FromSeconds(2));
        using var expired = await Server.GetAsync("/api/public/files/my", bearer);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Exchange_clamps_validForInMinutes_to_the_configured_maximum()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var exchange = await Server.ExchangeAsync(token, validForInMinutes: 100_000);

        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("expires_in").GetInt64().Should().Be((long)OneTimeTokenDefaults.MaxExchangedTokenLifetime.TotalSeconds);
    }

    [Theory]
    [InlineData("/api/sys/users/exchange?validForInMinutes=10")]
    [InlineData("/api/sys/users/exchange?token=&validForInMinutes=10")]
    [InlineData("/api/sys/users/exchange?token=a3f8c2d1e5b74091bc6e2f3a4d5c6b7e")]
    [InlineData("/api/sys/users/exchange?token=a3f8c2d1e5b74091bc6e2f3a4d5c6b7e&validForInMinutes=0")]
    [InlineData("/api/sys/users/exchange?token=a3f8c2d1e5b74091bc6e2f3a4d5c6b7e&validForInMinutes=-5")]
    [InlineData("/api/sys/users/exchange?token=a3f8c2d1e5b74091bc6e2f3a4d5c6b7e&validForInMinutes=ten")]
    [InlineData("/api/sys/users/exchange?token=a&token=b&validForInMinutes=10")]
    public async Task Exchange_with_missing_or_malformed_parameters_is_400_problem_details(string url)
    {
        using var response = await Server.Client.PostAsync(url, content: null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("a3f8c2d1e5b74091bc6e2f3a4d5c6b7e")]
    [InlineData("A3F8C2D1E5B74091BC6E2F3A4D5C6B7E")]
    [InlineData("not-a-token")]
    public async Task Exchange_of_a_token_never_issued_is_401_problem_details(string token)
    {
        using var response = await Server.ExchangeAsync(token);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(token);
    }

    [Fact]
    public async Task A_token_redeemed_by_login_cannot_be_exchanged()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);
        using var login = await Server.RequestLoginAsync(token, "/en/invoices");
        login.SignInCookie().Should().NotBeNull();

        using var exchange = await Server.ExchangeAsync(token);

        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_exchanged_cannot_sign_in_by_login()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);
        using var exchange = await Server.ExchangeAsync(token);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);

        using var login = await Server.RequestLoginAsync(token, "/en/invoices");

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be("/");
        login.SignInCookie().Should().BeNull();
    }

    [Fact]
    public async Task A_token_cannot_sign_in_twice()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);
        using var first = await Server.RequestLoginAsync(token, "/en/invoices");
        first.SignInCookie().Should().NotBeNull();

        using var second = await Server.RequestLoginAsync(token, "/en/invoices");

        second.Headers.Location!.OriginalString.Should().Be("/");
        second.SignInCookie().Should().BeNull();
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime()
    {
        var fresh = await Server.IssueOneTimeTokenAsync(Bearer);
        var stale = await Server.IssueOneTimeTokenAsync(Bearer);

        Server.Time.Advance(OneTimeTokenDefaults.TokenLifetime - TimeSpan.FromSeconds(1));
        using (var beforeExpiry = await Server.ExchangeAsync(fresh))
        {
            beforeExpiry.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        Server.Time.Advance(TimeSpan.FromSeconds(1));
        using var atExpiry = await Server.ExchangeAsync(stale);
        atExpiry.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Host_code_can_issue_a_token_that_the_endpoints_redeem()
    {
        var service = Server.Services.GetRequiredService<IOneTimeTokenService>();
        var customer = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "2"), new Claim(ClaimTypes.Name, "Grace Hopper")],
            "Checkout"));

        var token = await service.IssueAsync(customer);
        using var login = await Server.RequestLoginAsync(token, "/en/invoices");
        using var page = await Server.GetWithCookieAsync("/en/invoices", login.SignInCookie()!);

        (await page.Content.ReadAsStringAsync()).Should().Contain($"{ClaimTypes.Name}=Grace Hopper");
        (await service.RedeemAsync(token)).Status.Should().Be(OneTimeTokenRedemptionStatus.Unknown);
    }

    [Fact]
    public async Task A_one_time_token_is_not_a_media_token()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var pdf = await Server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={token}");

        pdf.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        pdf.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        using var exchange = await Server.ExchangeAsync(token);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK, "the failed media-token attempt must not consume the one-time token");
    }

    [Fact]
    public async Task A_media_token_is_not_a_one_time_token()
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var login = await Server.RequestLoginAsync(jwt, "/en/invoices");
        using var exchange = await Server.ExchangeAsync(jwt);
        using var issue = await Server.Client.PostAsync($"/api/sys/users/token/refresh?t={jwt}", content: null);
        using var issueWithHeader = await Server.RequestOneTimeTokenAsync(jwt);

        login.Headers.Location!.OriginalString.Should().Be("/");
        login.SignInCookie().Should().BeNull();
        exchange.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        issue.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        issueWithHeader.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_one_time_token_cannot_mint_tokens()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var media = await Server.GetAsync("/api/auth/media/customer", token);
        using var oneTime = await Server.RequestOneTimeTokenAsync(token);

        media.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        oneTime.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_with_a_repeated_token_parameter_signs_nobody_in()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var login = await Server.Client.GetAsync($"/user/login?t={token}&t={token}&redirectUrl=%2Fen%2Finvoices");

        login.Headers.Location!.OriginalString.Should().Be("/");
        login.SignInCookie().Should().BeNull();
    }

    [Theory]
    [InlineData("/xx-yy-zz/user/login", HttpStatusCode.Redirect)]
    [InlineData("/pt-BR/user/login", HttpStatusCode.Redirect)]
    [InlineData("/e/user/login", HttpStatusCode.NotFound)]
    [InlineData("/en_GB/user/login", HttpStatusCode.NotFound)]
    [InlineData("/%3Cscript%3E/user/login", HttpStatusCode.NotFound)]
    public async Task Login_answers_under_culture_prefixes_only(string path, HttpStatusCode expected)
    {
        using var response = await Server.Client.GetAsync(path + "?t=00000000000000000000000000000000");

        response.StatusCode.Should().Be(expected);
    }
}
