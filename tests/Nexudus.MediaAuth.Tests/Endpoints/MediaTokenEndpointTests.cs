using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Endpoints;

/// <summary>
/// <c>GET /api/auth/media/customer</c> mapped by <c>MapMediaTokenEndpoints()</c> on a bare host.
/// </summary>
public sealed class MediaTokenEndpointTests
{
    private const string CustomClaimType = "customer_id";

    [Fact]
    public async Task Issued_token_is_typed_scoped_to_the_customer_and_lives_60_seconds()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();

        var first = new JsonWebToken(await host.MintAsync("5"));
        var second = new JsonWebToken(await host.MintAsync("5"));

        first.Typ.Should().Be("media+jwt");
        first.Alg.Should().Be(SecurityAlgorithms.HmacSha256);
        first.Kid.Should().Be(TestKeys.Hmac.KeyId);
        first.Issuer.Should().Be(MediaTokenDefaults.Issuer);
        first.Audiences.Should().Equal(MediaTokenDefaults.Audience);
        first.Subject.Should().Be("5");
        first.GetPayloadValue<long>(JwtRegisteredClaimNames.Iat).Should().Be(now);
        first.GetPayloadValue<long>(JwtRegisteredClaimNames.Nbf).Should().Be(now);
        first.GetPayloadValue<long>(JwtRegisteredClaimNames.Exp).Should().Be(now + 60);
        first.Id.Should().MatchRegex("^[A-Za-z0-9_-]{22}$");
        second.Id.Should().NotBe(first.Id);
    }

    [Fact]
    public async Task Without_a_bearer_credential_the_customer_scheme_challenges_with_401()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.Client.GetAsync(TestHost.MintPath);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.WwwAuthenticate().Should().Be(TestBearerHandler.SchemeName);
        (await response.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Signed_in_user_without_a_customer_id_claim_gets_403_problem_details()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        using var response = await host.Client.GetAuthorizedAsync(TestHost.MintPath, TestBearerHandler.NotACustomer);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(403);
        problem.RootElement.GetProperty("title").GetString().Should().Be("The signed-in user is not a customer.");
        problem.RootElement.GetProperty("detail").GetString().Should().Be($"The bearer identity has no '{ClaimTypes.NameIdentifier}' claim to scope a media token to.");
        problem.RootElement.TryGetProperty("jwt", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Customer_id_is_read_from_and_given_back_as_the_configured_claim_type()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            options => options.CustomerIdClaimType = CustomClaimType,
            builder => builder.Services.Configure<TestBearerOptions>(TestBearerHandler.SchemeName, bearer => bearer.CustomerIdClaimType = CustomClaimType));

        var jwt = await host.MintAsync("5");
        using var response = await host.GetMediaAsync(jwt);

        new JsonWebToken(jwt).Subject.Should().Be("5");
        (await response.ShouldDescribeUserAsync()).Should().Equal("scheme=MediaToken", $"{CustomClaimType}=5");
    }

    [Fact]
    public async Task Customer_without_the_configured_claim_type_gets_403()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(options => options.CustomerIdClaimType = CustomClaimType);

        using var response = await host.Client.GetAuthorizedAsync(TestHost.MintPath, TestBearerHandler.Customer("5"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"no '{CustomClaimType}' claim");
    }

    [Fact]
    public void Mapping_fails_when_MediaToken_is_the_default_scheme_and_no_customer_scheme_is_listed()
    {
        var app = TestHost.Build(
            builder => builder.Services.AddAuthentication(MediaTokenDefaults.AuthenticationScheme)
                .AddMediaToken(options => options.SigningCredentials = TestKeys.HmacCredentials),
            _ => { },
            TestHost.CreateClock());

        var map = () => app.MapMediaTokenEndpoints();

        // A media token can never mint, so this host could never issue a token: say so before the first customer asks.
        map.Should().Throw<InvalidOperationException>()
            .WithMessage("*'MediaToken', the host's default authenticate scheme, which is a media token scheme*CustomerAuthenticationOptions.AuthenticationSchemes*");
    }

    [Fact]
    public void Mapping_fails_when_a_media_token_scheme_is_listed_as_a_customer_scheme()
    {
        var app = TestHost.Build(
            builder =>
            {
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
                builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
                    customer.AuthenticationSchemes.Add(MediaTokenDefaults.AuthenticationScheme));
            },
            _ => { },
            TestHost.CreateClock());

        var map = () => app.MapMediaTokenEndpoints();

        map.Should().Throw<InvalidOperationException>()
            .WithMessage("*'MediaToken', a scheme of CustomerAuthenticationOptions.AuthenticationSchemes, which is a media token scheme*");
    }

    [Fact]
    public async Task Returned_convention_builder_applies_to_the_endpoint_under_a_group_prefix()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(
            mapMediaTokenEndpoints: false,
            configureApp: app => app.MapGroup("/en").MapMediaTokenEndpoints().AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers["X-Convention"] = "applied";
                return await next(context);
            }));

        using var prefixed = await host.Client.GetAuthorizedAsync("/en" + TestHost.MintPath, TestBearerHandler.Customer("1"));
        using var unprefixed = await host.Client.GetAuthorizedAsync(TestHost.MintPath, TestBearerHandler.Customer("1"));

        prefixed.StatusCode.Should().Be(HttpStatusCode.OK);
        prefixed.Headers.GetValues("X-Convention").Should().Equal("applied");
        unprefixed.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Endpoint_describes_itself_for_OpenAPI()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();

        var endpoint = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Single(candidate => candidate.RoutePattern.RawText == TestHost.MintPath);

        endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName.Should().Be("GetCustomerMediaToken");
        endpoint.Metadata.GetMetadata<ITagsMetadata>()!.Tags.Should().Equal("Media tokens");
        endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()!.Summary.Should().Be("Get a media token");
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Should().Equal("GET");
        endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Should().Contain(produces => produces.StatusCode == StatusCodes.Status200OK && produces.Type == typeof(JwtMedia));
    }

    [Fact]
    public async Task Issuer_refuses_a_principal_without_a_customer_id()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync();
        var issuer = host.Services.GetRequiredService<IMediaTokenIssuer>();

        var issue = () => issuer.IssueToken(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "staff")], "test")));

        issue.Should().Throw<InvalidOperationException>()
            .WithMessage($"The customer has no '{ClaimTypes.NameIdentifier}' claim to issue a media token for.");
    }

    [Fact]
    public async Task Validation_only_scheme_accepts_tokens_of_its_keys_but_cannot_issue()
    {
        await using var host = await TestHost.StartMediaTokenHostAsync(options =>
        {
            options.SigningCredentials = null;
            options.ValidationKeys.Add(TestKeys.HmacCredentials);
        });
        var issuer = host.Services.GetRequiredService<IMediaTokenIssuer>();

        using var response = await host.GetMediaAsync(TestToken.Create(host.Time.GetUtcNow()));
        var issue = () => issuer.IssueToken(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "test")));

        await response.ShouldDescribeUserAsync();
        issue.Should().Throw<InvalidOperationException>()
            .WithMessage("The media token scheme 'MediaToken' has no signing key; it can validate tokens but not issue them.");
    }
}
