using System.Security.Claims;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Issues and redeems one-time tokens: opaque, short-lived, single-use handoff tokens that sign a customer in once,
/// for example after a checkout, an email verification or a magic link.
/// </summary>
public interface IOneTimeTokenService
{
    /// <summary>
    /// Issues a token that signs <paramref name="customer"/> in once, until <see cref="OneTimeTokenOptions.TokenLifetime"/>
    /// has passed.
    /// </summary>
    /// <param name="customer">The authenticated customer, with the claims a redemption signs in again.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token: 32 lowercase hexadecimal characters (128 random bits).</returns>
    /// <exception cref="Exception">The store failed; no token was issued.</exception>
    ValueTask<string> IssueAsync(ClaimsPrincipal customer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Redeems a token. Of any number of redemptions of one token, through any endpoint or instance sharing the store,
    /// at most one succeeds, and only before the token expires.
    /// </summary>
    /// <param name="token">The token as presented.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The customer on success; otherwise why the token was refused.</returns>
    /// <exception cref="Exception">The store failed; the token was not accepted.</exception>
    ValueTask<OneTimeTokenRedemption> RedeemAsync(string? token, CancellationToken cancellationToken = default);
}
