using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Validation;
using Nexudus.MediaAuth.OneTimeTokens;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// The one host builder of the library tests: a bare host on a TestServer with a fake clock (<see cref="StartAsync"/>),
/// and presets for the usual hosts: <see cref="StartMediaTokenHostAsync"/> (the media token scheme beside a bearer
/// scheme), <see cref="StartEveryKeyFamilyHostAsync"/> (the same, trusting a key of every family),
/// <see cref="StartConfiguredMediaTokenHostAsync"/> (keys from configuration only) and
/// <see cref="StartJwtBearerHostAsync"/> (one-time tokens on a JwtBearer API with a cookie for the server side).
/// </summary>
public sealed class TestHost : RunningApp
{
    /// <summary>The path of the endpoint that <see cref="StartMediaTokenHostAsync"/> protects with the media token.</summary>
    public const string MediaPath = "/media";

    /// <summary>The path of the endpoint that <see cref="MapAdminEndpoint"/> maps.</summary>
    public const string AdminPath = "/media/admin";

    /// <summary>The path of <c>MapMediaTokenEndpoints</c>' endpoint.</summary>
    public const string MintPath = "/api/auth/media/customer";

    /// <summary>The JwtBearer host's API endpoint, which describes the bearer's user.</summary>
    public const string ApiPath = "/api/me";

    /// <summary>The JwtBearer host's server-side endpoint, which describes the cookie's user.</summary>
    public const string CookiePath = "/me";

    /// <summary>The portal host's bearer API, which describes the bearer's user.</summary>
    public const string FilesPath = "/api/public/files/my";

    /// <summary>The portal host's cookie page, which describes the cookie's user.</summary>
    public const string InvoicesPagePath = "/en/invoices";

    /// <summary>The portal host's health checks.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>The prefix of the portal host's one-time token keys in Redis.</summary>
    public const string PortalRedisInstanceName = "Nexudus.MediaAuth.Tests:OneTimeToken:";

    /// <summary>The customer of <see cref="PortalCustomerToken"/>, who owns invoices 1001 and 1002 on the portal host.</summary>
    public const string PortalCustomerId = "1";

    /// <summary>The policy of the server-side endpoints: a user signed in by the cookie.</summary>
    private static readonly AuthorizationPolicy CookieUserPolicy =
        new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build();

    private TestHost(WebApplication app, FakeTimeProvider time)
        : base(app, time)
    {
    }

    /// <summary>The host's clock's current time.</summary>
    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>The options of the <c>MediaToken</c> scheme, as the handler gets them.</summary>
    public MediaTokenOptions MediaTokenOptions => Services.GetRequiredService<IOptionsMonitor<MediaTokenOptions>>().Get(MediaTokenDefaults.AuthenticationScheme);

    /// <summary>The validator of the scheme's current options, as the handler finds it.</summary>
    internal MediaTokenValidator Validator => Services.GetRequiredService<MediaTokenSchemeStates>().Get(MediaTokenDefaults.AuthenticationScheme).Validator;

    internal MediaTokenValidationCache? Cache => Validator.Cache;

