using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Nexudus.MediaAuth.OneTimeTokens.Exchange;

/// <summary>
/// Issues the bearer token that <c>POST /api/sys/users/exchange</c> answers with, once the one-time token is redeemed.
/// Built in: <c>AddBearerTokenExchange()</c> (ASP.NET Core BearerToken tickets) and <c>AddJwtExchange()</c> (a JWT for
/// JwtBearer APIs). A host with its own token service (Duende IdentityServer, OpenIddict) registers its own
/// implementation as a singleton instead; exactly one may be registered.
/// </summary>
public interface IExchangedTokenIssuer
{
    /// <summary>
    /// Issues a bearer token, and optionally a refresh token, for <paramref name="customer"/>.
    /// </summary>
    /// <param name="context">The exchange request.</param>
    /// <param name="customer">The principal the redeemed one-time token carried: the customer id and
    /// name, email and role claims (see <see cref="OneTimeTokenOptions.OnCreatingIdentity"/>).</param>
    /// <param name="lifetime">How long the bearer token must live: <c>validForInMinutes</c>, at most
    /// <see cref="OneTimeTokenOptions.MaxExchangedTokenLifetime"/>. <see cref="ExchangedToken.ExpiresIn"/> should say it.</param>
    /// <returns>The response body.</returns>
    ValueTask<ExchangedToken> IssueAsync(HttpContext context, ClaimsPrincipal customer, TimeSpan lifetime);
}
