using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The log messages of the media token scheme. No message ever carries a token value; event ids are listed in the README.
/// </summary>
internal static partial class MediaTokenLog
{
    [LoggerMessage(1, LogLevel.Debug, "Media token validated for scheme {AuthenticationScheme}.", EventName = "MediaTokenValidated")]
    public static partial void TokenValidated(this ILogger logger, string authenticationScheme);

    [LoggerMessage(2, LogLevel.Information, "Media token rejected by scheme {AuthenticationScheme}: {Reason}", EventName = "MediaTokenRejected")]
    public static partial void TokenRejected(this ILogger logger, string authenticationScheme, string reason);

    [LoggerMessage(3, LogLevel.Warning, "No signing key is configured for media token scheme {AuthenticationScheme}; using an ephemeral development key. Tokens will not survive a restart or validate on another instance. Set MediaTokenOptions.SigningCredentials before leaving Development.", EventName = "MediaTokenEphemeralKey")]
    public static partial void EphemeralSigningKey(this ILogger logger, string authenticationScheme);

    // The kid is attacker-controlled, so only its length is logged; a rotation mistake shows as a burst of these.
    [LoggerMessage(30, LogLevel.Information, "Media token rejected by scheme {AuthenticationScheme}: its kid ({KeyIdLength} characters) names none of the scheme's keys, and no other key is tried.", EventName = "MediaTokenUnknownKeyId")]
    public static partial void UnknownKeyId(this ILogger logger, string authenticationScheme, int keyIdLength);
}
