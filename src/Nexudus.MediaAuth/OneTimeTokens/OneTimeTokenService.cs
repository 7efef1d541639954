using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Issues tokens as 128 random bits and keeps, under the SHA-256 of each token, the customer's ticket in a
/// <see cref="OneTimeTicketStore"/>: a dump of the store holds no token, and a store outside the process holds the
/// ticket protected by Data Protection.
/// </summary>
/// <remarks>
/// Revocation is a per-customer stamp in the same store: a random value, replaced by each
/// <see cref="RevokeAsync"/>, copied into each ticket when it is issued and compared when it is redeemed. Revoking costs
/// one write however many tokens the customer holds; issuing and redeeming one read more each.
/// </remarks>
internal sealed class OneTimeTokenService : IOneTimeTokenService
{
    private readonly OneTimeTicketStore _store;
    private readonly IOptionsMonitor<OneTimeTokenOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly MediaAuthMetrics _metrics;
    private readonly ILogger _logger;

    public OneTimeTokenService(
        OneTimeTicketStore store,
        IOptionsMonitor<OneTimeTokenOptions> options,
        TimeProvider timeProvider,
        MediaAuthMetrics metrics,
        ILogger<OneTimeTokenService> logger)
    {
        _store = store;
        _options = options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
    }

    public ValueTask<string> IssueAsync(ClaimsPrincipal customer, CancellationToken cancellationToken = default) =>
        IssueAsync(customer, _options.CurrentValue.TokenLifetime, OneTimeTokenLoginMode.Immediate, cancellationToken);

    public async ValueTask<string> IssueAsync(
        ClaimsPrincipal customer,
        TimeSpan lifetime,
        OneTimeTokenLoginMode loginMode,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var options = _options.CurrentValue;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, OneTimeTokenDefaults.MaxTokenLifetime);
        if (!Enum.IsDefined(loginMode))
        {
            throw new ArgumentOutOfRangeException(nameof(loginMode), loginMode, "The login mode must be Immediate or Confirm.");
        }

