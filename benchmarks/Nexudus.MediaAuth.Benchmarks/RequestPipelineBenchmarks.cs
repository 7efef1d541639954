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
    private int _next;

    [Params("noauth", "floor", "peer HS256", "mediatoken HS256", "mediatoken HS256 repeated", "peer RS256", "mediatoken RS256",
        "mediatoken RS256 repeated", "peer ES256", "mediatoken ES256", "mediatoken ES256 repeated")]
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
        var tokens = LoadHostApplication.IssueTokens(_app.Services, words.Length > 2 ? 1 : FreshTokenCount);
        _queries = tokens.Select(token => "?t=" + token).ToArray();
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
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = HttpMethods.Get,
            Scheme = "http",
            Path = LoadHostApplication.FilePath,
            QueryString = _queries[_next++ % _queries.Length],
        });
        var response = new HttpResponseFeature();
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));

        var context = _application.CreateContext(features);
        await _application.ProcessRequestAsync(context);
        _application.DisposeContext(context, null);
        return response.StatusCode == StatusCodes.Status200OK ? 200 : throw new InvalidOperationException($"{Mode}: status {response.StatusCode}.");
    }
}
