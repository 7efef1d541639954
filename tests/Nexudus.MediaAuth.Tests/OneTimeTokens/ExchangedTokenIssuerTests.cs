using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.OneTimeTokens.Exchange;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

/// <summary>
/// The exchange issues what the host's API accepts: a JWT for a JwtBearer API, or a host's own token service's token.
/// The BearerToken built-in is exercised by the sample's flow tests.
/// </summary>
public sealed class ExchangedTokenIssuerTests
{
    [Fact]
    public async Task Exchanged_jwt_opens_the_hosts_JwtBearer_endpoint_as_the_customer()
    {
        await using var host = await JwtBearerHost.StartAsync();
        var token = await host.IssueOneTimeTokenAsync(JwtBearerHost.LoginToken(host.Time.GetUtcNow()));

        using var exchange = await host.ExchangeAsync(token, validForInMinutes: 5);
        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        using var api = await host.Client.GetAuthorizedAsync(JwtBearerHost.ApiPath, JwtBearerHost.Bearer(body.GetProperty("token").GetString()!));

        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        body.EnumerateObject().Select(property => property.Name).Should().Equal("token", "token_type", "expires_in", "refresh_token");
        body.GetProperty("token_type").GetString().Should().Be("bearer");
        body.GetProperty("expires_in").GetInt64().Should().Be(300);
        body.GetProperty("refresh_token").ValueKind.Should().Be(JsonValueKind.Null, "the JWT built-in issues no refresh token");
        api.StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Content.ReadAsStringAsync()).Split('\n').Should().Contain(
            [$"{ClaimTypes.NameIdentifier}=42", $"{ClaimTypes.Name}=Ada Lovelace", $"{ClaimTypes.Email}=ada@example.com", $"{ClaimTypes.Role}=member", $"{ClaimTypes.Role}=billing"]);
    }

    [Fact]
    public async Task Exchanged_jwt_is_an_access_token_of_the_configured_issuer_audience_and_lifetime_with_only_the_customer_claims()
    {
        await using var host = await JwtBearerHost.StartAsync();
        var now = host.Time.GetUtcNow();
        var token = await host.IssueOneTimeTokenAsync(JwtBearerHost.LoginToken(now));

        var jwt = new JsonWebToken(await ExchangedTokenAsync(host, token, validForInMinutes: 60));

        jwt.Typ.Should().Be("at+jwt");
        jwt.Issuer.Should().Be(JwtBearerHost.Issuer);
        jwt.Audiences.Should().Equal(JwtBearerHost.Audience);
        jwt.Subject.Should().Be("42");
        jwt.IssuedAt.Should().Be(now.UtcDateTime.AddTicks(-(now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)));
        (jwt.ValidTo - jwt.IssuedAt).Should().Be(TimeSpan.FromHours(1));
        jwt.Claims.Select(claim => claim.Type).Distinct().Should().BeEquivalentTo(
            "sub", "jti", "iss", "aud", "iat", "nbf", "exp", ClaimTypes.Name, ClaimTypes.Email, ClaimTypes.Role);
    }

    [Fact]
    public async Task Exchanged_jwt_is_refused_once_validForInMinutes_has_passed()
    {
        await using var host = await JwtBearerHost.StartAsync();
        var token = await host.IssueOneTimeTokenAsync(JwtBearerHost.LoginToken(host.Time.GetUtcNow()));
        var exchanged = await ExchangedTokenAsync(host, token, validForInMinutes: 5);

        host.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        using var before = await host.Client.GetAuthorizedAsync(JwtBearerHost.ApiPath, JwtBearerHost.Bearer(exchanged));
        host.Time.Advance(TimeSpan.FromSeconds(2));
        using var after = await host.Client.GetAuthorizedAsync(JwtBearerHost.ApiPath, JwtBearerHost.Bearer(exchanged));

        before.StatusCode.Should().Be(HttpStatusCode.OK);
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Exchanged_jwt_lifetime_is_capped_by_MaxExchangedTokenLifetime()
    {
        await using var host = await JwtBearerHost.StartAsync(options => options.MaxExchangedTokenLifetime = TimeSpan.FromMinutes(30));
        var token = await host.IssueOneTimeTokenAsync(JwtBearerHost.LoginToken(host.Time.GetUtcNow()));

        var jwt = new JsonWebToken(await ExchangedTokenAsync(host, token, validForInMinutes: 1440));

        (jwt.ValidTo - jwt.IssuedAt).Should().Be(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Exchanged_jwt_stripped_of_its_signature_or_resigned_by_another_key_is_refused()
    {
        await using var host = await JwtBearerHost.StartAsync();
        var token = await host.IssueOneTimeTokenAsync(JwtBearerHost.LoginToken(host.Time.GetUtcNow()));
        var exchanged = await ExchangedTokenAsync(host, token, validForInMinutes: 5);
        var payload = new JsonWebToken(exchanged).EncodedPayload;
        var unsigned = $"{Jws.Segment("""{"alg":"none","typ":"at+jwt"}""")}.{payload}.";
        var withoutSignature = exchanged[..(exchanged.LastIndexOf('.') + 1)];
        using var otherKey = System.Security.Cryptography.RSA.Create(2048);
        var resigned = Jws.Rsa("""{"alg":"RS256","typ":"at+jwt","kid":"rsa-1"}""", Base64UrlEncoder.Decode(payload), otherKey);

        foreach (var forged in new[] { unsigned, withoutSignature, resigned })
        {
            using var response = await host.Client.GetAuthorizedAsync(JwtBearerHost.ApiPath, JwtBearerHost.Bearer(forged));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, forged);
        }
    }

    [Fact]
    public async Task A_host_token_service_plugs_in_as_an_IExchangedTokenIssuer()
    {
        var issuer = new RecordingIssuer();
        await using var host = await JwtBearerHost.StartAsync(
            options => options.MaxExchangedTokenLifetime = TimeSpan.FromMinutes(90),
            services => services.AddSingleton<IExchangedTokenIssuer>(issuer));
        var token = await host.IssueOneTimeTokenAsync(JwtBearerHost.LoginToken(host.Time.GetUtcNow()));

        using var exchange = await host.ExchangeAsync(token, validForInMinutes: 120);

        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        (await exchange.Content.ReadAsStringAsync()).Should().Be("""{"token":"from-the-token-service","token_type":"bearer","expires_in":5400,"refresh_token":"rt-1"}""");
        issuer.Lifetime.Should().Be(TimeSpan.FromMinutes(90));
        issuer.Customer!.FindFirstValue(ClaimTypes.NameIdentifier).Should().Be("42");
        issuer.Customer!.FindFirst("iss").Should().BeNull();
    }

    private static async Task<string> ExchangedTokenAsync(TestHost host, string oneTimeToken, int validForInMinutes)
    {
        using var exchange = await host.ExchangeAsync(oneTimeToken, validForInMinutes);
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await exchange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private sealed class RecordingIssuer : IExchangedTokenIssuer
    {
        public ClaimsPrincipal? Customer { get; private set; }

        public TimeSpan Lifetime { get; private set; }

        public ValueTask<ExchangedToken> IssueAsync(HttpContext context, ClaimsPrincipal customer, TimeSpan lifetime)
        {
            Customer = customer;
            Lifetime = lifetime;
            return ValueTask.FromResult(new ExchangedToken("from-the-token-service", (long)lifetime.TotalSeconds, "rt-1"));
        }
    }
}
