using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// The sample's portal API and page: what the browser portal calls besides the library's endpoints.
/// </summary>
public sealed class PortalApiTests : SignedInCustomerTest
{
    [Fact]
    public async Task Invoice_list_has_the_customers_invoices_with_PascalCase_fields()
    {
        using var response = await Server.GetAsync("/api/public/billing/invoices/my", Bearer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var invoices = await response.Content.ReadFromJsonAsync<JsonElement>();
        invoices.EnumerateArray().Select(invoice => invoice.GetProperty("Id").GetInt32()).Should().Equal(1002, 1001);
        var first = invoices[0];
        first.GetProperty("InvoiceNumber").GetString().Should().Be("INV-1002");
        first.GetProperty("TotalAmount").GetDecimal().Should().Be(102m);
        first.GetProperty("CurrencyCode").GetString().Should().Be("EUR");
        first.GetProperty("Paid").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Invoice_list_is_per_customer()
    {
        var graceBearer = await Server.SignInAsync(DemoData.Grace);

        using var response = await Server.GetAsync("/api/public/billing/invoices/my", graceBearer);

        var invoices = await response.Content.ReadFromJsonAsync<JsonElement>();
        invoices.EnumerateArray().Select(invoice => invoice.GetProperty("Id").GetInt32()).Should().Equal(2001);
    }

    [Fact]
    public async Task Invoice_list_needs_the_bearer_token_and_refuses_a_media_token()
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var anonymous = await Server.GetAsync("/api/public/billing/invoices/my");
        using var withMediaToken = await Server.GetAsync($"/api/public/billing/invoices/my?t={jwt}");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        withMediaToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Invoice_pdf_shows_the_amount_of_the_listed_invoice()
    {
        var jwt = await Server.Client.GetMediaTokenAsync(TestHost.Bearer(Bearer));

        using var response = await Server.GetAsync(TestHost.InvoicePdfPath(1002, jwt));

        var pdf = System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync());
        pdf.Should().StartWith("%PDF-").And.Contain("Invoice 1002").And.Contain("EUR 102.00");
    }

    [Fact]
    public async Task Portal_page_is_served_with_a_strict_content_security_and_referrer_policy()
    {
        using var redirect = await Server.GetAsync("/portal");
        using var page = await Server.GetAsync("/portal/");
        using var script = await Server.GetAsync("/portal/portal.js");

        redirect.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        redirect.Headers.Location!.AbsolutePath.Should().Be("/portal/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<script src=\"portal.js\" defer></script>");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'");
        page.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
    }
}
