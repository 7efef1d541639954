using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// The library's log messages. No message ever carries a token value; event ids are listed in the README.
/// </summary>
internal static partial class MediaAuthLog
{
    [LoggerMessage(1, LogLevel.Debug, "Media token validated for scheme {AuthenticationScheme}.", EventName = "MediaTokenValidated")]
    public static partial void TokenValidated(this ILogger logger, string authenticationScheme);

    [LoggerMessage(2, LogLevel.Information, "Media token rejected by scheme {AuthenticationScheme}: {Reason}", EventName = "MediaTokenRejected")]
    public static partial void TokenRejected(this ILogger logger, string authenticationScheme, string reason);

    [LoggerMessage(3, LogLevel.Warning, "No signing key is configured for media token scheme {AuthenticationScheme}; using an ephemeral development key. Tokens will not survive a restart or validate on another instance. Set MediaTokenOptions.SigningCredentials before leaving Development.", EventName = "MediaTokenEphemeralKey")]
    public static partial void EphemeralSigningKey(this ILogger logger, string authenticationScheme);

    [LoggerMessage(4, LogLevel.Debug, "Media token issued by scheme {AuthenticationScheme}, valid until {Expires:O}.", EventName = "MediaTokenIssued")]
    public static partial void TokenIssued(this ILogger logger, string authenticationScheme, DateTimeOffset expires);

    // The kid is attacker-controlled, so only its length is logged; a rotation mistake shows as a burst of these.
    [LoggerMessage(30, LogLevel.Information, "Media token rejected by scheme {AuthenticationScheme}: its kid ({KeyIdLength} characters) names none of the scheme's keys, and no other key is tried.", EventName = "MediaTokenUnknownKeyId")]
    public static partial void UnknownKeyId(this ILogger logger, string authenticationScheme, int keyIdLength);

    [LoggerMessage(31, LogLevel.Information, "Media token scheme {AuthenticationScheme} fetched its JWKS: {KeyCount} usable keys, {IgnoredKeyCount} ignored (symmetric, without kid, or malformed).", EventName = "MediaTokenJwksFetched")]
    public static partial void JwksFetched(this ILogger logger, string authenticationScheme, int keyCount, int ignoredKeyCount);

    [LoggerMessage(32, LogLevel.Warning, "Media token scheme {AuthenticationScheme} could not fetch its JWKS; it keeps the keys of the last good fetch, if any, and rejects tokens it cannot check.", EventName = "MediaTokenJwksFetchFailed")]
    public static partial void JwksFetchFailed(this ILogger logger, string authenticationScheme, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "One-time token issued.", EventName = "OneTimeTokenIssued")]
    public static partial void OneTimeTokenIssued(this ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "One-time token redeemed.", EventName = "OneTimeTokenRedeemed")]
    public static partial void OneTimeTokenRedeemed(this ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "One-time token refused: {Status}.", EventName = "OneTimeTokenRefused")]
    public static partial void OneTimeTokenRefused(this ILogger logger, OneTimeTokens.OneTimeTokenRedemptionStatus status);

    [LoggerMessage(18, LogLevel.Information, "One-time tokens of a customer revoked.", EventName = "OneTimeTokensRevoked")]
    public static partial void OneTimeTokensRevoked(this ILogger logger);

    // Information: a browser's cross-site form post, or a client that sends neither Sec-Fetch-Site nor Origin.
    [LoggerMessage(19, LogLevel.Information, "One-time token login confirmation refused: the post is not same-origin.", EventName = "OneTimeTokenLoginCrossSiteRefused")]
    public static partial void OneTimeTokenLoginCrossSiteRefused(this ILogger logger);

    // Debug: during an outage every request fails, and the store logs the outage itself, once (IOneTimeTokenStore).
    [LoggerMessage(13, LogLevel.Debug, "The one-time token store failed during {Operation}.", EventName = "OneTimeTokenStoreFailed")]
    public static partial void OneTimeTokenStoreFailed(this ILogger logger, string operation, Exception exception);

    // Warning, not an error: a server-rendered host may mint for its cookie-signed-in customer on purpose.
    [LoggerMessage(40, LogLevel.Warning, "{Endpoint} authenticates the customer with the host's default authenticate scheme, {AuthenticationScheme}, a cookie scheme: a bearer token is not read there, and a portal calling with one gets 401. List the customer's bearer scheme in CustomerAuthenticationOptions.AuthenticationSchemes, or list the cookie scheme there if customers do call with the cookie.", EventName = "CustomerSchemeIsCookie")]
    public static partial void CustomerSchemeIsCookie(this ILogger logger, string endpoint, string authenticationScheme);

    // Once per episode: while the store is full every issue fails, and logging each would flood the logs too.
    [LoggerMessage(14, LogLevel.Warning, "The in-memory one-time token store holds {MaxLiveTokens} live tokens, its bound: no one-time token is issued until some are redeemed or expire. Further refusals are not logged until it has room again.", EventName = "OneTimeTokenStoreFull")]
    public static partial void OneTimeTokenStoreFull(this ILogger logger, int maxLiveTokens);
}
