using System.Security.Claims;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// The result of <see cref="IOneTimeTokenService.RedeemAsync"/>.
/// </summary>
public sealed class OneTimeTokenRedemption
{
    private OneTimeTokenRedemption(OneTimeTokenRedemptionStatus status, ClaimsPrincipal? principal)
    {
        Status = status;
        Principal = principal;
    }

    /// <summary>
    /// What happened to the token.
    /// </summary>
    public OneTimeTokenRedemptionStatus Status { get; }

    /// <summary>
    /// The customer the token was issued for: not <see langword="null"/> exactly when <see cref="Status"/> is
    /// <see cref="OneTimeTokenRedemptionStatus.Redeemed"/>.
    /// </summary>
    public ClaimsPrincipal? Principal { get; }

    internal static OneTimeTokenRedemption Redeemed(ClaimsPrincipal principal) => new(OneTimeTokenRedemptionStatus.Redeemed, principal);

    internal static OneTimeTokenRedemption Refused(OneTimeTokenRedemptionStatus status) => new(status, null);
}
