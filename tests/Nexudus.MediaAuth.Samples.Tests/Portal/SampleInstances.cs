using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nexudus.MediaAuth.Sample;
using Nexudus.MediaAuth.Tests.Redis;

namespace Nexudus.MediaAuth.Samples.Tests.Portal;

/// <summary>
/// Two instances of the sample behind an imaginary load balancer, configured as the README says: one Redis, one Data
/// Protection key directory, and one media token signing key from configuration.
/// Each instance's logs are captured.
/// </summary>
public sealed class SampleInstances : IAsyncDisposable
{
    /// <summary>The media token key both instances read from configuration, as <c>openssl rand -base64 32</c> makes one.</summary>
    public static readonly string SharedSigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private SampleInstances(SampleServer a, SampleServer b, string keysDirectory, string adaBearer)
    {
        A = a;
        B = b;
        KeysDirectory = keysDirectory;
        AdaBearer = adaBearer;
    }

    public SampleServer A { get; }

    public SampleServer B { get; }

    public string KeysDirectory { get; }

    /// <summary>Ada's bearer token, from instance A.</summary>
    public string AdaBearer { get; }

    public static Task<SampleInstances> StartAsync(RedisServer redis) => StartAsync("Redis", redis.ConnectionString);

    /// <param name="store">The one-time token store's connection string name: <c>Redis</c>, <c>Postgres</c> or <c>Sqlite</c>.</param>
    /// <param name="connectionString">Its value.</param>
    public static async Task<SampleInstances> StartAsync(string store, string connectionString)
    {
        var keysDirectory = Directory.CreateTempSubdirectory("dataprotection-").FullName;
        var configuration = new Dictionary<string, string>
        {
            [$"ConnectionStrings:{store}"] = connectionString,
            ["DataProtection:KeysDirectory"] = keysDirectory,
            [$"{SampleServer.SigningKeyConfiguration}:KeyId"] = "media-2026-11",
            [$"{SampleServer.SigningKeyConfiguration}:Algorithm"] = "HS256",
            [$"{SampleServer.SigningKeyConfiguration}:Base64"] = SharedSigningKey,
        };

        var a = await SampleServer.StartAsync(CaptureLogs, configuration);

        // A rolling deployment finds the key ring already there: let A create it before B starts.
        var adaBearer = await a.SignInAsync(DemoData.Ada);
        var b = await SampleServer.StartAsync(CaptureLogs, configuration);
        return new SampleInstances(a, b, keysDirectory, adaBearer);
    }

    public static FakeLogCollector LogsOf(SampleServer server) => server.Services.GetFakeLogCollector();

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        Directory.Delete(KeysDirectory, recursive: true);
    }

    private static void CaptureLogs(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Logging.ClearProviders().AddFakeLogging();
}
