using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;

namespace Nexudus.MediaAuth.LoadHost;

/// <summary>
/// The load host's application: one 16 KiB file at <see cref="FilePath"/>, served with no authentication
/// (<c>noauth</c>), behind a scheme that accepts every request (<c>floor</c>, see <see cref="AcceptEveryRequestHandler"/>),
/// behind the JwtBearer peer (<c>peer</c>) or behind MediaToken (<c>mediatoken</c>; <c>continuation</c>: with
/// continuation allowed, each request carrying an expired token and the continuation cookie, and the same file without
/// continuation at <see cref="FreshFilePath"/>), and the tokens a client sends to it;
/// or the token-issuing endpoints for any number of customers (<c>flood</c>, see <see cref="FloodHost"/>).
/// </summary>
public static class LoadHostApplication
{
    public const string FilePath = "/files/report.pdf";

    /// <summary>
    /// In the <c>continuation</c> mode, the same file without continuation, so that fresh and continued requests can be
    /// measured in one process; as long as <see cref="FilePath"/>, so their requests differ only by the cookie.
    /// </summary>
    public const string FreshFilePath = "/fresh/report.pdf";

    /// <summary>
    /// Builds the application from <c>--mode noauth|floor|peer|mediatoken|continuation|flood</c> and <c>--alg HS256|RS256|ES256</c>; other
    /// arguments are configuration, such as <c>--Authentication:Schemes:MediaToken:ValidationCacheSize=512</c>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();

        var mode = builder.Configuration["mode"] ?? "noauth";
        var credentials = BenchmarkAlgorithm.CreateCredentials(builder.Configuration["alg"] ?? SecurityAlgorithms.HmacSha256);
        builder.Services.AddSingleton(new TokenSource(mode, credentials));

        switch (mode)
        {
            case "noauth":
                break;
            case "floor":
                builder.Services.AddAuthentication()
                    .AddScheme<AuthenticationSchemeOptions, AcceptEveryRequestHandler>(AcceptEveryRequestHandler.SchemeName, configureOptions: null);
                builder.Services.AddAuthorization();
                break;
            case "peer":
                builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                    .AddJwtBearer(options => PeerJwt.Configure(options, credentials.Key));
                builder.Services.AddAuthorization();
                break;
            case "continuation":
                builder.Services.AddSingleton<ContinuationClock>();
                builder.Services.AddSingleton<TimeProvider>(services => services.GetRequiredService<ContinuationClock>());
                goto case "mediatoken";
            case "mediatoken":
                builder.Services.AddMediaTokenAuthentication(options =>
                {
                    options.SigningCredentials = credentials;
                    options.TokenLifetime = options.MaxTokenLifetime;
                    if (mode == "continuation")
                    {
                        // The longest allowed: the files are opened once, and their cookies must hold for the whole run.
                        options.ContinuationLifetime = TimeSpan.FromHours(12);
                    }
                });
                builder.Services.AddAuthorization();
                break;
            case "flood":
                FloodHost.AddServices(builder, credentials);
                break;
            default:
                throw new InvalidOperationException($"Unknown mode '{mode}': use noauth, floor, peer, mediatoken, continuation or flood.");
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        var file = new byte[16 * 1024];
        new Random(42).NextBytes(file);
        FileContentHttpResult ServeFile() => TypedResults.File(file, "application/pdf");
        var endpoint = app.MapGet(FilePath, ServeFile);

        if (mode != "noauth")
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        if (mode == "floor")
        {
            // The policy RequireMediaToken() builds, for another scheme.
            endpoint.RequireAuthorization(new AuthorizationPolicyBuilder(AcceptEveryRequestHandler.SchemeName).RequireAuthenticatedUser().Build());
        }
        else if (mode == "peer")
        {
            endpoint.RequireAuthorization();
        }
        else if (mode == "mediatoken")
        {
            endpoint.RequireMediaToken();
        }
        else if (mode == "continuation")
        {
            endpoint.RequireMediaToken().AllowMediaTokenContinuation();
            app.MapGet(FreshFilePath, ServeFile).RequireMediaToken();
        }
        else if (mode == "flood")
        {
            FloodHost.MapEndpoints(app);
        }

        return app;
    }

    /// <summary>
    /// <paramref name="count"/> tokens for different customers: media tokens from the scheme's issuer, or the peer's
    /// JWTs (also for <c>noauth</c> and <c>floor</c>, whose endpoints ignore them: their requests are no shorter than the others').
    /// </summary>
    public static string[] IssueTokens(IServiceProvider services, int count)
    {
        var source = services.GetRequiredService<TokenSource>();
        var now = DateTime.UtcNow;
        var issuer = source.Mode == "peer" ? null : services.GetService<IMediaTokenIssuer>();
        var tokens = new string[count];
        for (var customerId = 1; customerId <= count; customerId++)
        {
            tokens[customerId - 1] = issuer is not null
                ? issuer.IssueToken(new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, customerId.ToString(CultureInfo.InvariantCulture))], "load")))
                : PeerJwt.Create(source.Credentials, customerId, now);
        }

        return tokens;
    }

    /// <summary>
    /// For the <c>continuation</c> mode: issues <paramref name="count"/> tokens and opens the file once with each, at a
    /// clock set back by ten minutes, and
    /// returns each token with the continuation cookie its response set, as <c>{token}\t{cookie}</c>: now the token has
    /// expired and only the cookie lets the request through, as for a browser seeking a video after the token's minute.
    /// </summary>
    public static async Task<string[]> ContinueAsync(WebApplication app, int count)
    {
        var clock = app.Services.GetRequiredService<ContinuationClock>();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var lines = new string[count];
        clock.SetOffset(TimeSpan.FromMinutes(-10));
        try
        {
            var tokens = IssueTokens(app.Services, count);
            for (var i = 0; i < tokens.Length; i++)
            {
                using var response = await client.GetAsync($"{FilePath}?t={tokens[i]}");
                response.EnsureSuccessStatusCode();
                lines[i] = tokens[i] + "\t" + response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
            }
        }
        finally
        {
            clock.SetOffset(TimeSpan.Zero);
        }

        return lines;
    }

    private sealed record TokenSource(string Mode, SigningCredentials Credentials);
}
