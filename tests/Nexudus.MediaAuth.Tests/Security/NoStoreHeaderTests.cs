using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// Responses that a URL token unlocked, and responses that carry a token, must stay out of caches and Referer headers.
/// </summary>
public sealed class NoStoreHeaderTests : PortalHostTest
{
    [Fact]
    public async Task Response_authenticated_by_a_media_token_is_private_no_store_and_no_referrer()
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var pdf = await Server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={jwt}");

        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Headers.CacheControl!.Private.Should().BeTrue();
        pdf.Headers.CacheControl.NoStore.Should().BeTrue();
        pdf.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Fact]
    public async Task Not_found_answer_to_a_valid_media_token_is_no_store_too()
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var otherCustomersInvoice = await Server.GetAsync($"/api/public/billing/invoices/2001/pdf?t={jwt}");

        otherCustomersInvoice.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherCustomersInvoice.Headers.CacheControl!.NoStore.Should().BeTrue();
        otherCustomersInvoice.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Fact]
    public async Task The_endpoint_can_replace_the_headers()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(configureApp: app =>
            app.MapGet("/thumbnail", (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "private, max-age=60";
                return "thumbnail";
            }).RequireMediaToken());

        using var response = await host.Client.GetAsync(TestHost.WithToken("/thumbnail", TestToken.Create(host.Time.GetUtcNow())));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.MaxAge.Should().Be(TimeSpan.FromSeconds(60));
        response.Headers.CacheControl.NoStore.Should().BeFalse();
    }

    [Fact]
    public async Task Media_token_endpoint_is_no_store()
    {
        using var response = await Server.GetAsync("/api/auth/media/customer", Bearer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task One_time_token_endpoints_are_no_store()
    {
        using var issue = await Server.RequestOneTimeTokenAsync(Bearer);
        issue.Headers.CacheControl!.NoStore.Should().BeTrue();

        using var login = await Server.RequestLoginAsync(await Server.IssueOneTimeTokenAsync(Bearer), "/en/invoices");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.CacheControl!.NoStore.Should().BeTrue();
        login.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");

        using var exchange = await Server.ExchangeAsync(await Server.IssueOneTimeTokenAsync(Bearer));
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        exchange.Headers.CacheControl!.NoStore.Should().BeTrue();

        using var refused = await Server.ExchangeAsync(new string('0', 32));
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.CacheControl!.NoStore.Should().BeTrue();
    }
}
