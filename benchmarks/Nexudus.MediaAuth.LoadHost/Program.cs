using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.LoadHost;
using Nexudus.MediaAuth.MediaTokens;

// Serves one 16 KiB file at /files/report.pdf in the mode the load script asks for, and writes the tokens wrk sends:
//   --mode noauth|peer|mediatoken  --alg HS256|RS256|ES256  --tokens N  --token-file PATH  --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

var mode = builder.Configuration["mode"] ?? "noauth";
var algorithm = builder.Configuration["alg"] ?? SecurityAlgorithms.HmacSha256;
var tokenCount = int.Parse(builder.Configuration["tokens"] ?? "1", CultureInfo.InvariantCulture);
var tokenFile = builder.Configuration["token-file"] ?? throw new InvalidOperationException("Pass --token-file PATH.");
var credentials = BenchmarkAlgorithm.CreateCredentials(algorithm);

switch (mode)
{
    case "noauth":
        break;
    case "peer":
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options => PeerJwt.Configure(options, credentials.Key));
        builder.Services.AddAuthorization();
        break;
    case "mediatoken":
        builder.Services.AddMediaTokenAuthentication(options =>
        {
            options.SigningCredentials = credentials;
            options.TokenLifetime = options.MaxTokenLifetime;
        });
        builder.Services.AddAuthorization();
        break;
    default:
        throw new InvalidOperationException($"Unknown mode '{mode}': use noauth, peer or mediatoken.");
}

var app = builder.Build();
var file = new byte[16 * 1024];
new Random(42).NextBytes(file);
var endpoint = app.MapGet("/files/report.pdf", () => TypedResults.File(file, "application/pdf"));

if (mode != "noauth")
{
    app.UseAuthentication();
    app.UseAuthorization();
}

if (mode == "peer")
{
    endpoint.RequireAuthorization();
}
else if (mode == "mediatoken")
{
    endpoint.RequireMediaToken();
}

await File.WriteAllLinesAsync(tokenFile, IssueTokens(app.Services, mode, credentials, tokenCount));
await app.RunAsync();

static IEnumerable<string> IssueTokens(IServiceProvider services, string mode, SigningCredentials credentials, int count)
{
    var now = DateTime.UtcNow;
    var issuer = mode == "mediatoken" ? services.GetRequiredService<IMediaTokenIssuer>() : null;
    for (var customerId = 1; customerId <= count; customerId++)
    {
        yield return issuer is null
            ? PeerJwt.Create(credentials, customerId, now)
            : issuer.IssueToken(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, customerId.ToString(CultureInfo.InvariantCulture))], "load")));
    }
}
