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
    /// for <paramref name="resource"/>: it carries the resource in its <c>res</c>
    /// claim, and the handler refuses it for any other request path. Being bound, it may also carry how the file is to be
    /// presented and live longer than an unbound token.
    /// </summary>
    /// <param name="customer">The authenticated customer.</param>
    /// <param name="resource">
    /// The decoded request path (<c>PathBase + Path</c>, as routing sees it) the token is for: an exact path such as
    /// <c>/api/public/billing/invoices/1001/pdf</c>, or a prefix ending in <c>/</c>, such as <c>/api/public/files/</c>, that
    /// covers every path under it. It is compared case-sensitively, and must be canonical: no empty, <c>.</c> or
    /// <c>..</c> segment, no segment ending in <c>.</c>, no <c>%</c>, <c>\</c> or control character.
    /// </param>
    /// <param name="disposition">
    /// How the file is to be presented, signed into the token's <c>disp</c> claim: the endpoint reads it with
    /// <c>HttpResponse.SetMediaTokenContentDisposition()</c>, on the first request and on every continued one.
    /// <see cref="MediaTokenDisposition.Unspecified"/> (the default) writes no claim, leaving the choice to the endpoint.
    /// </param>
    /// <param name="lifetime">
    /// How long the token is valid: more than zero and at most <c>MediaTokenOptions.MaxResourceBoundTokenLifetime</c>;
    /// <see langword="null"/> (the default) for <c>MediaTokenOptions.TokenLifetime</c>. A longer lifetime is for a
    /// viewer on another site, which gets no continuation cookie.
    /// </param>
    /// <returns>The signed token.</returns>
    /// <exception cref="ArgumentException"><paramref name="resource"/> is empty or not canonical.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="disposition"/> is not a defined value, or <paramref name="lifetime"/> is not more than zero and at
    /// most <c>MediaTokenOptions.MaxResourceBoundTokenLifetime</c>.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="customer"/> has no customer id claim, or the scheme has no signing key.
    /// </exception>
    string IssueToken(ClaimsPrincipal customer, PathString resource, MediaTokenDisposition disposition = MediaTokenDisposition.Unspecified, TimeSpan? lifetime = null);
}
