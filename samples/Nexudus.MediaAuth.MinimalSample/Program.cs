using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Nexudus.MediaAuth.Endpoints;

var builder = WebApplication.CreateBuilder(args);

// 1. The customer's bearer scheme, the default scheme: ASP.NET Core's BearerToken, which the sign-in below uses.
builder.Services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme)
    .AddBearerToken();

// 2. The MediaToken scheme and its issuer. With no key configured, Development uses an ephemeral key (and logs a
//    warning saying so); elsewhere the host fails at startup until Authentication:Schemes:MediaToken has one.
builder.Services.AddMediaTokenAuthentication();

// 3. The schemes that authenticate a customer asking for a media token: the bearer scheme, never MediaToken.
builder.Services.Configure<CustomerAuthenticationOptions>(customer =>
    customer.AuthenticationSchemes.Add(BearerTokenDefaults.AuthenticationScheme));
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

// 4. A demo sign-in that makes anyone customer 42: POST /demo/sign-in → {"tokenType":"Bearer","accessToken":"...",...}.
//    A real host signs its customers in its own way; what matters is the customer id in ClaimTypes.NameIdentifier.
app.MapPost("/demo/sign-in", () => TypedResults.SignIn(
    new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42")], "demo")),
    authenticationScheme: BearerTokenDefaults.AuthenticationScheme));

// 5. GET /api/auth/media/customer with the bearer token → {"jwt":"..."}, a media token valid for 60 seconds.
app.MapMediaTokenEndpoints();

// 6. The file a browser opens as <a href="/files/report.txt?t={jwt}">: media tokens only, so the bearer token is 401.
app.MapGet("/files/report.txt", (ClaimsPrincipal user) =>
        TypedResults.File(
            Encoding.UTF8.GetBytes($"The report of customer {user.FindFirstValue(ClaimTypes.NameIdentifier)}.\n"),
            "text/plain; charset=utf-8"))
    .RequireMediaToken();

app.Run();
