using System.Net;
using System.Text.RegularExpressions;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// The sample's server page links each invoice PDF with a media token bound to that PDF: a link opens its own invoice,
/// and its token opens no other. Each file has a "View" and a "Download" link whose bound tokens carry the disposition.
/// </summary>
public sealed partial class ServerPageInvoiceLinkTests : SignedInCustomerTest
{
    [Fact]
    public async Task Each_invoice_link_opens_its_own_invoice_only()
    {
        var links = await InvoiceLinksAsync();
        links.Keys.Should().BeEquivalentTo([1001, 1002]);

        using var own = await Server.GetAsync(links[1001]);
        using var otherInvoice = await Server.GetAsync(TestHost.InvoicePdfPath(1002, TokenOf(links[1001])));
        using var viaDotSegments = await Server.GetAsync(
            TestHost.WithToken("/api/public/billing/invoices/1001/pdf/../../1002/pdf", TokenOf(links[1001])));

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        own.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        await otherInvoice.ShouldBeInvalidTokenAsync("The token is not valid for this resource.");
        await viaDotSegments.ShouldBeInvalidTokenAsync("The token is not valid for this resource.");
    }

    [Fact]
    public async Task Invoice_links_carry_different_tokens()
    {
        var links = await InvoiceLinksAsync();

        TokenOf(links[1001]).Should().NotBe(TokenOf(links[1002]));
    }

    [Fact]
    public async Task Each_file_has_a_view_link_that_opens_inline_and_a_download_link_that_saves_it()
    {
        var links = FileLink().Matches(await ServerPageAsync())
            .ToDictionary(match => (match.Groups["class"].Value, match.Groups["id"].Value), match => match.Groups["href"].Value);
        links.Keys.Should().Contain([("view", "10010"), ("download", "10010")]);

        using var view = await Server.GetAsync(links[("view", "10010")]);
        using var download = await Server.GetAsync(links[("download", "10010")]);
        using var downloadWithUnsignedChoice = await Server.GetAsync(links[("download", "10010")] + "&disp=inline&response-content-disposition=inline");
        using var otherFile = await Server.GetAsync(TestHost.WithToken("/api/public/files/10020/download", TokenOf(links[("view", "10010")])));

        view.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        download.Content.Headers.ContentDisposition!.ToString().Should().Be("attachment; filename=\"Contract 1001.pdf\"; filename*=UTF-8''Contract%201001.pdf");
        downloadWithUnsignedChoice.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        await otherFile.ShouldBeInvalidTokenAsync("The token is not valid for this resource.");
    }

    private async Task<Dictionary<int, string>> InvoiceLinksAsync() =>
        InvoiceLink().Matches(await ServerPageAsync())
            .ToDictionary(match => int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture), match => match.Groups["href"].Value);

    /// <summary>The server page, reached as the portal's server-view link does: a one-time token, then its cookie.</summary>
    private async Task<string> ServerPageAsync()
    {
        var token = await Server.IssueOneTimeTokenAsync(Bearer);
        using var login = await Server.RequestLoginAsync(token, "/en/invoices");
        using var page = await Server.GetWithCookieAsync("/en/invoices", login.SignInCookie()!);
        var html = await page.Content.ReadAsStringAsync();
        page.StatusCode.Should().Be(HttpStatusCode.OK, html);
        return html;
    }

    private static string TokenOf(string link) => Uri.UnescapeDataString(link[(link.IndexOf("?t=", StringComparison.Ordinal) + 3)..]);

    [GeneratedRegex("""href="(?<href>/api/public/billing/invoices/(?<id>\d+)/pdf\?t=[^"]+)""")]
    private static partial Regex InvoiceLink();

    [GeneratedRegex("""class="(?<class>view|download)" href="(?<href>/api/public/files/(?<id>\d+)/download\?t=[^"]+)""")]
    private static partial Regex FileLink();
}