    /// <summary>A fake clock set to the start time every test host uses.</summary>
    public static FakeTimeProvider CreateClock() => new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public static WebApplication Build(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp, FakeTimeProvider time, string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            // As a real host's: its own assembly, where its resources are (not the test runner's, "testhost").
            ApplicationName = typeof(TestHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(time);
        configureServices(builder);
        var app = builder.Build();
        configureApp(app);
        return app;
    }

    public static async Task<TestHost> StartAsync(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp, string environment = "Production")
    {
        var time = CreateClock();
        var app = Build(configureServices, configureApp, time, environment);
        await app.StartAsync();
        return new TestHost(app, time);
    }

    /// <summary>Builds a host whose <c>StartAsync</c> must throw <typeparamref name="TException"/>, and returns it.</summary>
    public static async Task<TException> StartupFailureAsync<TException>(Action<WebApplicationBuilder> configureServices, string environment = "Production")
        where TException : Exception
    {
        var app = Build(configureServices, _ => { }, CreateClock(), environment);
        await using var _ = app;

        var start = () => app.StartAsync();

        return (await start.Should().ThrowExactlyAsync<TException>()).Which;
    }

    /// <summary>
    /// The usual host of a library test: the <see cref="TestBearerHandler"/> scheme as the customer's bearer scheme, the
    /// <c>MediaToken</c> scheme signing with <see cref="TestKeys.Hmac"/>, <c>MapMediaTokenEndpoints()</c>, and
    /// <see cref="MediaPath"/>, which requires the media token and describes the signed-in user.
    /// </summary>
    public static Task<TestHost> StartMediaTokenHostAsync(
        Action<MediaTokenOptions>? configureMediaToken = null,
        Action<WebApplicationBuilder>? configureServices = null,
        Action<WebApplication>? configureApp = null,
        string environment = "Production",
        bool mapMediaTokenEndpoints = true) =>
        StartAsync(
            builder =>
            {
                AddMediaTokenBesideTestBearer(builder, options =>
                {
                    options.SigningCredentials = TestKeys.HmacCredentials;
                    configureMediaToken?.Invoke(options);
                });
                configureServices?.Invoke(builder);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                MapUserDescription(app, MediaPath).RequireMediaToken();
                if (mapMediaTokenEndpoints)
                {
                    app.MapMediaTokenEndpoints();
                }

                configureApp?.Invoke(app);
            },
            environment);

    /// <summary>
    /// <see cref="StartMediaTokenHostAsync"/> trusting, besides <see cref="TestKeys.Hmac"/>, <see cref="TestKeys.Rsa"/>
    /// (RS256), <see cref="TestKeys.RsaPss"/> (PS256) and <see cref="TestKeys.Ecdsa"/> (ES256), and keeping
    /// <paramref name="cacheSize"/> validations.
    /// </summary>
    public static Task<TestHost> StartEveryKeyFamilyHostAsync(int cacheSize, Action<MediaTokenOptions>? configure = null) =>
        StartMediaTokenHostAsync(options =>
        {
            options.ValidationKeys.Add(new(TestKeys.Rsa, SecurityAlgorithms.RsaSha256));
            options.ValidationKeys.Add(new(TestKeys.RsaPss, SecurityAlgorithms.RsaSsaPssSha256));
            options.ValidationKeys.Add(new(TestKeys.Ecdsa, SecurityAlgorithms.EcdsaSha256));
            options.ValidationCacheSize = cacheSize;
            configure?.Invoke(options);
        });

    /// <summary>
    /// A host whose media token scheme is configured from <paramref name="configuration"/> (and, when given,
    /// <paramref name="configureInCode"/>), logging to a fake collector, with the test bearer scheme,
    /// <c>MapMediaTokenEndpoints()</c>, <c>MapMediaTokenJwks()</c> and <see cref="MediaPath"/>;
    /// <paramref name="configureApp"/> runs first.
    /// </summary>
    public static Task<TestHost> StartConfiguredMediaTokenHostAsync(IConfigurationSource configuration, Action<WebApplication>? configureApp = null, Action<MediaTokenOptions>? configureInCode = null) =>
        StartAsync(
            builder => AddConfiguredMediaToken(builder, configuration, configureInCode),
            app =>
            {
                configureApp?.Invoke(app);
                app.UseAuthentication();
                app.UseAuthorization();
                MapUserDescription(app, MediaPath).RequireMediaToken();
                app.MapMediaTokenEndpoints();
                app.MapMediaTokenJwks();
            });

    /// <summary>
    /// A host whose API authenticates customers with JwtBearer, as most .NET APIs do: its own login JWTs
    /// (<see cref="TestToken.Login"/>), a cookie for the server-rendered side, the one-time token endpoints, and
    /// <see cref="ApiPath"/> and <see cref="CookiePath"/>, which describe the user signed in by each.
    /// </summary>
    /// <param name="configureOneTimeTokens">Changes the one-time token options; the sign-in scheme is the cookie.</param>
    /// <param name="configureExchange">Registers the exchange issuer; by default <c>AddJwtExchange</c> with <see cref="TestToken.LoginCredentials"/>.</param>
    /// <param name="mapOneTimeTokens">Maps the one-time token endpoints; by default <c>MapOneTimeTokenEndpoints()</c>.</param>
    /// <param name="configureServices">Adds services last, such as a one-time token store.</param>
    public static Task<TestHost> StartJwtBearerHostAsync(
        Action<OneTimeTokenOptions>? configureOneTimeTokens = null,
        Action<IServiceCollection>? configureExchange = null,
        Action<WebApplication>? mapOneTimeTokens = null,
        Action<IServiceCollection>? configureServices = null) =>
        StartAsync(
            builder =>
            {
                AddJwtBearerWithOneTimeTokens(builder.Services, configureOneTimeTokens, configureExchange);
                configureServices?.Invoke(builder.Services);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                (mapOneTimeTokens ?? (endpoints => endpoints.MapOneTimeTokenEndpoints()))(app);
                MapJwtBearerUserDescriptions(app);
            });

    /// <summary>
    /// A host shaped like a customer portal, built from the library's public API and test doubles only: the JwtBearer
    /// host of <see cref="StartJwtBearerHostAsync"/> (sign in with <see cref="TestToken.Login"/>), the media token
    /// scheme signing with <see cref="TestKeys.Hmac"/>, <c>MapMediaTokenEndpoints()</c>, the customer's invoice PDFs at
    /// <see cref="InvoicePdfPath"/> (opened by a media token; invoices <c>{customer id}001</c> to <c>{customer id}999</c> are that customer's),
    /// the bearer API <see cref="FilesPath"/> and the cookie page <see cref="InvoicesPagePath"/> (anonymous visitors are
    /// sent to sign in at <c>/</c>).
    /// </summary>
    /// <param name="configureServices">Changes the services after the portal registered its own.</param>
    /// <param name="redisConfiguration">When given, one-time tokens are kept in this Redis (under
    /// <see cref="PortalRedisInstanceName"/>), whose health check answers <see cref="HealthPath"/>.</param>
    public static Task<TestHost> StartPortalHostAsync(Action<WebApplicationBuilder>? configureServices = null, string? redisConfiguration = null) =>
        StartAsync(
            builder =>
            {
                AddJwtBearerWithOneTimeTokens(builder.Services, configureOneTimeTokens: null, configureExchange: null);
                builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = TestKeys.HmacCredentials);
                builder.Services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie => cookie.LoginPath = "/");
                builder.Services.AddHealthChecks();
                if (redisConfiguration is not null)
                {
                    builder.Services.AddStackExchangeRedisOneTimeTokenStore(store =>
                    {
                        store.Configuration = redisConfiguration;
                        store.InstanceName = PortalRedisInstanceName;
                    });
                    builder.Services.AddHealthChecks().AddStackExchangeRedisOneTimeTokenStore();
                }

                configureServices?.Invoke(builder);
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapOneTimeTokenEndpoints();
                app.MapMediaTokenEndpoints();
                MapJwtBearerUserDescriptions(app);
                app.MapGet("/api/public/billing/invoices/{id:int}/pdf", (int id, ClaimsPrincipal user) =>
                        $"{id / 1000}" == user.FindFirstValue(ClaimTypes.NameIdentifier)
                            ? Results.File("%PDF-1.7\n"u8.ToArray(), "application/pdf")
                            : Results.NotFound())
                    .RequireMediaToken();
                MapUserDescription(app, FilesPath).RequireAuthorization();
                app.MapHealthChecks(HealthPath);
                MapUserDescription(app, InvoicesPagePath)
                    .RequireAuthorization(CookieUserPolicy);
            });

    /// <summary>
    /// The services of <see cref="StartJwtBearerHostAsync"/>: JwtBearer as the default scheme checking
    /// <see cref="TestToken.Login"/> tokens against the host's clock, a cookie, one-time tokens signing in with the
    /// cookie, and the exchange issuer (by default <c>AddJwtExchange</c> with <see cref="TestToken.LoginCredentials"/>).
    /// </summary>
    public static void AddJwtBearerWithOneTimeTokens(IServiceCollection services, Action<OneTimeTokenOptions>? configureOneTimeTokens, Action<IServiceCollection>? configureExchange)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddCookie();

        // JwtBearer checks lifetimes against the system clock; this checks them the same way against the
        // host's TimeProvider, so the tests can move it.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((jwt, time) =>
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TestToken.LoginIssuer,
                ValidAudience = TestToken.LoginAudience,
                IssuerSigningKey = TestToken.LoginCredentials.Key,
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
            options.SigningCredentials = TestToken.LoginCredentials;
            options.Issuer = TestToken.LoginIssuer;
            options.Audience = TestToken.LoginAudience;
        })))(services);
        services.AddAuthorization();
    }

    /// <summary>
    /// The services of <see cref="StartConfiguredMediaTokenHostAsync"/>: <paramref name="configuration"/> added to the
    /// host's, logs to a fake collector, and the media token scheme beside the test bearer scheme.
    /// </summary>
    public static void AddConfiguredMediaToken(WebApplicationBuilder builder, IConfigurationSource configuration, Action<MediaTokenOptions>? configureInCode = null)
    {
        ((IConfigurationBuilder)builder.Configuration).Add(configuration);
        builder.Logging.ClearProviders().AddFakeLogging();
        AddMediaTokenBesideTestBearer(builder, configureInCode);
    }

    /// <summary>
    /// Registers the <c>MediaToken</c> scheme configured by <paramref name="configureMediaToken"/> beside the
    /// <see cref="TestBearerHandler"/> scheme, which the media token endpoint accepts as the customer's, and authorization.
    /// </summary>
    public static void AddMediaTokenBesideTestBearer(WebApplicationBuilder builder, Action<MediaTokenOptions>? configureMediaToken)
    {
        builder.Services
            .AddMediaTokenAuthentication(configureMediaToken)
            .AddScheme<TestBearerOptions, TestBearerHandler>(TestBearerHandler.SchemeName, configureOptions: null);
        builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
            customer.AuthenticationSchemes.Add(TestBearerHandler.SchemeName));
        builder.Services.AddAuthorization();
    }

    /// <summary>
    /// Maps a GET endpoint whose body describes the signed-in user: <c>scheme={authentication type}</c>, then one
    /// <c>{claim type}={value}</c> line per claim.
    /// </summary>
    public static RouteHandlerBuilder MapUserDescription(IEndpointRouteBuilder app, string path) =>
        app.MapGet(path, (ClaimsPrincipal user) => string.Join(
            '\n',
            user.Claims.Select(claim => $"{claim.Type}={claim.Value}").Prepend($"scheme={user.Identity?.AuthenticationType}")));

    /// <summary>Maps <see cref="ApiPath"/> for the bearer's user and <see cref="CookiePath"/> for the cookie's.</summary>
    private static void MapJwtBearerUserDescriptions(WebApplication app)
    {
        MapUserDescription(app, ApiPath).RequireAuthorization();
        MapUserDescription(app, CookiePath)
            .RequireAuthorization(CookieUserPolicy);
    }

    /// <summary>Maps <see cref="AdminPath"/>, which requires the media token and the role <c>admin</c>.</summary>
    public static void MapAdminEndpoint(WebApplication app) =>
        MapUserDescription(app, AdminPath).RequireMediaToken().RequireAuthorization(policy => policy.RequireRole("admin"));

    /// <summary>GET <see cref="MediaPath"/> with the token as <c>?t=</c>.</summary>
    public Task<HttpResponseMessage> GetMediaAsync(string token) => Client.GetAsync(WithToken(MediaPath, token));

    /// <summary>Mints a media token through <c>GET /api/auth/media/customer</c> as the given customer.</summary>
    public Task<string> MintAsync(string customerId) => Client.GetMediaTokenAsync(TestBearerHandler.Customer(customerId));

    /// <summary>
    /// GETs <see cref="MediaPath"/> with <paramref name="token"/>, expects 200 and returns the customer id the scheme
    /// signed in (the <see cref="ClaimTypes.NameIdentifier"/> claim; empty when there is none).
    /// </summary>
    public async Task<string> ExpectAcceptedAsync(string token)
    {
        using var response = await GetMediaAsync(token);
        var description = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, description);
        return CustomerOf(description);
    }

    /// <summary>The customer id in a <see cref="MapUserDescription"/> body (its <see cref="ClaimTypes.NameIdentifier"/>; empty when there is none).</summary>
    public static string CustomerOf(string description)
    {
        var customer = description.Split('\n').SingleOrDefault(line => line.StartsWith(ClaimTypes.NameIdentifier + "=", StringComparison.Ordinal));
        return customer?[(ClaimTypes.NameIdentifier.Length + 1)..] ?? string.Empty;
    }

    /// <summary>GETs <see cref="MediaPath"/> with <paramref name="token"/> and expects 401 with <paramref name="reason"/> as <c>error_description</c>.</summary>
    public async Task ExpectRejectedAsync(string token, string reason)
    {
        using var response = await GetMediaAsync(token);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain($"error_description=\"{reason}\"");
    }

    /// <summary>Forgets the scheme's options, as a configuration reload does, so the next request rebuilds them.</summary>
    public void ReloadOptions() =>
        Services.GetRequiredService<IOptionsMonitorCache<MediaTokenOptions>>().TryRemove(MediaTokenDefaults.AuthenticationScheme);

    /// <summary>Issues a one-time token through <c>POST /api/sys/users/token/refresh</c> as the bearer of <paramref name="loginToken"/>.</summary>
    public async Task<string> IssueOneTimeTokenAsync(string loginToken, string path = OneTimeTokenDefaults.RefreshPath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Headers = { Authorization = Bearer(loginToken) } };
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("WasSuccessful").GetBoolean().Should().BeTrue(body.ToString());
        return body.GetProperty("Value").GetString()!;
    }

    /// <summary><c>POST /api/sys/users/exchange</c> (or <paramref name="path"/>) with the token and lifetime as the documented query.</summary>
    public Task<HttpResponseMessage> ExchangeAsync(string token, int validForInMinutes = 1440, string path = OneTimeTokenDefaults.ExchangePath) =>
        Client.PostAsync($"{path}?token={token}&validForInMinutes={validForInMinutes}", content: null);

    /// <summary>Redeems <paramref name="token"/> at the login redirect and returns the sign-in cookie, or null.</summary>
    public async Task<string?> LoginAsync(string token, string path = OneTimeTokenDefaults.LoginPath)
    {
        using var response = await Client.GetAsync($"{path}?server=true&t={token}&redirectUrl=%2Fme");
        return response.SignInCookie();
    }

    /// <summary>The description of the user <see cref="CookiePath"/> sees with <paramref name="cookie"/>.</summary>
    public async Task<string> DescribeCookieUserAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, CookiePath);
        request.Headers.Add("Cookie", cookie);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary><paramref name="path"/> with <paramref name="token"/> appended as the <c>t</c> query parameter.</summary>
    public static string WithToken(string path, string token) => $"{path}?t={Uri.EscapeDataString(token)}";

    /// <summary>The portal host's invoice PDF URL with the media token as <c>?t=</c>.</summary>
    public static string InvoicePdfPath(int invoiceId, string mediaToken) =>
        WithToken($"/api/public/billing/invoices/{invoiceId}/pdf", mediaToken);

    /// <summary>A login token of <see cref="PortalCustomerId"/>, as <see cref="StartPortalHostAsync"/>'s bearer scheme accepts it.</summary>
    public string PortalCustomerToken(string customerId = PortalCustomerId) => TestToken.Login(Now, customerId);

    /// <summary>Mints a media token on the portal host as the bearer of <see cref="PortalCustomerToken"/>.</summary>
    public Task<string> MintPortalMediaTokenAsync(string customerId = PortalCustomerId) =>
        Client.GetMediaTokenAsync(Bearer(PortalCustomerToken(customerId)));

    /// <summary>An <c>Authorization: Bearer</c> header value.</summary>
    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
