using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// A bare host on a TestServer for testing the library's pieces without the sample's wiring.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

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
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var app = Build(configureServices, configureApp, time, environment);
        await app.StartAsync();
        return new TestHost(app, time);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
