using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.Sample;

namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// The sample on real Kestrel at a free loopback port, as a browser reaches it. The one-time token endpoint waits for
/// <see cref="OpenOneTimeTokenGate"/>, so a test can see the portal before the token arrives.
/// </summary>
public sealed class LoopbackSampleServer : IAsyncDisposable
{
    private const string OneTimeTokenPath = "/api/sys/users/token/refresh";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _oneTimeTokenGate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackSampleServer(bool gateOneTimeTokens)
    {
        if (!gateOneTimeTokens)
        {
            _oneTimeTokenGate.SetResult();
        }

        _app = SampleHost.Build(
            new WebApplicationOptions { EnvironmentName = Environments.Production },
            builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.Configure<MediaTokenOptions>(MediaTokenDefaults.AuthenticationScheme, options =>
                    options.SigningCredentials = new SigningCredentials(
                        new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "browser-tests" },
                        SecurityAlgorithms.HmacSha256));
                builder.Services.AddSingleton<IStartupFilter>(new GateFilter(_oneTimeTokenGate.Task));
                builder.Services.AddSingleton<TimeProvider>(Clock);
            });
    }

    /// <summary>The clock of the server's tokens, which a test moves forward to let them expire.</summary>
    public ShiftableTimeProvider Clock { get; } = new();

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:39211</c>.</summary>
    public string BaseAddress => _app.Urls.Single();

    /// <summary>The sample's services, such as its <see cref="DemoOutbox"/>.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<LoopbackSampleServer> StartAsync(bool gateOneTimeTokens = false)
    {
        var server = new LoopbackSampleServer(gateOneTimeTokens);
        await server._app.StartAsync();
        return server;
    }

    public void OpenOneTimeTokenGate() => _oneTimeTokenGate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        OpenOneTimeTokenGate();
        await _app.DisposeAsync();
    }

    private sealed class GateFilter(Task gate) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path.Equals(OneTimeTokenPath, StringComparison.OrdinalIgnoreCase))
                {
                    await gate.WaitAsync(context.RequestAborted);
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
