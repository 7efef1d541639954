using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.LoadHost;
using Nexudus.MediaAuth.MediaTokens.Issuance;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// Issuing one media token per algorithm, through <see cref="IMediaTokenIssuer"/>.
/// Tokens per second per core is one second divided by the mean.
/// </summary>
[MemoryDiagnoser]
public class MediaTokenIssuanceBenchmarks : IDisposable
{
    private BenchmarkServices _services = null!;
    private ClaimsPrincipal _customer = null!;

    [Params(SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256)]
    public string Algorithm { get; set; } = SecurityAlgorithms.HmacSha256;

    [GlobalSetup]
    public void Setup()
    {
        _services = new BenchmarkServices(BenchmarkAlgorithm.CreateCredentials(Algorithm));
        _customer = BenchmarkServices.Customer(42);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public string IssueToken() => _services.Issuer.IssueToken(_customer);
}
