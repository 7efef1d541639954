using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

/// <summary>
/// The cookie and the exchanged token carry the customer id and the configured claims, never the bearer JWT's own
/// registered claims.
/// </summary>
public sealed class MinimalPrincipalTests
{
    [Fact]
    public async Task Cookie_carries_the_customer_id_and_default_claims_and_none_of_the_bearer_jwts_registered_claims()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync();
        var token = await host.IssueOneTimeTokenAsync(TestToken.Login(host.Time.GetUtcNow()));

        var user = await host.DescribeCookieUserAsync((await host.LoginAsync(token))!);

        user.Split('\n').Should().BeEquivalentTo(
            "scheme=AuthenticationTypes.Federation",
            $"{ClaimTypes.NameIdentifier}=42",
            $"{ClaimTypes.Name}=Ada Lovelace",
            $"{ClaimTypes.Email}=ada@example.com",
            $"{ClaimTypes.Role}=member",
            $"{ClaimTypes.Role}=billing");
    }

    [Fact]
    public async Task Exchanged_token_carries_its_own_registered_claims_not_the_bearer_jwts()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync();
        var login = new JsonWebToken(TestToken.Login(host.Time.GetUtcNow()));
        var token = await host.IssueOneTimeTokenAsync(login.EncodedToken);
        host.Time.Advance(TimeSpan.FromSeconds(30));

        using var exchange = await host.ExchangeAsync(token, validForInMinutes: 5);
        var exchanged = new JsonWebToken((await exchange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);

        exchanged.IssuedAt.Should().NotBe(login.IssuedAt);
        exchanged.ValidTo.Should().NotBe(login.ValidTo);
        exchanged.Claims.Where(claim => claim.Type is "iat" or "nbf" or "exp").Should().HaveCount(3, "each registered claim appears once, the exchanged token's own");
        exchanged.TryGetPayloadValue<string>("scope", out _).Should().BeFalse();
    }

    [Fact]
    public async Task OnCreatingIdentity_can_replace_the_default_claims()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync(options => options.OnCreatingIdentity = (bearer, identity) =>
        {
            foreach (var claim in identity.Claims.Where(claim => claim.Type != ClaimTypes.NameIdentifier).ToList())
            {
                identity.RemoveClaim(claim);
            }

            identity.AddClaim(new Claim("scope", bearer.FindFirstValue("scope")!));
        });
        var token = await host.IssueOneTimeTokenAsync(TestToken.Login(host.Time.GetUtcNow()));

        var user = await host.DescribeCookieUserAsync((await host.LoginAsync(token))!);

        user.Split('\n').Skip(1).Should().BeEquivalentTo($"{ClaimTypes.NameIdentifier}=42", "scope=portal");
    }

    [Fact]
    public async Task OnCreatingIdentity_shapes_the_identity_and_cannot_add_registered_jwt_claims()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync(options => options.OnCreatingIdentity = (bearer, identity) =>
        {
            identity.AddClaim(new Claim("tier", bearer.FindFirstValue("scope") == "portal" ? "gold" : "none"));
            identity.RemoveClaim(identity.FindFirst(ClaimTypes.Email));
            identity.AddClaim(new Claim("exp", "9999999999"));
        });
        var token = await host.IssueOneTimeTokenAsync(TestToken.Login(host.Time.GetUtcNow()));
        var exchangeToken = await host.IssueOneTimeTokenAsync(TestToken.Login(host.Time.GetUtcNow()));

        var user = await host.DescribeCookieUserAsync((await host.LoginAsync(token))!);
        using var exchange = await host.ExchangeAsync(exchangeToken, validForInMinutes: 5);
        var exchanged = new JsonWebToken((await exchange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);

        user.Should().Contain("tier=gold").And.NotContain(ClaimTypes.Email).And.NotContain("exp=");
        exchanged.GetPayloadValue<string>("tier").Should().Be("gold");
        exchanged.ValidTo.Should().Be(DateTimeOffset.FromUnixTimeSeconds(host.Time.GetUtcNow().ToUnixTimeSeconds()).UtcDateTime.AddMinutes(5));
    }

    [Fact]
    public async Task A_signed_in_user_without_a_customer_id_gets_the_403_envelope_and_no_token()
    {
        await using var host = await TestHost.StartJwtBearerHostAsync(options => options.CustomerIdClaimType = "customer_id");

        using var request = new HttpRequestMessage(HttpMethod.Post, OneTimeTokenDefaults.RefreshPath)
        {
            Headers = { Authorization = TestHost.Bearer(TestToken.Login(host.Time.GetUtcNow())) },
        };
        using var response = await host.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("WasSuccessful").GetBoolean().Should().BeFalse();
        body.GetProperty("Value").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("Message").GetString().Should().Be("The signed-in user is not a customer.");
    }

    [Fact]
    public void Issuing_from_host_code_to_a_principal_without_a_customer_id_throws_naming_the_option()
    {
        var issue = () => OneTimeTokenIdentity.Create(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "test")), new OneTimeTokenOptions());

        issue.Should().Throw<InvalidOperationException>().WithMessage("*OneTimeTokenOptions.CustomerIdClaimType*");
    }
}
