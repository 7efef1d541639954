using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Checks <see cref="RedisOneTimeTokenStoreOptions"/> at startup, without connecting: the store connects on first use.
/// </summary>
internal sealed class RedisOneTimeTokenStoreValidateOptions : IValidateOptions<RedisOneTimeTokenStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOneTimeTokenStoreOptions options)
    {
        var failures = new List<string>();
        var sources = (options.Configuration is null ? 0 : 1)
            + (options.ConfigurationOptions is null ? 0 : 1)
            + (options.ConnectionMultiplexerFactory is null ? 0 : 1);
        if (sources != 1)
        {
            failures.Add("Set exactly one of RedisOneTimeTokenStoreOptions.Configuration, ConfigurationOptions and ConnectionMultiplexerFactory.");
        }

        if (options.Configuration is not null && ParseFailure(options.Configuration) is { } failure)
        {
            failures.Add(failure);
        }

        if (options.ConfigurationOptions is { EndPoints.Count: 0 })
        {
            failures.Add("RedisOneTimeTokenStoreOptions.ConfigurationOptions must name at least one endpoint.");
        }

        if (options.InstanceName is null)
        {
            failures.Add("RedisOneTimeTokenStoreOptions.InstanceName must not be null; use an empty string for keys without a prefix.");
        }

        if (options.ReplicaAcknowledgements < 0)
        {
            failures.Add("RedisOneTimeTokenStoreOptions.ReplicaAcknowledgements must not be negative.");
        }

        if (options.ReplicaAcknowledgements > 0 && ReplicaAcknowledgementTimeoutFailure(options) is { } timeoutFailure)
        {
            failures.Add(timeoutFailure);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? ReplicaAcknowledgementTimeoutFailure(RedisOneTimeTokenStoreOptions options)
    {
        if (options.ReplicaAcknowledgementTimeout <= TimeSpan.Zero)
        {
            return "RedisOneTimeTokenStoreOptions.ReplicaAcknowledgementTimeout must be positive.";
        }

        // A WAIT outliving the command timeout would fail every redemption while replicas lag, as a timeout rather
        // than as a refusal, and hold the connection's other commands meanwhile.
        var commandTimeout = options.ConfigurationOptions?.AsyncTimeout
            ?? (options.Configuration is { } text && ParseFailure(text) is null ? FailFastRedisDefaults.Parse(text).AsyncTimeout : (int?)null);
        return commandTimeout is { } milliseconds && options.ReplicaAcknowledgementTimeout >= TimeSpan.FromMilliseconds(milliseconds)
            ? $"RedisOneTimeTokenStoreOptions.ReplicaAcknowledgementTimeout ({options.ReplicaAcknowledgementTimeout.TotalMilliseconds} ms) must be shorter than the connection's command timeout (asyncTimeout, {milliseconds} ms)."
            : null;
    }

    /// <summary>
    /// Why the configuration string is unusable, without repeating it: it may hold a password.
    /// </summary>
    private static string? ParseFailure(string configuration)
    {
        if (configuration.TrimStart().StartsWith("redis://", StringComparison.OrdinalIgnoreCase)
            || configuration.TrimStart().StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            return "RedisOneTimeTokenStoreOptions.Configuration is a redis:// URL, which StackExchange.Redis does not read. "
                + "Write it as a StackExchange.Redis configuration string: 'host:port,password=...' (add ',ssl=true' for rediss://, ',user=...' for a user name).";
        }

        try
        {
            return ConfigurationOptions.Parse(configuration).EndPoints.Count == 0
                ? "RedisOneTimeTokenStoreOptions.Configuration must name at least one endpoint, as in 'host:port,password=...'."
                : null;
        }
        catch (ArgumentException exception)
        {
            return $"RedisOneTimeTokenStoreOptions.Configuration is not a valid StackExchange.Redis configuration string ('host:port,password=...'): {exception.Message}";
        }
    }
}
