// A host as a consumer writes it from the package READMEs: bearer tokens, media tokens and one-time tokens, kept in
// Redis when ConnectionStrings:Redis is set.
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.IdentityModel.Tokens;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
builder.Services.AddMediaTokenAuthentication(options => options.SigningCredentials = new SigningCredentials(
    new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "package-test" }, SecurityAlgorithms.HmacSha256));
builder.Services.AddOneTimeTokens();
builder.Services.AddBearerTokenExchange();
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
{
    builder.Services.AddStackExchangeRedisOneTimeTokenStore(options => options.Configuration = redis);
}

builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapPost("/signin", () => TypedResults.SignIn(
    new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "42"), new Claim(ClaimTypes.Name, "customer@example.com")], "password")),
    authenticationScheme: BearerTokenDefaults.AuthenticationScheme));
app.MapMediaTokenEndpoints();
app.MapOneTimeTokenEndpoints();
app.MapGet("/files/{name}", (string name, ClaimsPrincipal user) =>
        $"{name} for customer {user.FindFirstValue(ClaimTypes.NameIdentifier)}")
    .RequireMediaToken();

app.Run();
