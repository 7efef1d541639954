using System.Buffers.Text;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// The disposition a host chooses per link when it issues a bound token (the signed <c>disp</c> claim) is what
/// <c>SetMediaTokenContentDisposition()</c> writes, on the first request and on continued ones; nothing unsigned in the
/// request changes it.
/// </summary>
public sealed class MediaTokenDispositionTests
{
    /// <summary>A file endpoint whose own choice, for a token that says nothing, is a download.</summary>
    private const string Download = "/files/report";

    /// <summary>A file endpoint whose own choice is to show the file.</summary>
    private const string View = "/viewer/report";

    /// <summary>The file of <see cref="Download"/> with a name that is not ASCII.</summary>
    private const string Plan = "/files/plan";

    private static readonly ClaimsPrincipal Customer = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42")], "test"));

    [Theory]
    [InlineData(Download, MediaTokenDisposition.Inline, "inline")]
    [InlineData(Download, MediaTokenDisposition.Attachment, "attachment")]
    [InlineData(Download, MediaTokenDisposition.Unspecified, "attachment")]
    [InlineData(View, MediaTokenDisposition.Attachment, "attachment")]
    [InlineData(View, MediaTokenDisposition.Inline, "inline")]
    [InlineData(View, MediaTokenDisposition.Unspecified, "inline")]
    public async Task Token_disposition_wins_over_the_endpoint_fallback(string path, MediaTokenDisposition disposition, string expected)
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(TestHost.WithToken(path, Issue(host, path, disposition)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.ToString().Should().Be($"{expected}; filename=report.pdf; filename*=UTF-8''report.pdf");
    }

    [Theory]
    [InlineData("disp=inline")]
    [InlineData("response-content-disposition=inline")]
    [InlineData("rscd=inline%3B%20filename%3Devil.html")]
    public async Task Unsigned_query_value_changes_nothing(string query)
    {
        await using var host = await StartAsync();
        var bound = Issue(host, Download, MediaTokenDisposition.Attachment);
        var unbound = await host.MintAsync("42");

        using var withBound = await host.Client.GetAsync($"{TestHost.WithToken(Download, bound)}&{query}");
        using var withUnbound = await host.Client.GetAsync($"{TestHost.WithToken(Download, unbound)}&{query}");

        withBound.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        withUnbound.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
    }

    [Fact]
    public async Task Disp_changed_in_a_signed_token_fails_the_signature()
    {
        await using var host = await StartAsync();
        var parts = Issue(host, Download, MediaTokenDisposition.Attachment).Split('.');
        var claims = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        claims.Should().Contain("\"disp\":\"attachment\"");
        parts[1] = TestToken.Segment(claims.Replace("\"disp\":\"attachment\"", "\"disp\":\"inline\"", StringComparison.Ordinal));

        using var response = await host.Client.GetAsync(TestHost.WithToken(Download, string.Join('.', parts)));

        await response.ShouldBeInvalidTokenAsync("The token's signature is invalid.");
    }

    [Theory]
    [InlineData("\"download\"")]
    [InlineData("\"Inline\"")]
    [InlineData("\"inline \"")]
    [InlineData("\"inline; filename=x.html\"")]
    [InlineData("\"\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("[\"inline\"]")]
    [InlineData("\"inline\",\"disp\":\"inline\"")]
    public async Task Disp_other_than_one_inline_or_attachment_string_is_refused_as_malformed(string value)
    {
        await using var host = await StartAsync();
        var token = TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(host.Now, $",\"disp\":{value}"));

        using var response = await host.Client.GetAsync(TestHost.WithToken(Download, token));

        await response.ShouldBeInvalidTokenAsync("The token is malformed.");
    }

    [Fact]
    public async Task Disp_signed_elsewhere_is_read_like_the_issuers_escapes_included()
    {
        await using var host = await StartAsync();
        var token = TestToken.Hmac(TestToken.ValidHeader, TestToken.ValidClaims(host.Now, ",\"disp\":\"inl\\u0069ne\""));

        using var response = await host.Client.GetAsync(TestHost.WithToken(Download, token));

        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
    }

    [Fact]
    public async Task Continued_request_keeps_the_tokens_disposition()
    {
        await using var host = await StartAsync();
        var token = Issue(host, Download, MediaTokenDisposition.Inline);
        using var opened = await host.Client.GetAsync(TestHost.WithToken(Download, token));
        var cookie = SetCookieHeaderValue.Parse(opened.Headers.GetValues(HeaderNames.SetCookie).Single());
        host.Time.Advance(TimeSpan.FromMinutes(5));

        using var seek = await GetAsync(host, Download, cookie, range: true);
        using var expiredUrl = await GetAsync(host, $"{TestHost.WithToken(Download, token)}&disp=attachment", cookie);

        opened.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        seek.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        seek.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        expiredUrl.StatusCode.Should().Be(HttpStatusCode.OK);
        expiredUrl.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
    }

    [Fact]
    public async Task Continuation_whose_disposition_was_changed_is_refused()
    {
        await using var host = await StartAsync();
        using var opened = await host.Client.GetAsync(TestHost.WithToken(Download, Issue(host, Download, MediaTokenDisposition.Inline)));
        var cookie = SetCookieHeaderValue.Parse(opened.Headers.GetValues(HeaderNames.SetCookie).Single());
        var parts = cookie.Value.ToString().Split('.');
        parts[3].Should().Be(((int)MediaTokenDisposition.Inline).ToString(System.Globalization.CultureInfo.InvariantCulture));
        parts[3] = ((int)MediaTokenDisposition.Attachment).ToString(System.Globalization.CultureInfo.InvariantCulture);
        host.Time.Advance(TimeSpan.FromMinutes(5));

        using var response = await GetAsync(host, Download, new SetCookieHeaderValue(cookie.Name, string.Join('.', parts)));

        await response.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Non_ascii_file_name_gets_filename_star_beside_an_ascii_filename()
    {
        await using var host = await StartAsync();

        using var response = await host.Client.GetAsync(TestHost.WithToken(Plan, Issue(host, Plan, MediaTokenDisposition.Attachment)));

        response.Content.Headers.ContentDisposition!.ToString().Should()
            .Be("attachment; filename=\"Grundriss B_ro 2. OG.pdf\"; filename*=UTF-8''Grundriss%20B%C3%BCro%202.%20OG.pdf");
        response.Content.Headers.ContentDisposition.FileNameStar.Should().Be("Grundriss Büro 2. OG.pdf");
    }

    [Fact]
    public async Task Issuer_refuses_an_undefined_disposition()
    {
        await using var host = await StartAsync();

        var issue = () => Issue(host, Download, (MediaTokenDisposition)3);

        issue.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("disposition");
    }

    private static string Issue(TestHost host, string path, MediaTokenDisposition disposition) =>
        host.Services.GetRequiredService<IMediaTokenIssuer>().IssueToken(Customer, new PathString(path), disposition);

    private static Task<TestHost> StartAsync() =>
        TestHost.StartMediaTokenHostAsync(configureApp: app =>
        {
            MapFile(app, "/files/{id}", MediaTokenDisposition.Attachment);
            MapFile(app, "/viewer/{id}", MediaTokenDisposition.Inline);
        });

    private static void MapFile(WebApplication app, string pattern, MediaTokenDisposition fallback) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], (string id, HttpContext context) =>
            {
                context.Response.SetMediaTokenContentDisposition(id == "plan" ? "Grundriss Büro 2. OG.pdf" : "report.pdf", fallback);
                return Results.Bytes("%PDF-1.7 a file"u8.ToArray(), "application/pdf", enableRangeProcessing: true);
            })
            .RequireMediaToken()
            .AllowMediaTokenContinuation();

    private static Task<HttpResponseMessage> GetAsync(TestHost host, string pathAndQuery, SetCookieHeaderValue cookie, bool range = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Add(HeaderNames.Cookie, $"{cookie.Name}={cookie.Value}");
        if (range)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 3);
        }

        return host.Client.SendAsync(request);
    }
}
