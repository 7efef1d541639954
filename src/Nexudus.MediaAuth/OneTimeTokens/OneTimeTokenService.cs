using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Issues tokens as 128 random bits and keeps, under the SHA-256 of each token, the customer's ticket protected by
/// Data Protection: a dump of the store holds neither tokens nor readable claims, and a write to the store cannot
/// forge a sign-in.
/// </summary>
internal sealed class OneTimeTokenService : IOneTimeTokenService
{
    private const string TicketScheme = "OneTimeToken";

    private readonly IOneTimeTokenStore _store;
    private readonly TicketDataFormat _ticketFormat;
    private readonly IOptionsMonitor<OneTimeTokenOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public OneTimeTokenService(
        IOneTimeTokenStore store,
        IDataProtectionProvider dataProtection,
        IOptionsMonitor<OneTimeTokenOptions> options,
        TimeProvider timeProvider,
        ILogger<OneTimeTokenService> logger)
    {
        _store = store;
        _ticketFormat = new TicketDataFormat(dataProtection.CreateProtector("Nexudus.MediaAuth.OneTimeTokens"));
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async ValueTask<string> IssueAsync(ClaimsPrincipal customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var lifetime = _options.CurrentValue.TokenLifetime;
        var now = _timeProvider.GetUtcNow();
        var payload = _ticketFormat.Protect(new AuthenticationTicket(
            customer, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime }, TicketScheme));

        Span<byte> random = stackalloc byte[OneTimeTokenDefaults.TokenBytes];
        RandomNumberGenerator.Fill(random);
        var token = Convert.ToHexStringLower(random);

        // 128 random bits do not collide; a false here means the store or the random source is broken.
        if (!await _store.TryAddAsync(HashToken(token), payload, lifetime, cancellationToken))
        {
            throw new InvalidOperationException("The one-time token store already held the new token's key.");
        }

        _logger.OneTimeTokenIssued();
        return token;
    }

    public async ValueTask<OneTimeTokenRedemption> RedeemAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormed(token))
        {
            return Refuse(OneTimeTokenRedemptionStatus.Malformed);
        }

        var payload = await _store.TryTakeAsync(HashToken(token), cancellationToken);
        if (payload is null)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Unknown);
        }

        var ticket = _ticketFormat.Unprotect(payload);
        if (ticket?.Properties.ExpiresUtc is not { } expires)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Invalid);
        }

        if (_timeProvider.GetUtcNow() >= expires)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Expired);
        }

        _logger.OneTimeTokenRedeemed();
        return OneTimeTokenRedemption.Redeemed(ticket.Principal);
    }

    private OneTimeTokenRedemption Refuse(OneTimeTokenRedemptionStatus status)
    {
        _logger.OneTimeTokenRefused(status);
        return OneTimeTokenRedemption.Refused(status);
    }

    /// <summary>
    /// Only the canonical form is accepted (32 lowercase hex characters), so every token has exactly one spelling and
    /// junk never reaches the store.
    /// </summary>
    private static bool IsWellFormed([NotNullWhen(true)] string? token) =>
        token is { Length: OneTimeTokenDefaults.TokenBytes * 2 } && !token.AsSpan().ContainsAnyExcept(LowercaseHexDigits);

    private static readonly SearchValues<char> LowercaseHexDigits = SearchValues.Create("0123456789abcdef");

    internal static string HashToken(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(token), hash);
        return Convert.ToHexStringLower(hash);
    }
}
