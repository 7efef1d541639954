using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http.Features;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// An <see cref="IServer"/> that listens nowhere and hands a benchmark the application Kestrel would call, and the
/// features of a request as Kestrel gives them: optionally with the slot where the hosting layer keeps the context it
/// reuses from one request of a connection to the next.
/// </summary>
internal sealed class CapturingServer : IServer
{
    private Func<IFeatureCollection>? _pooledFeatures;

    public IHttpApplication<object>? Application { get; private set; }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <summary>
    /// New features for a request on the one connection this server simulates: like Kestrel's, they carry the hosting
    /// layer's pooled context (and with it the pooled HttpContext) over from the previous request.
    /// </summary>
    public IFeatureCollection CreatePooledFeatures() => _pooledFeatures!();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        Application = new ObjectApplication<TContext>(application);
        var connection = new ConnectionSlot<TContext>();
        _pooledFeatures = () => new PooledFeatureCollection<TContext>(connection);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    private sealed class ObjectApplication<TContext>(IHttpApplication<TContext> application) : IHttpApplication<object>
        where TContext : notnull
    {
        public object CreateContext(IFeatureCollection contextFeatures) => application.CreateContext(contextFeatures);

        public Task ProcessRequestAsync(object context) => application.ProcessRequestAsync((TContext)context);

        public void DisposeContext(object context, Exception? exception) => application.DisposeContext((TContext)context, exception);
    }

    private sealed class ConnectionSlot<TContext>
    {
        public TContext? HostContext { get; set; }
    }

    private sealed class PooledFeatureCollection<TContext>(ConnectionSlot<TContext> connection) : FeatureCollection, IHostContextContainer<TContext>
        where TContext : notnull
    {
        public TContext? HostContext
        {
            get => connection.HostContext;
            set => connection.HostContext = value;
        }
    }
}
