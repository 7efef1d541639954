using StackExchange.Redis;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Takes a key's value and deletes the key in one atomic step, on any Redis: <c>GETDEL</c> where the server has it
/// (6.2 and later), otherwise a script doing <c>GET</c> and <c>DEL</c>, which Redis runs without interleaving another
/// command. Managed Redis 6.0 still has no <c>GETDEL</c>.
/// </summary>
/// <remarks>
/// The choice follows the version StackExchange.Redis reports for the server holding the key. Where the server's
/// version cannot be read (<c>INFO</c> renamed or disabled), StackExchange.Redis reports
/// <see cref="ConfigurationOptions.DefaultVersion"/>, so the script is used unless the host sets that to 6.2 or later:
/// the script works on every Redis with scripting, <c>GETDEL</c> only on 6.2 and later. Both touch one key only, so
/// they are single-slot on Redis Cluster.
/// </remarks>
internal static class RedisGetAndDelete
{
    /// <summary>The first Redis version with <c>GETDEL</c>.</summary>
    public static readonly Version GetDelVersion = new(6, 2, 0);

    /// <summary>
    /// The fallback. StackExchange.Redis sends a script's SHA-1 with <c>EVALSHA</c> once the server has it, and the
    /// script in full only when the server does not (first use, or after a restart flushed its script cache).
    /// </summary>
    public const string Script = "local v=redis.call('GET',KEYS[1]) if v then redis.call('DEL',KEYS[1]) end return v";

    public static bool HasGetDel(Version serverVersion) => serverVersion >= GetDelVersion;

    /// <summary>Takes <paramref name="key"/> with the command <paramref name="serverVersion"/> has.</summary>
    public static async Task<RedisValue> ExecuteAsync(IDatabase database, Version serverVersion, RedisKey key) =>
        HasGetDel(serverVersion)
            ? await database.StringGetDeleteAsync(key, CommandFlags.DemandMaster)
            : (RedisValue)await database.ScriptEvaluateAsync(Script, [key], flags: CommandFlags.DemandMaster);
}
