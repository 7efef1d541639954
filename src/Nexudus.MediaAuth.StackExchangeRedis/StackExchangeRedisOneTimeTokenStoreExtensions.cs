using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.StackExchangeRedis;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Redis one-time token store.
/// </summary>
public static class StackExchangeRedisOneTimeTokenStoreExtensions
{
    /// <summary>
    /// Keeps one-time tokens in Redis, so that a token issued by one instance of the host can be redeemed, exactly
    /// once, on any instance sharing the Redis database. Replaces the in-memory store of <c>AddOneTimeTokens()</c>,
    /// whichever of the two calls comes first. The options are checked at startup; Redis is connected on first use.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="setupAction">Sets the connection (for example <see cref="RedisOneTimeTokenStoreOptions.Configuration"/>)
    /// and <see cref="RedisOneTimeTokenStoreOptions.InstanceName"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddStackExchangeRedisOneTimeTokenStore(this IServiceCollection services, Action<RedisOneTimeTokenStoreOptions> setupAction)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(setupAction);

        services.AddOptions<RedisOneTimeTokenStoreOptions>().Configure(setupAction).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOneTimeTokenStoreOptions>, RedisOneTimeTokenStoreValidateOptions>());

        // AddOneTimeTokens() uses the registered store, whichever call comes first; Replace keeps it the only one.
        services.Replace(ServiceDescriptor.Singleton<IOneTimeTokenStore, RedisOneTimeTokenStore>());
        return services;
    }

    /// <summary>
    /// Keeps one-time tokens in Redis through a connection the host already has. The store never disposes it.
    /// See <see cref="AddStackExchangeRedisOneTimeTokenStore(IServiceCollection, Action{RedisOneTimeTokenStoreOptions})"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connection">The host's connection.</param>
    /// <param name="instanceName">The prefix of every key, or <see langword="null"/> for
    /// <see cref="RedisOneTimeTokenStoreOptions.InstanceName"/>'s default.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddStackExchangeRedisOneTimeTokenStore(this IServiceCollection services, IConnectionMultiplexer connection, string? instanceName = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return services.AddStackExchangeRedisOneTimeTokenStore(options =>
        {
            options.ConnectionMultiplexerFactory = () => Task.FromResult(connection);
            if (instanceName is not null)
            {
                options.InstanceName = instanceName;
            }
        });
    }
}
