using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Nexudus.MediaAuth.Tests.Infrastructure;

/// <summary>
/// A stand-in for a host's bearer scheme: <c>Authorization: TestBearer {customerId}</c> signs in a customer, a bare
/// <c>Authorization: TestBearer</c> signs in a user who is not a customer (no customer id claim).
/// </summary>
public sealed class TestBearerHandler(IOptionsMonitor<TestBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TestBearerOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestBearer";

    public static AuthenticationHeaderValue Customer(string customerId) => new(SchemeName, customerId);

    public static AuthenticationHeaderValue NotACustomer { get; } = new(SchemeName);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header) || header.Scheme != SchemeName)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "test user")], Scheme.Name);
        if (header.Parameter is { Length: > 0 } customerId)
        {
            identity.AddClaim(new Claim(Options.CustomerIdClaimType, customerId));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.Append(HeaderNames.WWWAuthenticate, SchemeName);
        return base.HandleChallengeAsync(properties);
    }
}
