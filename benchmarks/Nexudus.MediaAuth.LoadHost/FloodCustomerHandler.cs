using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.LoadHost;

/// <summary>
/// The <c>flood</c> mode's customer scheme: <c>Authorization: Bearer customer-{id}</c> signs in customer <c>{id}</c>,
/// with the claims the sample's bearer token carries (id, email, name), so that any number of customers can flood the
/// token-issuing endpoints without a sign-in each. Benchmark code: it trusts the header.
/// </summary>
public sealed class FloodCustomerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "flood-customer";

    private const string Prefix = "Bearer customer-";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        return Task.FromResult(authorization.StartsWith(Prefix, StringComparison.Ordinal)
            ? AuthenticateResult.Success(new AuthenticationTicket(CreateCustomer(authorization[Prefix.Length..]), SchemeName))
            : AuthenticateResult.NoResult());
    }

    public static ClaimsPrincipal CreateCustomer(string id) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(ClaimTypes.Name, $"customer-{id}@example.com"),
            new Claim(ClaimTypes.GivenName, $"Customer {id}"),
        ],
        SchemeName));
}
