using System.Security.Claims;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// What a one-time token stands for: the customer it signs in, until <see cref="ExpiresUtc"/>; how the login redirect
/// redeems it; and the customer's revocation stamp when it was issued (<see langword="null"/> when the customer had
/// none), which must still be current when it is redeemed.
/// </summary>
internal readonly record struct OneTimeTicket(
    ClaimsPrincipal Customer,
    DateTimeOffset ExpiresUtc,
    OneTimeTokenLoginMode LoginMode,
    string? RevocationStamp);
