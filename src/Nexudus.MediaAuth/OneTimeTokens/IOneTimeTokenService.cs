using System.Diagnostics.CodeAnalysis;
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
    /// <see cref="OneTimeTokenOptions.CustomerIdClaimType"/> and name, email and role claims (see <see cref="OneTimeTokenOptions.OnCreatingIdentity"/>),
    /// shaped by <see cref="OneTimeTokenOptions.OnCreatingIdentity"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token: 32 lowercase hexadecimal characters (128 random bits).</returns>
    /// <exception cref="InvalidOperationException"><paramref name="customer"/> has no customer id claim.</exception>
    /// <exception cref="Exception">The store failed; no token was issued.</exception>
    [SuppressMessage("ApiDesign", "RS0027", Justification = "The longer overload has no optional parameter: its lifetime and login mode are the caller's to choose, and no call can match both.")]
    ValueTask<string> IssueAsync(ClaimsPrincipal customer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a token for a link the host sends itself, such as a magic link in an email: it signs
    /// <paramref name="customer"/> in once, until <paramref name="lifetime"/> has passed.
    /// </summary>
    /// <param name="customer">The customer, as for <see cref="IssueAsync(ClaimsPrincipal, CancellationToken)"/>.</param>
    /// <param name="lifetime">How long the token can be redeemed: more than zero, at most
    /// 24 hours (30 minutes is common for an emailed link).</param>
    /// <param name="loginMode">How the login redirect redeems it: <see cref="OneTimeTokenLoginMode.Confirm"/> for a link
    /// in an email or a chat, which scanners fetch before the person clicks; <see cref="OneTimeTokenLoginMode.Immediate"/>
    /// leaves it to <see cref="OneTimeTokenOptions.LoginMode"/>. Required, so every link's issuer chooses.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The token: 32 lowercase hexadecimal characters (128 random bits).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lifetime"/> is not more than zero and at most
    /// 24 hours.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="customer"/> has no customer id claim.</exception>
    /// <exception cref="Exception">The store failed; no token was issued.</exception>
    ValueTask<string> IssueAsync(
        ClaimsPrincipal customer,
        TimeSpan lifetime,
        OneTimeTokenLoginMode loginMode,
        CancellationToken cancellationToken);

    /// <summary>
    /// Revokes every token issued to the customer so far, on every instance sharing the store: after a password change,
    /// a sign-out everywhere or an account lock. Tokens issued after this call completes are not affected. It costs one
    /// store write whatever the number of tokens.
    /// </summary>
    /// <param name="customerId">The customer id: the value of the <see cref="OneTimeTokenOptions.CustomerIdClaimType"/>
    /// claim the tokens were issued for. An id, not a principal, because revocation usually happens where the
    /// customer is not signed in: an administrator locking the account, a password reset, a background job.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the revocation is stored.</returns>
    /// <exception cref="Exception">The store failed; nothing was revoked.</exception>
    ValueTask RevokeAsync(string customerId, CancellationToken cancellationToken = default);

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
