using Microsoft.Extensions.Logging;

namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// The Entity Framework Core store's log messages (event ids 50-59). Neither tokens nor keys are ever logged.
/// </summary>
internal static partial class EntityFrameworkCoreOneTimeTokenStoreLog
{
    [LoggerMessage(50, LogLevel.Error, "The Entity Framework Core one-time token store is failing on {DbContext} ({Provider}): one-time tokens can be neither issued nor redeemed until the database answers again. Further failures are not logged until then.", EventName = "EntityFrameworkCoreOneTimeTokenStoreFailing")]
    public static partial void StoreFailing(this ILogger logger, string dbContext, string provider, Exception exception);

    [LoggerMessage(51, LogLevel.Information, "The Entity Framework Core one-time token store answers again.", EventName = "EntityFrameworkCoreOneTimeTokenStoreRecovered")]
    public static partial void StoreRecovered(this ILogger logger);

    [LoggerMessage(52, LogLevel.Debug, "The Entity Framework Core one-time token store deleted {Count} expired rows.", EventName = "EntityFrameworkCoreOneTimeTokenStorePurged")]
    public static partial void Purged(this ILogger logger, int count);

    [LoggerMessage(53, LogLevel.Warning, "The Entity Framework Core one-time token store could not delete expired rows; it tries again after the purge interval. Expired rows are never redeemed meanwhile.", EventName = "EntityFrameworkCoreOneTimeTokenStorePurgeFailed")]
    public static partial void PurgeFailed(this ILogger logger, Exception exception);
}
