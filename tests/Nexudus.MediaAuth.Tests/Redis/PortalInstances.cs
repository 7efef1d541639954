using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Redis;

/// <summary>
/// Two portal hosts (<see cref="TestHost.StartPortalHostAsync"/>) behind an imaginary load balancer, sharing one Redis
/// for their one-time tokens and, as hosts in one process do by default, one Data Protection key ring and the media
/// token key. Each instance's logs are captured.
/// </summary>
public sealed class PortalInstances : IAsyncDisposable
{
    private PortalInstances(TestHost a, TestHost b)
    {
        A = a;
        B = b;
        AdaBearer = a.PortalCustomerToken();
    }

    public TestHost A { get; }

    public TestHost B { get; }

    /// <summary>The bearer token of the portal's customer, which both instances accept.</summary>
    public string AdaBearer { get; }

    public static async Task<PortalInstances> StartAsync(RedisServer redis)
    {
        var a = await TestHost.StartPortalHostAsync(CaptureLogs, redis.ConnectionString);
        var b = await TestHost.StartPortalHostAsync(CaptureLogs, redis.ConnectionString);
        return new PortalInstances(a, b);
    }

    public static FakeLogCollector LogsOf(TestHost server) => server.Services.GetFakeLogCollector();

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }

    private static void CaptureLogs(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Logging.ClearProviders().AddFakeLogging();
}
