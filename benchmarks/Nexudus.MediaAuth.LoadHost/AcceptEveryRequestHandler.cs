using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.LoadHost;

/// <summary>
/// The <c>floor</c> mode's scheme: signs every request in as customer 1 without reading anything, with a principal of
/// the same shape as <c>MediaToken</c>'s. What a request costs with it is what ASP.NET Core's authentication and
/// authorization cost around any scheme; no scheme can be faster.
/// </summary>
public sealed class AcceptEveryRequestHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "floor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.Success(
        new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "1")], SchemeName)), SchemeName)));
}
