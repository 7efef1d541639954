using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// The Redis store's log messages (event ids 20-29). Neither tokens nor keys are ever logged.
/// </summary>
internal static partial class RedisOneTimeTokenStoreLog
{
    [LoggerMessage(20, LogLevel.Error, "The Redis one-time token store is failing on {RedisEndpoints}: one-time tokens can be neither issued nor redeemed until it answers again. Further failures are not logged until then.", EventName = "RedisOneTimeTokenStoreFailing")]
    public static partial void StoreFailing(this ILogger logger, string redisEndpoints, Exception exception);

    [LoggerMessage(21, LogLevel.Information, "The Redis one-time token store answers again.", EventName = "RedisOneTimeTokenStoreRecovered")]
    public static partial void StoreRecovered(this ILogger logger);
}
