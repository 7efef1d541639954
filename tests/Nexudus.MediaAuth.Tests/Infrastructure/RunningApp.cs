using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// A started app on a TestServer, its client and the fake clock it runs on; disposing it stops the app.
/// </summary>
public abstract class RunningApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    protected RunningApp(WebApplication app, FakeTimeProvider time)
    {
        _app = app;
        Time = time;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
