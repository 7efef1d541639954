using System.Security.Claims;

namespace Nexudus.MediaAuth.MediaTokens;

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
    /// <see cref="MediaTokenOptions.CustomerIdClaimType"/>, valid for <see cref="MediaTokenOptions.TokenLifetime"/>.
    /// </summary>
    /// <param name="customer">The authenticated customer.</param>
    /// <returns>The signed token.</returns>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="customer"/> has no customer id claim, or the scheme has no signing key.
    /// </exception>
    string IssueToken(ClaimsPrincipal customer);
}
