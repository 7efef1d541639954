using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

public sealed class SmokeTests
{
    [Fact]
    public async Task Customer_opens_own_invoice_pdf_with_media_token()
    {
        await using var server = await SampleServer.StartAsync();
        var bearer = await server.SignInAsync(DemoData.Ada.Email, DemoData.Ada.Password);
        var jwt = await server.GetMediaTokenAsync(bearer);

        using var response = await server.GetAsync($"/api/public/billing/invoices/1001/pdf?t={jwt}");

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await response.Content.ReadAsByteArrayAsync()).Take(5).Should().Equal("%PDF-"u8.ToArray());
    }
}
