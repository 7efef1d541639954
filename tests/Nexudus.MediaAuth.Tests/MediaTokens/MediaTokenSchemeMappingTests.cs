using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.MediaTokens;

/// <summary>
/// <c>MapMediaTokenEndpoints(scheme)</c> and <c>MapMediaTokenJwks(pattern, scheme)</c> serve a media token scheme other
/// than <c>MediaToken</c>; a customer scheme that cannot be resolved fails when the mint endpoints are mapped.
/// </summary>
public sealed class MediaTokenSchemeMappingTests
{
    private const string OtherScheme = "PartnerMedia";

    [Fact]
    public async Task Mint_and_JWKS_serve_the_named_scheme_under_a_group()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            configureServices: builder => builder.Services.AddAuthentication().AddMediaToken(OtherScheme, options =>
                options.SigningCredentials = new SigningCredentials(TestKeys.Rsa, SecurityAlgorithms.RsaSha256)),
            configureApp: app =>
            {
                var partner = app.MapGroup("/partner");
                partner.MapMediaTokenEndpoints(OtherScheme);
                partner.MapMediaTokenJwks(authenticationScheme: OtherScheme);
                TestHost.MapUserDescription(app, "/partner-media").RequireMediaToken(OtherScheme);
            });

        using var mint = await host.Client.GetAuthorizedAsync("/partner" + TestHost.MintPath, TestBearerHandler.Customer("7"));
        using var body = JsonDocument.Parse(await mint.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("jwt").GetString()!;
        using var partnerMedia = await host.Client.GetAsync(TestHost.WithToken("/partner-media", token));
        using var defaultMedia = await host.GetMediaAsync(token);
        using var jwks = await host.Client.GetAsync("/partner" + MediaTokenDefaults.JwksPath);

        mint.StatusCode.Should().Be(HttpStatusCode.OK);
        partnerMedia.StatusCode.Should().Be(HttpStatusCode.OK);
        (await partnerMedia.Content.ReadAsStringAsync()).Should().StartWith($"scheme={OtherScheme}");
        defaultMedia.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await jwks.Content.ReadAsStringAsync()).Should().Contain("\"kid\":\"rsa-1\"");
    }

    [Fact]
    public void Mapping_for_a_scheme_that_is_not_a_registered_media_token_scheme_fails()
    {
        var app = BuildMediaTokenHost(customerSchemes: [TestBearerHandler.SchemeName]);

        var mint = () => app.MapMediaTokenEndpoints("Missing");
        var jwks = () => app.MapMediaTokenJwks(authenticationScheme: TestBearerHandler.SchemeName);

        mint.Should().Throw<InvalidOperationException>().WithMessage("*media token scheme 'Missing', which is not registered*");
        jwks.Should().Throw<InvalidOperationException>().WithMessage($"*media token scheme '{TestBearerHandler.SchemeName}', which is not registered*");
    }

    [Fact]
    public void Mapping_the_mint_endpoints_with_no_customer_scheme_fails_naming_CustomerAuthenticationOptions()
    {
        var app = TestHost.Build(
            builder => builder.Services.AddAuthentication()
                .AddMediaToken(options => options.SigningCredentials = TestKeys.HmacCredentials)
                .AddCookie()
                .AddScheme<TestBearerOptions, TestBearerHandler>(TestBearerHandler.SchemeName, null),
            _ => { },
            TestHost.CreateClock());

        var mediaToken = () => app.MapMediaTokenEndpoints();
        var oneTimeToken = () => app.MapOneTimeTokenRefresh();

        mediaToken.Should().Throw<InvalidOperationException>()
            .WithMessage("The media token endpoint (MapMediaTokenEndpoints) authenticates the customer with the host's default authenticate scheme, and there is none. List the customer's bearer scheme in CustomerAuthenticationOptions.AuthenticationSchemes*");
        oneTimeToken.Should().Throw<InvalidOperationException>()
            .WithMessage("The one-time token endpoint authenticates*there is none*CustomerAuthenticationOptions.AuthenticationSchemes*");
    }

    [Fact]
    public void Mapping_the_mint_endpoints_with_an_unregistered_customer_scheme_fails_naming_it()
    {
        var app = BuildMediaTokenHost(customerSchemes: ["Bearer"]);

        var map = () => app.MapMediaTokenEndpoints();

        map.Should().Throw<InvalidOperationException>()
            .WithMessage("*with scheme 'Bearer' (CustomerAuthenticationOptions.AuthenticationSchemes), which is not registered. Register it (e.g. AddJwtBearer())*");
    }

    [Fact]
    public void A_single_registered_bearer_scheme_is_the_default_customer_scheme()
    {
        var app = TestHost.Build(
            builder =>
            {
                builder.Services.AddAuthentication().AddScheme<TestBearerOptions, TestBearerHandler>(TestBearerHandler.SchemeName, null);
                builder.Services.AddOneTimeTokens();
            },
            _ => { },
            TestHost.CreateClock());

        var map = () => app.MapOneTimeTokenRefresh();

        map.Should().NotThrow();
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public void A_default_cookie_customer_scheme_is_warned_about_unless_listed(bool listCookie, int expectedWarnings)
    {
        var app = TestHost.Build(
            builder =>
            {
                builder.CaptureAllLogs();
                builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie()
                    .AddMediaToken(options => options.SigningCredentials = TestKeys.HmacCredentials);
                if (listCookie)
                {
                    builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
                        customer.AuthenticationSchemes.Add(CookieAuthenticationDefaults.AuthenticationScheme));
                }
            },
            _ => { },
            TestHost.CreateClock());

        app.MapMediaTokenEndpoints();

        app.Services.GetFakeLogCollector().GetSnapshot()
            .Where(record => record.Id.Name == "CustomerSchemeIsCookie")
            .Select(record => record.Message)
            .Should().HaveCount(expectedWarnings)
            .And.NotContain(message => !message.Contains("CustomerAuthenticationOptions.AuthenticationSchemes", StringComparison.Ordinal));
    }

    private static WebApplication BuildMediaTokenHost(string[] customerSchemes) =>
        TestHost.Build(
            builder =>
            {
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials)
                    .AddScheme<TestBearerOptions, TestBearerHandler>(TestBearerHandler.SchemeName, null);
                builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
                {
                    foreach (var scheme in customerSchemes)
                    {
                        customer.AuthenticationSchemes.Add(scheme);
                    }
                });
            },
            _ => { },
            TestHost.CreateClock());
}
