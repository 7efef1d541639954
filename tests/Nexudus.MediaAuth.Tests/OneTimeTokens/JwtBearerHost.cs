using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.OneTimeTokens;

/// <summary>
/// A host whose API authenticates customers with JwtBearer, as most .NET APIs do: its own login JWTs (<see cref="LoginToken"/>),
/// a cookie for the server-rendered side, the one-time token endpoints, and <see cref="ApiPath"/> and
/// <see cref="CookiePath"/>, which describe the user signed in by each.
/// </summary>
public static class JwtBearerHost
{
    public const string Issuer = "https://portal.example";
    public const string Audience = "portal-api";
    public const string ApiPath = "/api/me";
    public const string CookiePath = "/me";

    public static SigningCredentials Credentials { get; } = new(TestKeys.Rsa, SecurityAlgorithms.RsaSha256);

    /// <param name="configureOneTimeTokens">Changes the one-time token options; the sign-in scheme is the cookie.</param>
    /// <param name="configureExchange">Registers the exchange issuer; by default <c>AddJwtExchange</c> with <see cref="Credentials"/>.</param>
    /// <param name="mapOneTimeTokens">Maps the one-time token endpoints; by default <c>MapOneTimeTokenEndpoints()</c>.</param>
    /// <param name="configureServices">Adds services last, such as a one-time token store.</param>
    public static Task<TestHost> StartAsync(
        Action<OneTimeTokenOptions>? configureOneTimeTokens = null,
        Action<IServiceCollection>? configureExchange = null,
        Action<WebApplication>? mapOneTimeTokens = null,
        Action<IServiceCollection>? configureServices = null) =>
        TestHost.StartAsync(
            builder =>
            {
                var services = builder.Services;
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .AddJwtBearer()
                    .AddCookie();

                // JwtBearer checks lifetimes against the system clock; this checks them the same way against the
                // host's TimeProvider, so the tests can move it.
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((jwt, time) =>
                    jwt.TokenValidationParameters = new TokenValidationParameters
                    {
                        ValidIssuer = Issuer,
                        ValidAudience = Audience,
                        IssuerSigningKey = Credentials.Key,
                        LifetimeValidator = (notBefore, expires, _, _) =>
                            time.GetUtcNow().UtcDateTime is var now && !(notBefore > now) && expires > now,
                    });
                services.Configure<CustomerAuthenticationOptions>(customer => customer.AuthenticationSchemes.Add(JwtBearerDefaults.AuthenticationScheme));
                services.AddOneTimeTokens(options =>
                {
                    options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                    configureOneTimeTokens?.Invoke(options);
                });
                (configureExchange ?? (exchange => exchange.AddJwtExchange(options =>
                {
                    options.SigningCredentials = Credentials;
                    options.Issuer = Issuer;
                    options.Audience = Audience;
                })))(services);
                services.AddAuthorization();
                configureServices?.Invoke(services);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                (mapOneTimeTokens ?? (endpoints => endpoints.MapOneTimeTokenEndpoints()))(app);
                TestHost.MapUserDescription(app, ApiPath).RequireAuthorization();
                TestHost.MapUserDescription(app, CookiePath)
                    .RequireAuthorization(new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
            });

    /// <summary>
    /// The JWT the host's own login issues: customer <paramref name="customerId"/>, a name, an email, two roles and a
    /// scope, valid for an hour from <paramref name="now"/>.
    /// </summary>
    public static string LoginToken(DateTimeOffset now, string customerId = "42") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime.AddMinutes(-10),
            NotBefore = now.UtcDateTime.AddMinutes(-10),
            Expires = now.UtcDateTime.AddHours(1),
            SigningCredentials = Credentials,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = customerId,
                [ClaimTypes.Name] = "Ada Lovelace",
                [ClaimTypes.Email] = "ada@example.com",
                [ClaimTypes.Role] = new[] { "member", "billing" },
                ["scope"] = "portal",
            },
        });

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    /// <summary>Issues a one-time token through <c>POST /api/sys/users/token/refresh</c> as the bearer of <paramref name="loginToken"/>.</summary>
    public static async Task<string> IssueOneTimeTokenAsync(this TestHost host, string loginToken, string path = OneTimeTokenDefaults.RefreshPath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Headers = { Authorization = Bearer(loginToken) } };
        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("WasSuccessful").GetBoolean().Should().BeTrue(body.ToString());
        return body.GetProperty("Value").GetString()!;
    }

    public static Task<HttpResponseMessage> ExchangeAsync(this TestHost host, string token, int validForInMinutes = 1440, string path = OneTimeTokenDefaults.ExchangePath) =>
        host.Client.PostAsync($"{path}?token={token}&validForInMinutes={validForInMinutes}", content: null);

    /// <summary>Redeems <paramref name="token"/> at the login redirect and returns the sign-in cookie, or null.</summary>
    public static async Task<string?> LoginAsync(this TestHost host, string token, string path = OneTimeTokenDefaults.LoginPath)
    {
        using var response = await host.Client.GetAsync($"{path}?server=true&t={token}&redirectUrl=%2Fme");
        return response.SignInCookie();
    }

    /// <summary>The description of the user <see cref="CookiePath"/> sees with <paramref name="cookie"/>.</summary>
    public static async Task<string> DescribeCookieUserAsync(this TestHost host, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CookiePath);
        request.Headers.Add("Cookie", cookie);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