        using var activity = MediaAuthActivitySource.Source.StartActivity(MediaAuthActivitySource.IssueOneTimeToken);
        try
        {
            var token = await CreateTokenAsync(customer, lifetime, loginMode, options, cancellationToken);
            activity?.SetTag(MediaAuthActivitySource.OutcomeTag, "issued");
            return token;
        }
        catch (Exception exception)
        {
            activity.SetFailure(exception);
            throw;
        }
    }

    private async ValueTask<string> CreateTokenAsync(
        ClaimsPrincipal customer,
        TimeSpan lifetime,
        OneTimeTokenLoginMode loginMode,
        OneTimeTokenOptions options,
        CancellationToken cancellationToken)
    {
        var identity = OneTimeTokenIdentity.Create(customer, options);

        // Read before the ticket is written: a revocation that completes before this read refuses nothing issued after
        // it, and one that completes after it changes the stamp, which then refuses this token.
        var stamp = await _store.GetStampAsync(StampKey(CustomerIdOf(identity, options)!), cancellationToken);
        var ticket = new OneTimeTicket(identity, _timeProvider.GetUtcNow() + lifetime, loginMode == OneTimeTokenLoginMode.Confirm, stamp);

        Span<byte> random = stackalloc byte[OneTimeTokenDefaults.TokenBytes];
        RandomNumberGenerator.Fill(random);
        var token = Convert.ToHexStringLower(random);

        // 128 random bits do not collide; a false here means the store or the random source is broken.
        if (!await _store.TryAddAsync(HashToken(token), ticket, lifetime, cancellationToken))
        {
            throw new InvalidOperationException("The one-time token store already held the new token's key.");
        }

        _logger.OneTimeTokenIssued();
        _metrics.OneTimeTokenIssued();
        return token;
    }

    public async ValueTask RevokeAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);

        // A new random stamp, not a time: instances compare stamps for equality only, so their clocks never matter.
        // The stamp outlives, in the store's own clock, every ticket issued before it: none lives longer than the cap.
        Span<byte> random = stackalloc byte[OneTimeTokenDefaults.TokenBytes];
        RandomNumberGenerator.Fill(random);
        await _store.SetStampAsync(StampKey(customerId), Convert.ToHexStringLower(random), OneTimeTokenDefaults.MaxTokenLifetime, cancellationToken);
        _logger.OneTimeTokensRevoked();
    }

    /// <summary>
    /// Whether the login redirect must answer the confirmation page for <paramref name="token"/> rather than redeem it:
    /// when the token was issued in <see cref="OneTimeTokenLoginMode.Confirm"/> mode. Reads the ticket without taking it.
    /// </summary>
    /// <exception cref="Exception">The store failed; counted as a refusal, as for a redemption.</exception>
    internal async ValueTask<bool> NeedsConfirmationAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return false;
        }

        try
        {
            return await _store.PeekAsync(HashToken(token), cancellationToken) is { RequiresConfirmation: true };
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.OneTimeTokenRejected(StoreUnavailable);
            throw;
        }
    }

    public async ValueTask<OneTimeTokenRedemption> RedeemAsync(string? token, CancellationToken cancellationToken = default)
    {
        using var activity = MediaAuthActivitySource.Source.StartActivity(MediaAuthActivitySource.RedeemOneTimeToken);
        try
        {
            var redemption = await RedeemTokenAsync(token, cancellationToken);
            activity?.SetTag(MediaAuthActivitySource.OutcomeTag, OutcomeOf(redemption.Status));
            return redemption;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The caller refuses the token; count it with the refusals, so an operator's alert on them sees an outage.
            _metrics.OneTimeTokenRejected(StoreUnavailable);
            activity?.SetTag(MediaAuthActivitySource.OutcomeTag, StoreUnavailable);
            activity.SetFailure(exception);
            throw;
        }
    }

    private async ValueTask<OneTimeTokenRedemption> RedeemTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return Refuse(OneTimeTokenRedemptionStatus.Malformed);
        }

        var (found, taken) = await _store.TryTakeAsync(HashToken(token), cancellationToken);
        if (!found)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Unknown);
        }

        if (taken is not { } ticket)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Invalid);
        }

        if (_timeProvider.GetUtcNow() >= ticket.ExpiresUtc)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Expired);
        }

        if (CustomerIdOf(ticket.Customer, _options.CurrentValue) is not { } customerId)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Invalid);
        }

        // Absent means no revocation within the longest token lifetime: this ticket was issued after any earlier one.
        var stamp = await _store.GetStampAsync(StampKey(customerId), cancellationToken);
        if (stamp is not null && stamp != ticket.RevocationStamp)
        {
            return Refuse(OneTimeTokenRedemptionStatus.Revoked);
        }

        _logger.OneTimeTokenRedeemed();
        _metrics.OneTimeTokenRedeemed();
        return OneTimeTokenRedemption.Redeemed(ticket.Customer);
    }

    private OneTimeTokenRedemption Refuse(OneTimeTokenRedemptionStatus status)
    {
        _logger.OneTimeTokenRefused(status);
        _metrics.OneTimeTokenRejected(OutcomeOf(status));
        return OneTimeTokenRedemption.Refused(status);
    }

    /// <summary>
    /// The metric and trace name of a redemption's outcome. A reused token is <c>unknown</c>: the store's take removes
    /// the entry, so a second redemption cannot tell a reused token from one never issued.
    /// </summary>
    private static string OutcomeOf(OneTimeTokenRedemptionStatus status) => status switch
    {
        OneTimeTokenRedemptionStatus.Redeemed => "redeemed",
        OneTimeTokenRedemptionStatus.Malformed => "malformed",
        OneTimeTokenRedemptionStatus.Unknown => "unknown",
        OneTimeTokenRedemptionStatus.Expired => "expired",
        OneTimeTokenRedemptionStatus.Revoked => "revoked",
        _ => "invalid",
    };

    private const string StoreUnavailable = "store_unavailable";

    /// <summary>
    /// Only the canonical form is accepted (32 lowercase hex characters), so every token has exactly one spelling and
    /// junk never reaches the store.
    /// </summary>
    internal static bool IsWellFormed([NotNullWhen(true)] string? token) =>
        token is { Length: OneTimeTokenDefaults.TokenBytes * 2 } && !token.AsSpan().ContainsAnyExcept(LowercaseHexDigits);

    private static readonly SearchValues<char> LowercaseHexDigits = SearchValues.Create("0123456789abcdef");

    private static string? CustomerIdOf(ClaimsPrincipal customer, OneTimeTokenOptions options) =>
        customer.FindFirst(options.CustomerIdClaimType)?.Value is { Length: > 0 } customerId ? customerId : null;

    /// <summary>
    /// The store key of a customer's revocation stamp: <c>revoked:</c> and the SHA-256 of the customer id's UTF-8, as
    /// lowercase hex. A token's key is bare hex, so the two never meet; the store never sees the customer id itself.
    /// </summary>
    internal static string StampKey(string customerId) =>
        RevocationStampKeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(customerId)));

    private const string RevocationStampKeyPrefix = "revoked:";

    /// <summary>
    /// The store key of a well-formed token: the SHA-256 of its ASCII characters, as lowercase hex.
    /// </summary>
    internal static string HashToken(string token)
    {
        Span<byte> ascii = stackalloc byte[OneTimeTokenDefaults.TokenBytes * 2];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(ascii[..Encoding.ASCII.GetBytes(token, ascii)], hash);
        return Convert.ToHexStringLower(hash);
    }
}
