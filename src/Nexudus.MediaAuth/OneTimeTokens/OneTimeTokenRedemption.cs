using System.Diagnostics.CodeAnalysis;
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
    /// The customer the token was issued for, when <see cref="Succeeded"/>.
    /// </summary>
    public ClaimsPrincipal? Principal { get; }

    /// <summary>
    /// Whether the token was accepted.
    /// </summary>
    [MemberNotNullWhen(true, nameof(Principal))]
    public bool Succeeded => Status == OneTimeTokenRedemptionStatus.Redeemed;

    internal static OneTimeTokenRedemption Redeemed(ClaimsPrincipal principal) => new(OneTimeTokenRedemptionStatus.Redeemed, principal);

    internal static OneTimeTokenRedemption Refused(OneTimeTokenRedemptionStatus status) => new(status, null);
}
