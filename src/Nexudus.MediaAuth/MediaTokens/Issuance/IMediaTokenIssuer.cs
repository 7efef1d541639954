using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Nexudus.MediaAuth.MediaTokens.Issuance;

/// <summary>
/// Issues media tokens: short-lived JWTs scoped to one customer, to append to protected media URLs as <c>?t={jwt}</c>.
/// </summary>
/// <remarks>
/// The default registration issues tokens of the first media token scheme added; the issuer of any scheme is also
/// registered as a keyed service under the scheme's name.
/// </remarks>
public interface IMediaTokenIssuer
{
    /// <summary>
    /// Issues a token for the customer that <paramref name="customer"/> identifies through
    /// <c>MediaTokenOptions.CustomerIdClaimType</c>, valid for <c>MediaTokenOptions.TokenLifetime</c>.
    /// </summary>
    /// <param name="customer">The authenticated customer.</param>
    /// <returns>The signed token.</returns>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="customer"/> has no customer id claim, or the scheme has no signing key.
    /// </exception>
    string IssueToken(ClaimsPrincipal customer);

    /// <summary>
    /// Issues a token for the customer, like <see cref="IssueToken(ClaimsPrincipal)"/>, that authenticates only requests
    /// for <paramref name="resource"/>: it carries the resource in its <c>MediaTokenDefaults.ResourceClaim</c>
    /// claim, and the handler refuses it for any other request path.
    /// </summary>
    /// <param name="customer">The authenticated customer.</param>
    /// <param name="resource">
    /// The decoded request path (<c>PathBase + Path</c>, as routing sees it) the token is for: an exact path such as
    /// <c>/api/public/billing/invoices/1001/pdf</c>, or a prefix ending in <c>/</c>, such as <c>/api/public/files/</c>, that
    /// covers every path under it. It is compared case-sensitively, and must be canonical: no empty, <c>.</c> or
    /// <c>..</c> segment, no segment ending in <c>.</c>, no <c>%</c>, <c>\</c> or control character.
    /// </param>
    /// <returns>The signed token.</returns>
    /// <exception cref="ArgumentException"><paramref name="resource"/> is empty or not canonical.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="customer"/> has no customer id claim, or the scheme has no signing key.
    /// </exception>
    string IssueToken(ClaimsPrincipal customer, PathString resource);
}
