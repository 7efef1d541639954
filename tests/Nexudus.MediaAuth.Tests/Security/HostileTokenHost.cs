using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.Tests.Infrastructure;

namespace Nexudus.MediaAuth.Tests.Security;

/// <summary>
/// A host with one media token scheme per key family, each allowing a single algorithm, a protected endpoint per
/// scheme, one-time tokens, every log record captured at Trace level, every authentication failure recorded, and a
/// loopback listener that counts any connection a token header could provoke.
/// </summary>
public sealed class HostileTokenHost : IAsyncLifetime, IDisposable
{
    public const string HmacPath = "/media/hmac";
    public const string RsaPath = "/media/rsa";
    public const string EcPath = "/media/ec";

    private static readonly (string Path, string Scheme, SigningCredentials Credentials)[] Schemes =
    [
        (HmacPath, MediaTokenDefaults.AuthenticationScheme, TestKeys.HmacCredentials),
        (RsaPath, "RsaMediaToken", new SigningCredentials(TestKeys.Rsa, SecurityAlgorithms.RsaSha256)),
        (EcPath, "EcMediaToken", new SigningCredentials(TestKeys.Ecdsa, SecurityAlgorithms.EcdsaSha256)),
    ];

    private readonly TcpListener _loopback = new(IPAddress.Loopback, 0);
    private int _loopbackConnections;
    private TestHost _host = null!;

    public HttpClient Client => _host.Client;

    public FakeLogCollector Logs { get; private set; } = null!;

    /// <summary>The exceptions the handler failed with, as <c>OnAuthenticationFailed</c> sees them.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    public string LoopbackUrl { get; private set; } = null!;

    public int LoopbackConnections => Volatile.Read(ref _loopbackConnections);

    public DateTimeOffset Now => _host.Time.GetUtcNow();

    public string OneTimeToken { get; private set; } = null!;

    public static string SchemeOf(string path) => Schemes.Single(scheme => scheme.Path == path).Scheme;

    public async Task InitializeAsync()
    {
        _loopback.Start();
        LoopbackUrl = $"http://127.0.0.1:{((IPEndPoint)_loopback.LocalEndpoint).Port}";
        _ = CountLoopbackConnectionsAsync();

        _host = await TestHost.StartAsync(
            builder =>
            {
                builder.CaptureAllLogs();
                var authentication = builder.Services.AddAuthentication();
                foreach (var (_, scheme, credentials) in Schemes)
                {
                    authentication.AddMediaToken(scheme, options =>
                    {
                        options.SigningCredentials = credentials;
                        options.ValidAlgorithms.Clear();
                        options.ValidAlgorithms.Add(credentials.Algorithm);
                        options.Events.OnAuthenticationFailed = context =>
                        {
                            Failures.Enqueue(context.Exception);
                            return Task.CompletedTask;
                        };
                    });
                }

                builder.Services.AddOneTimeTokens();
                builder.Services.AddAuthorization();
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                foreach (var (path, scheme, _) in Schemes)
                {
                    app.MapGet(path, (ClaimsPrincipal user) => $"customer {user.FindFirstValue(ClaimTypes.NameIdentifier)}")
                        .RequireMediaToken(scheme);
                }
            });

        Logs = _host.Services.GetFakeLogCollector();
        OneTimeToken = await _host.Services.GetRequiredService<IOneTimeTokenService>().IssueAsync(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], "test")));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _loopback.Stop();
    }

    public void Dispose() => _loopback.Dispose();

    private async Task CountLoopbackConnectionsAsync()
    {
        try
        {
            while (true)
            {
                using var connection = await _loopback.AcceptTcpClientAsync();
                Interlocked.Increment(ref _loopbackConnections);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }
}
