using StackExchange.Redis;
using StackExchange.Redis.Configuration;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Defaults for what a <see cref="RedisOneTimeTokenStoreOptions.Configuration"/> string leaves out. A one-time token
/// is redeemed while a browser waits on a redirect: when Redis is away, an answer in a second that signs nobody in is
/// better than a request held for the library's default five seconds or queued until Redis is back.
/// </summary>
internal sealed class FailFastRedisDefaults : DefaultOptionsProvider
{
    public static readonly FailFastRedisDefaults Instance = new();

    public override bool AbortOnConnectFail => false;

    public override BacklogPolicy BacklogPolicy => BacklogPolicy.FailFast;

    public override TimeSpan? ConnectTimeout => TimeSpan.FromSeconds(2);

    public override TimeSpan SyncTimeout => TimeSpan.FromSeconds(1);

    public override bool IncludeDetailInExceptions => false;

    public static ConfigurationOptions Parse(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.Defaults = Instance;
        return options;
    }
}
