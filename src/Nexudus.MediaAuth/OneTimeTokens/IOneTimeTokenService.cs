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
    /// <param name="customer">The authenticated customer. The token carries only its
    /// <see cref="OneTimeTokenOptions.CustomerIdClaimType"/> and <see cref="OneTimeTokenOptions.ClaimTypes"/> claims,
    /// shaped by <see cref="OneTimeTokenOptions.OnCreatingIdentity"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token: 32 lowercase hexadecimal characters (128 random bits).</returns>
    /// <exception cref="InvalidOperationException"><paramref name="customer"/> has no customer id claim.</exception>
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
