using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.LoadHost;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// One request's token validation, per algorithm: the raw signature check (the floor), IdentityModel's
/// <see cref="JsonWebTokenHandler.ValidateTokenAsync(string, TokenValidationParameters)"/>, the JwtBearer peer and the
/// MediaToken handler, each called the way ASP.NET Core's authentication service calls it, over a new
/// <see cref="DefaultHttpContext"/> whose cost alone is <see cref="HttpContextBaseline"/>; and a handler that accepts
/// every request without reading it (<see cref="DoNothingHandler"/>), what the base <c>AuthenticationHandler</c>, the
/// result and a one-claim principal cost whatever the scheme.
/// </summary>
[MemoryDiagnoser]
public class MediaTokenValidationBenchmarks : IDisposable
{
    // Four times more distinct tokens than the validation cache holds: the cache is emptied when full, so every
    // "fresh" request is a miss that pays the digest, the full validation and the insertion.
    private const int CacheSize = 512;
    private const int FreshTokenCount = 4 * CacheSize;
    private const int PeerTokenCount = 16;

    private BenchmarkServices _services = null!;
    private string[] _freshMediaTokenValues = null!;
    private QueryString[] _freshMediaTokens = null!;
    private QueryString _repeatedMediaToken;
    private QueryString[] _peerTokens = null!;
    private string _mediaToken = null!;
    private JsonWebTokenHandler _jsonWebTokenHandler = null!;
    private TokenValidationParameters _jsonWebTokenParameters = null!;
    private SignatureProvider _signatureProvider = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private int _next;

    [Params(SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256)]
    public string Algorithm { get; set; } = SecurityAlgorithms.HmacSha256;

    [GlobalSetup]
    public void Setup()
    {
        _services = new BenchmarkServices(BenchmarkAlgorithm.CreateCredentials(Algorithm), options => options.ValidationCacheSize = CacheSize);
        var mediaTokens = _services.IssueMediaTokens(FreshTokenCount);
        _freshMediaTokenValues = mediaTokens;
        _freshMediaTokens = BenchmarkServices.ToQueryStrings(mediaTokens);
        _mediaToken = mediaTokens[0];
        _repeatedMediaToken = _freshMediaTokens[0];
        _peerTokens = BenchmarkServices.ToQueryStrings(_services.IssuePeerTokens(PeerTokenCount));

        var key = _services.Credentials.Key;
        _jsonWebTokenHandler = new JsonWebTokenHandler { MapInboundClaims = false };
        _jsonWebTokenParameters = new TokenValidationParameters
        {
            ValidIssuer = MediaTokenDefaults.Issuer,
            ValidAudience = MediaTokenDefaults.Audience,
            ValidTypes = [MediaTokenDefaults.TokenType],
            IssuerSigningKey = key,
        };

        var lastDot = _mediaToken.LastIndexOf('.');
        _signingInput = System.Text.Encoding.ASCII.GetBytes(_mediaToken[..lastDot]);
        _signature = Base64UrlEncoder.DecodeBytes(_mediaToken[(lastDot + 1)..]);
        _signatureProvider = key.CryptoProviderFactory.CreateForVerifying(key, Algorithm);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "raw signature verify")]
    public bool RawVerify() => _signatureProvider.Verify(_signingInput, _signature);

    [Benchmark(Description = "new DefaultHttpContext")]
    public HttpContext HttpContextBaseline() => _services.CreateRequest(NextFresh());

    [Benchmark(Description = "do-nothing handler (floor)")]
    public Task<AuthenticateResult> DoNothingHandler() => _services.AuthenticateWithDoNothingHandlerAsync(_services.CreateRequest(NextFresh()));

    [Benchmark(Description = "JsonWebTokenHandler.ValidateTokenAsync")]
    public async Task<bool> JsonWebTokenHandlerValidate() =>
        (await _jsonWebTokenHandler.ValidateTokenAsync(_mediaToken, _jsonWebTokenParameters)).IsValid;

    [Benchmark(Description = "JwtBearer peer, ?t= in OnMessageReceived")]
    public Task<AuthenticateResult> JwtBearerPeer() =>
        _services.AuthenticateWithJwtBearerAsync(_services.CreateRequest(_peerTokens[_next++ % PeerTokenCount]));

    [Benchmark(Description = "MediaToken handler, fresh token")]
    public Task<AuthenticateResult> MediaTokenFresh() =>
        _services.AuthenticateWithMediaTokenAsync(_services.CreateRequest(NextFresh()));

    [Benchmark(Description = "MediaToken handler, repeated token")]
    public Task<AuthenticateResult> MediaTokenRepeated() =>
        _services.AuthenticateWithMediaTokenAsync(_services.CreateRequest(_repeatedMediaToken));

    [Benchmark(Description = "MediaToken validator + principal, fresh token")]
    public ClaimsPrincipal? ValidatorFresh() => ValidateAndSignIn(_freshMediaTokenValues[_next++ % FreshTokenCount]);

    [Benchmark(Description = "MediaToken validator + principal, repeated token")]
    public ClaimsPrincipal? ValidatorRepeated() => ValidateAndSignIn(_mediaToken);

    private ClaimsPrincipal? ValidateAndSignIn(string token)
    {
        var validator = _services.MediaTokenValidator;
        var result = validator.Validate(token, DateTimeOffset.UtcNow);
        return result.IsValid ? new ClaimsPrincipal(validator.CreateIdentity(result.Token)) : null;
    }

    private QueryString NextFresh() => _freshMediaTokens[_next++ % FreshTokenCount];
}
