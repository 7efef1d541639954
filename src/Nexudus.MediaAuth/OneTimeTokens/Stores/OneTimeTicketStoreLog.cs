using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.OneTimeTokens.Stores;

/// <summary>
/// The log messages of the in-memory one-time ticket store. No message ever carries a token value; event ids are listed in the README.
/// </summary>
internal static partial class OneTimeTicketStoreLog
{
    // Once per episode: while the store is full every issue fails, and logging each would flood the logs too.
    [LoggerMessage(14, LogLevel.Warning, "The in-memory one-time token store holds {MaxLiveTokens} live tokens, its bound: no one-time token is issued until some are redeemed or expire. Further refusals are not logged until it has room again.", EventName = "OneTimeTokenStoreFull")]
    public static partial void OneTimeTokenStoreFull(this ILogger logger, int maxLiveTokens);
}
