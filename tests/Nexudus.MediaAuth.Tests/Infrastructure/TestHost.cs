using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// A bare host on a TestServer for testing the library's pieces without the sample's wiring.
/// </summary>
public sealed class TestHost : RunningApp
{
    /// <summary>The path of the endpoint that <see cref="StartMediaTokenHostAsync"/> protects with the media token.</summary>
    public const string MediaPath = "/media";

    /// <summary>The path of the endpoint that <see cref="MapAdminEndpoint"/> maps.</summary>
    public const string AdminPath = "/media/admin";

    /// <summary>The path of <c>MapMediaTokenEndpoints</c>' endpoint.</summary>
    public const string MintPath = "/api/auth/media/customer";

    private TestHost(WebApplication app, FakeTimeProvider time)
        : base(app, time)
    {
    }

    /// <summary>A fake clock set to the start time every test host uses.</summary>
    public static FakeTimeProvider CreateClock() => new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public static WebApplication Build(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp, FakeTimeProvider time, string environment = "Production")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
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
                builder.Services
                    .AddMediaTokenAuthentication(options =>
                    {
                        options.SigningCredentials = TestKeys.HmacCredentials;
                        configureMediaToken?.Invoke(options);
                    })
                    .AddScheme<TestBearerOptions, TestBearerHandler>(TestBearerHandler.SchemeName, configureOptions: null);
                builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
                    customer.AuthenticationSchemes.Add(TestBearerHandler.SchemeName));
                builder.Services.AddAuthorization();
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
    /// Maps a GET endpoint whose body describes the signed-in user: <c>scheme={authentication type}</c>, then one
    /// <c>{claim type}={value}</c> line per claim.
    /// </summary>
    public static RouteHandlerBuilder MapUserDescription(IEndpointRouteBuilder app, string path) =>
        app.MapGet(path, (ClaimsPrincipal user) => string.Join(
            '\n',
            user.Claims.Select(claim => $"{claim.Type}={claim.Value}").Prepend($"scheme={user.Identity?.AuthenticationType}")));

    /// <summary>Maps <see cref="AdminPath"/>, which requires the media token and the role <c>admin</c>.</summary>
    public static void MapAdminEndpoint(WebApplication app) =>
        MapUserDescription(app, AdminPath).RequireMediaToken().RequireAuthorization(policy => policy.RequireRole("admin"));

    /// <summary>GET <see cref="MediaPath"/> with the token as <c>?t=</c>.</summary>
    public Task<HttpResponseMessage> GetMediaAsync(string token) => Client.GetAsync(WithToken(MediaPath, token));

    /// <summary>Mints a media token through <c>GET /api/auth/media/customer</c> as the given customer.</summary>
    public Task<string> MintAsync(string customerId) => Client.GetMediaTokenAsync(TestBearerHandler.Customer(customerId));

    /// <summary><paramref name="path"/> with <paramref name="token"/> appended as the <c>t</c> query parameter.</summary>
    public static string WithToken(string path, string token) => $"{path}?{MediaTokenDefaults.QueryParameterName}={Uri.EscapeDataString(token)}";
}
