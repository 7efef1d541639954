using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.LoadHost;
using Nexudus.MediaAuth.MediaTokens.Continuation;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// The handler's share of a continued request (an expired token and its file's continuation cookie, on an endpoint
/// that allows continuation) beside a fresh HS256 token on a plain endpoint, and the pieces of the continued one.
/// </summary>
[MemoryDiagnoser]
public class ContinuationCostBreakdownBenchmarks : IDisposable
{
    private const int TokenCount = 2048;

    private static readonly Endpoint PlainEndpoint = new(null, new EndpointMetadataCollection(), "file");
    private static readonly Endpoint ContinuationEndpoint = new(null, new EndpointMetadataCollection(MediaTokenContinuationMetadata.Instance), "file");

    private readonly ContinuationClock _clock = new();
    private BenchmarkServices _services = null!;
    private QueryString[] _freshQueries = null!;
    private QueryString[] _expiredQueries = null!;
    private string[] _cookies = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _services = new BenchmarkServices(BenchmarkAlgorithm.CreateCredentials(SecurityAlgorithms.HmacSha256), clock: _clock);
        _clock.SetOffset(TimeSpan.FromMinutes(-10));
        _expiredQueries = BenchmarkServices.ToQueryStrings(_services.IssueMediaTokens(TokenCount));
        _cookies = new string[TokenCount];
        for (var i = 0; i < TokenCount; i++)
        {
            var context = Request(ContinuationEndpoint, _expiredQueries[i], cookie: null);
            if (!_services.AuthenticateWithMediaTokenAsync(context).GetAwaiter().GetResult().Succeeded)
            {
                throw new InvalidOperationException("The token did not open the file.");
            }

            _cookies[i] = context.Response.Headers.SetCookie.ToString().Split(';')[0];
        }

        _clock.SetOffset(TimeSpan.Zero);
        _freshQueries = BenchmarkServices.ToQueryStrings(_services.IssueMediaTokens(TokenCount));
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "handler, fresh HS256 token, plain endpoint")]
    public Task<AuthenticateResult> Fresh() =>
        _services.AuthenticateWithMediaTokenAsync(Request(PlainEndpoint, _freshQueries[Next()], cookie: null));

    [Benchmark(Description = "handler, expired token and its cookie, continuation endpoint")]
    public Task<AuthenticateResult> Continued()
    {
        var next = Next();
        return _services.AuthenticateWithMediaTokenAsync(Request(ContinuationEndpoint, _expiredQueries[next], _cookies[next]));
    }

    [Benchmark(Description = "handler, cookie without a token, continuation endpoint")]
    public Task<AuthenticateResult> ContinuedWithoutToken() =>
        _services.AuthenticateWithMediaTokenAsync(Request(ContinuationEndpoint, QueryString.Empty, _cookies[Next()]));

    [Benchmark(Description = "handler, another expired token and the cookie, continuation endpoint")]
    public Task<AuthenticateResult> ContinuedWithAnotherToken()
    {
        var next = Next();
        return _services.AuthenticateWithMediaTokenAsync(Request(ContinuationEndpoint, _expiredQueries[(next + 1) % TokenCount], _cookies[next]));
    }

    private int Next() => _next++ % TokenCount;

    private HttpContext Request(Endpoint endpoint, QueryString query, string? cookie)
    {
        var context = _services.CreateRequest(query);
        context.SetEndpoint(endpoint);
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = cookie;
        }

        return context;
    }
}
