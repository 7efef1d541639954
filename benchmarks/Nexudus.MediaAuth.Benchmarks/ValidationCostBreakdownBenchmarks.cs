using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.LoadHost;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// The pieces of a validated request, HS256, to see where the time and the allocations go beyond the signature:
/// parsing the JWT, the per-request copy of the validation parameters JwtBearer makes, the claims identity of every
/// claim, the handler's own work around an absent token, and the token digest the validation cache keys on.
/// </summary>
[MemoryDiagnoser]
public class ValidationCostBreakdownBenchmarks : IDisposable
{
    private const int FreshTokenCount = 2048;

    private BenchmarkServices _services = null!;
    private BenchmarkServices _uncachedServices = null!;
    private string[] _freshTokens = null!;
    private int _next;
    private string _mediaToken = null!;
    private byte[] _mediaTokenAscii = null!;
    private string _peerToken = null!;
    private JsonWebToken _parsedPeerToken = null!;
    private TokenValidationParameters _peerParameters = null!;
    private string _customerId = "42";

    [GlobalSetup]
    public void Setup()
    {
        var credentials = BenchmarkAlgorithm.CreateCredentials(SecurityAlgorithms.HmacSha256);
        // An RSA key beside the HMAC one turns the cache on (an HMAC-only scheme has none), so fresh HS256 tokens miss it.
        _services = new BenchmarkServices(credentials, options =>
        {
            options.ValidationKeys.Add(BenchmarkAlgorithm.CreateCredentials(SecurityAlgorithms.RsaSha256));
            options.ValidationCacheSize = FreshTokenCount / 4;
        });
        _uncachedServices = new BenchmarkServices(credentials, options => options.ValidationCacheSize = 0);
        _freshTokens = _services.IssueMediaTokens(FreshTokenCount);
        _mediaToken = _services.IssueMediaTokens(1)[0];
        _mediaTokenAscii = System.Text.Encoding.ASCII.GetBytes(_mediaToken);
        _peerToken = _services.IssuePeerTokens(1)[0];
        _parsedPeerToken = new JsonWebToken(_peerToken);
        _customerId = _parsedPeerToken.Subject;
        var peer = new Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions();
        PeerJwt.Configure(peer, credentials.Key);
        _peerParameters = peer.TokenValidationParameters;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services.Dispose();
        _uncachedServices.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "parse media token (new JsonWebToken)")]
    public JsonWebToken ParseMediaToken() => new(_mediaToken);

    [Benchmark(Description = "parse peer token (new JsonWebToken)")]
    public JsonWebToken ParsePeerToken() => new(_peerToken);

    [Benchmark(Description = "TokenValidationParameters.Clone (JwtBearer, per request)")]
    public TokenValidationParameters CloneParameters() => _peerParameters.Clone();

    [Benchmark(Description = "ClaimsIdentity of every peer claim")]
    public ClaimsIdentity IdentityOfEveryClaim() => new(_parsedPeerToken.Claims, "Bearer");

    [Benchmark(Description = "ClaimsPrincipal of one claim")]
    public ClaimsPrincipal PrincipalOfOneClaim() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, _customerId, ClaimValueTypes.String, "Nexudus.MediaAuth")], "MediaToken", ClaimTypes.NameIdentifier, ClaimTypes.Role));

    [Benchmark(Description = "MediaToken handler, no token (NoResult)")]
    public Task<AuthenticateResult> HandlerWithoutToken() => _services.AuthenticateWithMediaTokenAsync(_services.CreateRequest(QueryString.Empty));

    [Benchmark(Description = "validator, fresh HS256 token, no cache")]
    public bool ValidateUncached() => Validate(_uncachedServices);

    [Benchmark(Description = "validator, fresh HS256 token, cache miss")]
    public bool ValidateCacheMiss() => Validate(_services);

    [Benchmark(Description = "SHA-256 of the token's ASCII (cache key)")]
    public byte[] TokenDigest() => SHA256.HashData(_mediaTokenAscii);

    private bool Validate(BenchmarkServices services) =>
        services.MediaTokenValidator.Validate(_freshTokens[_next++ % FreshTokenCount], DateTimeOffset.UtcNow).IsValid;
}
