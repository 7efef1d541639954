using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.LoadHost;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// One whole request through the load host's application (hosting, routing, authentication, authorization and the
/// 16 KiB file result) without the network: the server-side cost per request of each load-test mode, free of the
/// client's and the kernel's share that makes the load test noisy on two cores.
/// </summary>
[MemoryDiagnoser]
public class RequestPipelineBenchmarks : IDisposable
{
    private const int FreshTokenCount = 2048;

    private WebApplication _app = null!;
    private IHttpApplication<object> _application = null!;
    private string[] _queries = null!;
    private string?[] _cookies = null!;
    private int _next;

    /// <summary>
    /// Every mode, or those <c>PIPELINE_MODES</c> lists (<c>|</c>-separated, e.g.
    /// <c>PIPELINE_MODES="noauth|mediatoken HS256|continuation HS256"</c>).
    /// </summary>
    public static IEnumerable<string> Modes() =>
        Environment.GetEnvironmentVariable("PIPELINE_MODES")?.Split('|') ??
        [
            "noauth", "floor", "peer HS256", "mediatoken HS256", "mediatoken HS256 repeated", "peer RS256", "mediatoken RS256",
            "mediatoken RS256 repeated", "peer ES256", "mediatoken ES256", "mediatoken ES256 repeated", "continuation HS256 first",
            "continuation HS256",
        ];

    [ParamsSource(nameof(Modes))]
    public string Mode { get; set; } = "noauth";

    [GlobalSetup]
    public void Setup()
    {
        var words = Mode.Split(' ');
        var server = new CapturingServer();
        _app = LoadHostApplication.Build(
            ["--mode", words[0], "--alg", words.Length > 1 ? words[1] : "HS256", "--Authentication:Schemes:MediaToken:ValidationCacheSize=512"],
            builder => builder.Services.AddSingleton<IServer>(server));
        _app.StartAsync().GetAwaiter().GetResult();
        _application = server.Application!;
        // "continuation HS256 first": a fresh token on the continuation endpoint, whose response sets the cookie.
        if (words is ["continuation", _])
        {
            OpenContinuations();
            return;
        }

        var tokens = LoadHostApplication.IssueTokens(_app.Services, words is [_, _, "repeated"] ? 1 : FreshTokenCount);
        _queries = tokens.Select(token => "?t=" + token).ToArray();
        _cookies = new string?[_queries.Length];
    }

    /// <summary>
    /// Issues the tokens and opens the file once with each ten minutes ago, keeping the continuation cookie each
    /// response set: now every token has expired and a request carries it with its cookie, as a browser seeking a
    /// video does.
    /// </summary>
    private void OpenContinuations()
    {
        var clock = _app.Services.GetRequiredService<ContinuationClock>();
        clock.SetOffset(TimeSpan.FromMinutes(-10));
        try
        {
            _queries = LoadHostApplication.IssueTokens(_app.Services, FreshTokenCount).Select(token => "?t=" + token).ToArray();
            _cookies = new string?[_queries.Length];
            for (var i = 0; i < _queries.Length; i++)
            {
                var response = SendAsync(_queries[i], cookie: null).GetAwaiter().GetResult();
                _cookies[i] = response.Headers.SetCookie.ToString().Split(';')[0];
            }
        }
        finally
        {
            clock.SetOffset(TimeSpan.Zero);
        }
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
        var next = _next++ % _queries.Length;
        var response = await SendAsync(_queries[next], _cookies[next]);
        return response.StatusCode == StatusCodes.Status200OK ? 200 : throw new InvalidOperationException($"{Mode}: status {response.StatusCode}.");
    }

    private async Task<HttpResponseFeature> SendAsync(string query, string? cookie)
    {
        var features = new FeatureCollection();
        var request = new HttpRequestFeature
        {
            Method = HttpMethods.Get,
            Scheme = "http",
            Path = LoadHostApplication.FilePath,
            QueryString = query,
        };
        if (cookie is not null)
        {
            request.Headers.Cookie = cookie;
        }

        features.Set<IHttpRequestFeature>(request);
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));

        var context = _application.CreateContext(features);
        await _application.ProcessRequestAsync(context);

        _application.DisposeContext(context, null);
        return response;
    }
}
