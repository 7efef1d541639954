using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.MediaTokens.Issuance;

/// <summary>
/// The log messages of media token issuance. No message ever carries a token value; event ids are listed in the README.
/// </summary>
internal static partial class MediaTokenIssuanceLog
{
    [LoggerMessage(4, LogLevel.Debug, "Media token issued by scheme {AuthenticationScheme}, valid until {Expires:O}.", EventName = "MediaTokenIssued")]
    public static partial void TokenIssued(this ILogger logger, string authenticationScheme, DateTimeOffset expires);
}
