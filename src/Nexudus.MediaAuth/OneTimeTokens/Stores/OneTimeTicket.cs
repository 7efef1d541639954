using System.Security.Claims;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// What a one-time token stands for: the customer it signs in, until <see cref="ExpiresUtc"/>; whether the login
/// redirect redeems it only after the person confirms (a token issued for an email or a chat link); and the customer's revocation stamp when it was issued (<see langword="null"/> when the customer had
/// none), which must still be current when it is redeemed.
/// </summary>
internal readonly record struct OneTimeTicket(
    ClaimsPrincipal Customer,
    DateTimeOffset ExpiresUtc,
    bool RequiresConfirmation,
    string? RevocationStamp);
