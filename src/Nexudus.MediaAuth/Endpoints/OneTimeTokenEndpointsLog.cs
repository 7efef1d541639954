using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The log messages of the one-time token endpoints. No message ever carries a token value; event ids are listed in
/// the README.
/// </summary>
internal static partial class OneTimeTokenEndpointsLog
{
    // Information: a browser's cross-site form post, or a client that sends neither Sec-Fetch-Site nor Origin.
    [LoggerMessage(19, LogLevel.Information, "One-time token login confirmation refused: the post is not same-origin.", EventName = "OneTimeTokenLoginCrossSiteRefused")]
    public static partial void OneTimeTokenLoginCrossSiteRefused(this ILogger logger);
}
