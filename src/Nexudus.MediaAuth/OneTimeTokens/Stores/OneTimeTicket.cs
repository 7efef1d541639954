using System.Security.Claims;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// What a one-time token stands for: the customer it signs in, until <see cref="ExpiresUtc"/>.
/// </summary>
internal readonly record struct OneTimeTicket(ClaimsPrincipal Customer, DateTimeOffset ExpiresUtc);
