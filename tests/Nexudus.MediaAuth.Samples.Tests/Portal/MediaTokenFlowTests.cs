using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// The documented portal flow against the sample host, over HTTP: sign in, list files, get a media token, open a PDF.
/// </summary>
public sealed class MediaTokenFlowTests
{
    [Fact]
    public async Task Password_grant_returns_the_documented_bearer_token_response()
    {
        await using var server = await SampleServer.StartAsync();

        using var response = await server.RequestTokenAsync(DemoData.Ada.Email, DemoData.Ada.Password);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.EnumerateObject().Select(property => property.Name)
            .Should().BeEquivalentTo("access_token", "token_type", "expires_in", "refresh_token");
        body.RootElement.GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
        body.RootElement.GetProperty("token_type").GetString().Should().Be("bearer");
        body.RootElement.GetProperty("expires_in").GetInt64().Should().Be(3600);
        body.RootElement.GetProperty("refresh_token").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("ada@example.com", "wrong-password")]
    [InlineData("ada@example.com", "media-demo-2")]
    [InlineData("nobody@example.com", "media-demo-1")]
    public async Task Wrong_credentials_get_400_invalid_grant(string email, string password)
    {
        await using var server = await SampleServer.StartAsync();

        using var response = await server.RequestTokenAsync(email, password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be("invalid_grant");
        body.RootElement.GetProperty("error_description").GetString().Should().Be("The email or password is incorrect.");
        body.RootElement.TryGetProperty("access_token", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Json_body_to_the_token_endpoint_gets_400_unsupported_grant_type()
    {
        await using var server = await SampleServer.StartAsync();
        using var json = new StringContent(
            $$"""{"grant_type":"password","username":"{{DemoData.Ada.Email}}","password":"{{DemoData.Ada.Password}}"}""",
            Encoding.UTF8,
            "application/json");

        using var response = await server.Client.PostAsync("/api/token", json);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetString().Should().Be("unsupported_grant_type");
    }

    [Fact]
    public async Task Files_my_lists_the_customers_files_with_the_documented_PascalCase_fields()
    {
        await using var server = await SampleServer.StartAsync();
        var bearer = await server.SignInAsync(DemoData.Ada);

        using var response = await server.GetAsync("/api/public/files/my", bearer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var files = body.RootElement.EnumerateArray().ToArray();
        files.Select(file => file.GetProperty("Id").GetInt32()).Should().Equal(10010, 10020, 9001, 9002);
        files[0].EnumerateObject().Select(property => property.Name).Should().Equal(
            "Id", "UniqueId", "Name", "Description", "BusinessName", "Signed", "RequestDigitalSignature",
            "ProposalUniqueId", "CreatedOn", "CreatedOnUtc", "UpdatedOn", "UpdatedOnUtc");
        files[0].GetProperty("Name").GetString().Should().Be("Contract 1001.pdf");
        files[0].GetProperty("Signed").GetBoolean().Should().BeTrue();
        files[0].GetProperty("ProposalUniqueId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Files_my_lists_only_the_signed_in_customers_files()
    {
        await using var server = await SampleServer.StartAsync();
        var bearer = await server.SignInAsync(DemoData.Grace);

        using var response = await server.GetAsync("/api/public/files/my", bearer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var files = await response.Content.ReadFromJsonAsync<JsonElement>();
        files.EnumerateArray().Select(file => file.GetProperty("Id").GetInt32()).Should().Equal(20010);
    }

    [Fact]
    public async Task Media_token_endpoint_returns_exactly_a_jwt_field_that_is_not_stored()
    {
        await using var server = await SampleServer.StartAsync();
        var bearer = await server.SignInAsync(DemoData.Ada);

        using var response = await server.GetAsync(TestHost.MintPath, bearer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.EnumerateObject().Select(property => property.Name).Should().Equal("jwt");
        var jwt = new JsonWebToken(body.RootElement.GetProperty("jwt").GetString());
        jwt.Subject.Should().Be(DemoData.Ada.Id);
        jwt.Typ.Should().Be("media+jwt");
    }

    [Theory]
    [InlineData("ada@example.com", 1001)]
    [InlineData("ada@example.com", 1002)]
    [InlineData("grace@example.com", 2001)]
    public async Task Customer_opens_own_invoice_pdf_with_the_media_token(string email, int invoiceId)
    {
        var customer = new DemoData().Customers.Single(candidate => candidate.Email == email);
        await using var server = await SampleServer.StartAsync();
        var jwt = await server.GetMediaTokenAsync(customer);

        using var response = await server.GetAsync(TestHost.InvoicePdfPath(invoiceId, jwt));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        response.Content.Headers.ContentDisposition.FileName.Should().Be($"invoice-{invoiceId}.pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        pdf.Take(5).Should().Equal("%PDF-"u8.ToArray());
        Encoding.ASCII.GetString(pdf).Should().Contain($"Invoice {invoiceId}").And.Contain(customer.FullName).And.EndWith("%%EOF\n");
    }

    [Fact]
    public async Task Another_customers_invoice_and_an_unknown_invoice_get_the_same_404()
    {
        await using var server = await SampleServer.StartAsync();
        var jwt = await server.GetMediaTokenAsync(DemoData.Ada);

        using var othersInvoice = await server.GetAsync(TestHost.InvoicePdfPath(2001, jwt));
        using var unknownInvoice = await server.GetAsync(TestHost.InvoicePdfPath(9999, jwt));

        othersInvoice.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknownInvoice.StatusCode.Should().Be(HttpStatusCode.NotFound);
        othersInvoice.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var othersBody = await ReadProblemWithoutTraceIdAsync(othersInvoice);
        othersBody.Should().Contain("\"title\":\"Invoice not found.\"");
        othersBody.Should().Be(await ReadProblemWithoutTraceIdAsync(unknownInvoice));
    }

    [Fact]
    public async Task Pdf_without_t_is_a_bare_401_even_with_a_valid_bearer_token()
    {
        await using var server = await SampleServer.StartAsync();
        var bearer = await server.SignInAsync(DemoData.Ada);

        using var anonymous = await server.GetAsync("/api/public/billing/invoices/1001/pdf");
        using var withBearer = await server.GetAsync("/api/public/billing/invoices/1001/pdf", bearer);

        await anonymous.ShouldBeBareChallengeAsync();
        await withBearer.ShouldBeBareChallengeAsync();
    }

    [Fact]
    public async Task Pdf_with_a_garbage_t_is_401_invalid_token_with_problem_details()
    {
        await using var server = await SampleServer.StartAsync();

        using var response = await server.GetAsync(TestHost.InvoicePdfPath(1001, "not-a-jwt"));

        await response.ShouldBeInvalidTokenAsync("The token is malformed.");
    }

    [Fact]
    public async Task Media_token_is_valid_for_its_lifetime_plus_clock_skew_then_expires()
    {
        await using var server = await SampleServer.StartAsync();
        var jwt = await server.GetMediaTokenAsync(DemoData.Ada);

        // The documented defaults: a 60-second lifetime and 5 seconds of clock skew.
        server.Time.Advance(TimeSpan.FromSeconds(60 + 5));
        using var lastValidSecond = await server.GetAsync(TestHost.InvoicePdfPath(1001, jwt));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await server.GetAsync(TestHost.InvoicePdfPath(1001, jwt));

        lastValidSecond.StatusCode.Should().Be(HttpStatusCode.OK);
        await expired.ShouldBeInvalidTokenAsync("The token has expired.");
    }

    [Theory]
    [InlineData("/api/public/files/my", null)]
    [InlineData("/api/auth/media/customer", null)]
    [InlineData("/api/auth/media/customer", "not-a-bearer-token")]
    public async Task Bearer_endpoints_without_a_valid_bearer_token_get_401(string path, string? bearer)
    {
        await using var server = await SampleServer.StartAsync();

        using var response = await server.GetAsync(path, bearer);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.WwwAuthenticate().Should().Be("Bearer");
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Media_token_endpoint_with_an_expired_bearer_token_is_401()
    {
        await using var server = await SampleServer.StartAsync();
        var bearer = await server.SignInAsync(DemoData.Ada);
        var bearerLifetime = server.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>()
            .Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenExpiration;

        server.Time.Advance(bearerLifetime - TimeSpan.FromSeconds(1));
        using var beforeExpiry = await server.GetAsync(TestHost.MintPath, bearer);
        server.Time.Advance(TimeSpan.FromSeconds(1));
        using var afterExpiry = await server.GetAsync(TestHost.MintPath, bearer);

        beforeExpiry.StatusCode.Should().Be(HttpStatusCode.OK);
        afterExpiry.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        afterExpiry.WwwAuthenticate().Should().Be("Bearer");
    }

    [Fact]
    public async Task Media_token_cannot_mint_another_media_token_as_t_or_as_bearer()
    {
        await using var server = await SampleServer.StartAsync();
        var jwt = await server.GetMediaTokenAsync(DemoData.Ada);

        using var asQuery = await server.GetAsync(TestHost.WithToken(TestHost.MintPath, jwt));
        using var asBearer = await server.GetAsync(TestHost.MintPath, jwt);

        asQuery.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        asBearer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await asQuery.Content.ReadAsStringAsync()).Should().NotContain("jwt");
        (await asBearer.Content.ReadAsStringAsync()).Should().NotContain("jwt");
    }

    private static async Task<string> ReadProblemWithoutTraceIdAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        problem!.Remove("traceId");
        return JsonSerializer.Serialize(problem);
    }
}
