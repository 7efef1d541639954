using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nexudus.MediaAuth.LoadHost;
using Nexudus.MediaAuth.Redaction;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// What the default query redaction costs per request: one request through the load host's <c>mediatoken</c> HS256
/// application with the HttpContext pooled as Kestrel pools it, redaction on and off, for a request with a token and
/// one without (a 401), with the hosting layer's log on (a logger that is enabled and writes nothing) and off.
/// </summary>
[MemoryDiagnoser]
public class QueryRedactionBenchmarks : IDisposable
{
    private WebApplication _app = null!;
    private CapturingServer _server = null!;
    private string _query = null!;

    [Params(true, false)]
    public bool Redaction { get; set; }

    [Params(true, false)]
    public bool Token { get; set; }

    [Params(true, false)]
    public bool HostingLog { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new CapturingServer();
        _app = LoadHostApplication.Build(
            ["--mode", "mediatoken", "--alg", "HS256"],
            builder =>
            {
                builder.Services.AddSingleton<IServer>(_server);
                builder.Services.Configure<TokenQueryRedactionOptions>(options => options.Enabled = Redaction);
                if (HostingLog)
                {
                    builder.Logging.AddProvider(new EnabledNullLoggerProvider());
                }
            });
        _app.StartAsync().GetAwaiter().GetResult();
        _query = Token ? "?download=1&t=" + LoadHostApplication.IssueTokens(_app.Services, 1)[0] : "?download=1";
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public async Task<int> Request()
    {
        var features = _server.CreatePooledFeatures();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = HttpMethods.Get,
            Scheme = "http",
            Path = LoadHostApplication.FilePath,
            QueryString = _query,
        });
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));

        var application = _server.Application!;
        var context = application.CreateContext(features);
        await application.ProcessRequestAsync(context);
        application.DisposeContext(context, null);
        return response.StatusCode;
    }

    /// <summary>A logger provider whose loggers are on at every level and write nothing: the hosting log's own cost.</summary>
    private sealed class EnabledNullLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new EnabledNullLogger();

        public void Dispose()
        {
        }

        private sealed class EnabledNullLogger : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => NullLogger.Instance.BeginScope(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                formatter(state, exception);
        }
    }
}
