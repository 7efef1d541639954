using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// The outcome of redeeming a one-time token.
/// </summary>
public enum OneTimeTokenRedemptionStatus
{
    /// <summary>The token was accepted; it cannot be redeemed again.</summary>
    Redeemed,

    /// <summary>The value is not a token this library issues (wrong length or characters); the store was not asked.</summary>
    Malformed,

    /// <summary>No such token: never issued, already redeemed, or dropped by the store after expiry.</summary>
    Unknown,

    /// <summary>The token was found but has expired; it has now been removed.</summary>
    Expired,

    /// <summary>
    /// The payload a registered <see cref="IOneTimeTokenStore"/> returned could not be unprotected: tampered with, or
    /// protected by a key no longer held.
    /// </summary>
    Invalid,

    /// <summary>
    /// The token was issued before its customer's tokens were revoked (<see cref="IOneTimeTokenService.RevokeAsync"/>);
    /// it has now been removed.
    /// </summary>
    Revoked,
}
