using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// The log messages of one-time tokens. No message ever carries a token value; event ids are listed in the README.
/// </summary>
internal static partial class OneTimeTokenLog
{
    [LoggerMessage(10, LogLevel.Debug, "One-time token issued.", EventName = "OneTimeTokenIssued")]
    public static partial void OneTimeTokenIssued(this ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "One-time token redeemed.", EventName = "OneTimeTokenRedeemed")]
    public static partial void OneTimeTokenRedeemed(this ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "One-time token refused: {Status}.", EventName = "OneTimeTokenRefused")]
    public static partial void OneTimeTokenRefused(this ILogger logger, OneTimeTokenRedemptionStatus status);

    // Debug: during an outage every request fails, and the store logs the outage itself, once (IOneTimeTokenStore).
    [LoggerMessage(13, LogLevel.Debug, "The one-time token store failed during {Operation}.", EventName = "OneTimeTokenStoreFailed")]
    public static partial void OneTimeTokenStoreFailed(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(18, LogLevel.Information, "One-time tokens of a customer revoked.", EventName = "OneTimeTokensRevoked")]
    public static partial void OneTimeTokensRevoked(this ILogger logger);
}
