using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.LoadHost;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.Benchmarks;

/// <summary>
/// One service provider with the MediaToken scheme and the JwtBearer peer for one algorithm, and the per-request
/// handler calls ASP.NET Core's authentication service makes.
/// </summary>
internal sealed class BenchmarkServices : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IOptionsMonitor<MediaTokenOptions> _mediaTokenOptions;
    private readonly MediaTokenSchemeStates _mediaTokenSchemeStates;
    private readonly MediaAuthMetrics _metrics;
    private readonly IOptionsMonitor<JwtBearerOptions> _jwtBearerOptions;
    private readonly IOptionsMonitor<AuthenticationSchemeOptions> _floorOptions;
    private readonly ILoggerFactory _loggerFactory;
    private readonly AuthenticationScheme _mediaTokenScheme;
    private readonly AuthenticationScheme _jwtBearerScheme;
    private readonly AuthenticationScheme _floorScheme;

    public BenchmarkServices(SigningCredentials credentials, Action<MediaTokenOptions>? configure = null, TimeProvider? clock = null)
    {
        Credentials = credentials;
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddMediaTokenAuthentication(options =>
        {
            options.SigningCredentials = credentials;
            options.TokenLifetime = options.MaxTokenLifetime;
            configure?.Invoke(options);
        }).AddJwtBearer(options => PeerJwt.Configure(options, credentials.Key))
            .AddScheme<AuthenticationSchemeOptions, AcceptEveryRequestHandler>(AcceptEveryRequestHandler.SchemeName, configureOptions: null);
        _provider = services.BuildServiceProvider();

        _mediaTokenOptions = _provider.GetRequiredService<IOptionsMonitor<MediaTokenOptions>>();
        _mediaTokenSchemeStates = _provider.GetRequiredService<MediaTokenSchemeStates>();
        _metrics = _provider.GetRequiredService<MediaAuthMetrics>();
        _jwtBearerOptions = _provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>();
        _floorOptions = _provider.GetRequiredService<IOptionsMonitor<AuthenticationSchemeOptions>>();
        _loggerFactory = _provider.GetRequiredService<ILoggerFactory>();
        var schemes = _provider.GetRequiredService<IAuthenticationSchemeProvider>();
        _mediaTokenScheme = schemes.GetSchemeAsync(MediaTokenDefaults.AuthenticationScheme).GetAwaiter().GetResult()!;
        _jwtBearerScheme = schemes.GetSchemeAsync(JwtBearerDefaults.AuthenticationScheme).GetAwaiter().GetResult()!;
        _floorScheme = schemes.GetSchemeAsync(AcceptEveryRequestHandler.SchemeName).GetAwaiter().GetResult()!;
        Issuer = _provider.GetRequiredService<IMediaTokenIssuer>();
    }

    public SigningCredentials Credentials { get; }

    public IMediaTokenIssuer Issuer { get; }

    public MediaTokenValidator MediaTokenValidator => _mediaTokenSchemeStates.Get(MediaTokenDefaults.AuthenticationScheme).Validator;

    public static ClaimsPrincipal Customer(int customerId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, customerId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "Bearer"));

    public string[] IssueMediaTokens(int count) =>
        Enumerable.Range(1, count).Select(id => Issuer.IssueToken(Customer(id))).ToArray();

    public string[] IssuePeerTokens(int count) =>
        Enumerable.Range(1, count).Select(id => PeerJwt.Create(Credentials, id, DateTime.UtcNow)).ToArray();

    public static QueryString[] ToQueryStrings(string[] tokens) =>
        tokens.Select(token => new QueryString("?t=" + token)).ToArray();

    public HttpContext CreateRequest(QueryString query) => new DefaultHttpContext
    {
        RequestServices = _provider,
        Request = { Path = "/files/report.pdf", QueryString = query },
    };

    public Task<AuthenticateResult> AuthenticateWithMediaTokenAsync(HttpContext context) =>
        AuthenticateAsync(new MediaTokenHandler(_mediaTokenOptions, _loggerFactory, UrlEncoder.Default, _mediaTokenSchemeStates, _metrics), _mediaTokenScheme, context);

    public Task<AuthenticateResult> AuthenticateWithJwtBearerAsync(HttpContext context) =>
        AuthenticateAsync(new JwtBearerHandler(_jwtBearerOptions, _loggerFactory, UrlEncoder.Default), _jwtBearerScheme, context);

    /// <summary>A handler that accepts every request without reading it: the cost of any handler call.</summary>
    public Task<AuthenticateResult> AuthenticateWithDoNothingHandlerAsync(HttpContext context) =>
        AuthenticateAsync(new AcceptEveryRequestHandler(_floorOptions, _loggerFactory, UrlEncoder.Default), _floorScheme, context);

    private static async Task<AuthenticateResult> AuthenticateAsync(IAuthenticationHandler handler, AuthenticationScheme scheme, HttpContext context)
    {
        await handler.InitializeAsync(scheme, context);
        return await handler.AuthenticateAsync();
    }

    public void Dispose() => _provider.Dispose();
}
