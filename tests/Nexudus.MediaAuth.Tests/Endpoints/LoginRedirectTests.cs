using System.Net;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Endpoints;

/// <summary>
/// The login redirect follows <c>redirectUrl</c> only when it is a local path. Every case signs in with a valid token,
/// so the only thing that can send the browser to the default path is the redirect decision itself.
/// </summary>
public sealed class LoginRedirectTests : PortalHostTest
{
    public static TheoryData<string> HostileRedirects => new()
    {
        "https://evil.example/",
        "http://evil.example",
        "HTTPS://evil.example",
        "//evil.example",
        "///evil.example",
        "//evil.example/en/invoices",
        "/\\evil.example",
        "\\\\evil.example",
        "\\/evil.example",
        "/\\/evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "evil.example",
        "evil.example/en/invoices",
        " /en/invoices",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\nLocation: https://evil.example",
        "/en/invoices\r\nSet-Cookie: x=1",
        "/\0/evil.example",
        "/é/invoices",
        "%2F%2Fevil.example",
        "https:evil.example",
        "~/en/invoices",
        "",
    };

    [Theory]
    [MemberData(nameof(HostileRedirects))]
    public async Task Hostile_redirect_url_goes_to_the_default_path(string redirectUrl)
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var login = await Server.RequestLoginAsync(token, redirectUrl);

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.SignInCookie().Should().NotBeNull("the token was valid; only the target was refused");
        login.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Theory]
    [InlineData("/en/invoices")]
    [InlineData("/")]
    [InlineData("/en/invoices/download/42")]
    [InlineData("/en/invoices?page=2&sort=date#latest")]
    [InlineData("/en/a%2F%2Fb")]
    public async Task Local_redirect_url_is_followed(string redirectUrl)
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var login = await Server.RequestLoginAsync(token, redirectUrl);

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be(redirectUrl);
    }

    [Fact]
    public async Task Missing_redirect_url_goes_to_the_default_path()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);

        using var login = await Server.RequestLoginAsync(token, redirectUrl: null);

        login.SignInCookie().Should().NotBeNull();
        login.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/en/invoices")]
    public async Task Refused_token_never_redirects_to_redirect_url(string redirectUrl)
    {
        using var login = await Server.RequestLoginAsync("a3f8c2d1e5b74091bc6e2f3a4d5c6b7e", redirectUrl);

        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.Should().Be("/");
        login.SignInCookie().Should().BeNull();
        login.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }
}
