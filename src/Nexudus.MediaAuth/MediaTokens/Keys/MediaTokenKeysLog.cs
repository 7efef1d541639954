using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.MediaTokens.Keys;

/// <summary>
/// The log messages of a scheme's keys. No message ever carries a key's material; event ids are listed in the README.
/// </summary>
internal static partial class MediaTokenKeysLog
{
    [LoggerMessage(31, LogLevel.Information, "Media token scheme {AuthenticationScheme} fetched its JWKS: {KeyCount} usable keys, {IgnoredKeyCount} ignored (null, symmetric, without a kid or with one listed twice, not for signing, failing the key checks, or malformed).", EventName = "MediaTokenJwksFetched")]
    public static partial void JwksFetched(this ILogger logger, string authenticationScheme, int keyCount, int ignoredKeyCount);

    [LoggerMessage(32, LogLevel.Warning, "Media token scheme {AuthenticationScheme} could not fetch its JWKS; it keeps the keys of the last good fetch, if any, and rejects tokens it cannot check.", EventName = "MediaTokenJwksFetchFailed")]
    public static partial void JwksFetchFailed(this ILogger logger, string authenticationScheme, Exception exception);
}
