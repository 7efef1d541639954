using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.OneTimeTokens.Exchange;

/// <summary>
/// Issues the tickets of an ASP.NET Core BearerToken scheme, as its handler does on sign-in, so that the scheme
/// validates the token and refreshes the refresh token like its own. The refresh token lives the scheme's
/// <see cref="BearerTokenOptions.RefreshTokenExpiration"/> (14 days by default).
/// </summary>
internal sealed class BearerTokenExchangedTokenIssuer(
    string authenticationScheme,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    TimeProvider timeProvider) : IExchangedTokenIssuer
{
    public string AuthenticationScheme { get; } = authenticationScheme;

    public ValueTask<ExchangedToken> IssueAsync(HttpContext context, ClaimsPrincipal customer, TimeSpan lifetime)
    {
        var options = bearerOptions.Get(AuthenticationScheme);
        var now = timeProvider.GetUtcNow();
        return ValueTask.FromResult(new ExchangedToken(
            options.BearerTokenProtector.Protect(CreateTicket(customer, now + lifetime, "AccessToken")),
            (long)lifetime.TotalSeconds,
            options.RefreshTokenProtector.Protect(CreateTicket(customer, now + options.RefreshTokenExpiration, "RefreshToken"))));
    }

    /// <summary>
    /// Fails at startup, not at a customer's first exchange, when the scheme is not a BearerToken scheme.
    /// </summary>
    public void EnsureSchemeExists(AuthenticationOptions authentication)
    {
        if (!authentication.SchemeMap.TryGetValue(AuthenticationScheme, out var bearer)
            || !typeof(AuthenticationHandler<BearerTokenOptions>).IsAssignableFrom(bearer.HandlerType))
        {
            throw new InvalidOperationException(
                $"The one-time token exchange issues tokens of scheme '{AuthenticationScheme}' (AddBearerTokenExchange), which is not a registered BearerToken scheme. " +
                "Add it with AddAuthentication().AddBearerToken(), pass the name of yours to AddBearerTokenExchange(scheme), " +
                "or, for a JwtBearer API, call AddJwtExchange() instead.");
        }
    }

    private AuthenticationTicket CreateTicket(ClaimsPrincipal principal, DateTimeOffset expires, string purpose) =>
        new(principal, new AuthenticationProperties { ExpiresUtc = expires }, $"{AuthenticationScheme}:{purpose}");
}
