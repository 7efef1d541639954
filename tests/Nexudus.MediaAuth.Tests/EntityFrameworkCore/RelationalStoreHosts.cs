using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.EntityFrameworkCore;

/// <summary>
/// Two instances of a JwtBearer host (<see cref="TestHost.StartJwtBearerHostAsync"/>) behind one load balancer: their one-time tokens in
/// one database through the Entity Framework Core store, one Data Protection key ring, and the store's health check on
/// <c>/healthz</c>; their logs recorded.
/// </summary>
public sealed class RelationalStoreHosts : IAsyncDisposable
{
    private readonly string _keysDirectory;

    private RelationalStoreHosts(TestHost a, TestHost b, string keysDirectory)
    {
        A = a;
        B = b;
        _keysDirectory = keysDirectory;
    }

    public TestHost A { get; }

    public TestHost B { get; }

    /// <summary>The customer's login JWT, valid on both hosts.</summary>
    public string LoginToken => TestToken.Login(A.Time.GetUtcNow());

    public static async Task<RelationalStoreHosts> StartAsync(TestDatabase database)
    {
        var keysDirectory = Directory.CreateTempSubdirectory("keys-").FullName;
        Task<TestHost> StartHostAsync() => TestHost.StartJwtBearerHostAsync(
            mapOneTimeTokens: app =>
            {
                app.MapOneTimeTokenEndpoints();
                app.MapHealthChecks("/healthz");
            },
            configureServices: services =>
            {
                services.AddLogging(logging => logging.AddFakeLogging());
                services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysDirectory)).SetApplicationName("relational-store-hosts");
                services.AddDbContext<TokenDbContext>(database.UseProvider);
                services.AddEntityFrameworkCoreOneTimeTokenStore<TokenDbContext>();
                services.AddHealthChecks().AddEntityFrameworkCoreOneTimeTokenStore();
            });

        var a = await StartHostAsync();
        return new RelationalStoreHosts(a, await StartHostAsync(), keysDirectory);
    }

    public static FakeLogCollector LogsOf(TestHost host) => host.Services.GetFakeLogCollector();

    /// <summary>POST the refresh endpoint as the customer; the response as it is.</summary>
    public async Task<HttpResponseMessage> RequestOneTimeTokenAsync(TestHost host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sys/users/token/refresh") { Headers = { Authorization = TestHost.Bearer(LoginToken) } };
        return await host.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> LoginAsync(TestHost host, string token) =>
        host.Client.GetAsync($"/user/login?server=true&t={token}&redirectUrl=%2Fme");

    public static async Task<(HttpStatusCode Status, string Body)> HealthAsync(TestHost host)
    {
        using var response = await host.Client.GetAsync("/healthz");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Directory.Delete(_keysDirectory, recursive: true);
    }
}
