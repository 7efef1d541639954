using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexudus.MediaAuth.OneTimeTokens.Stores;
using Nexudus.MediaAuth.StackExchangeRedis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the health check of the Redis one-time token store.
/// </summary>
public static class StackExchangeRedisOneTimeTokenStoreHealthChecksBuilderExtensions
{
    /// <summary>
    /// The name the check is registered under unless another is given.
    /// </summary>
    public const string DefaultName = "redis-one-time-token-store";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Adds a check that stores a probe entry and takes it back, with the commands of tokens, on the connection of the
    /// store registered by
    /// <see cref="StackExchangeRedisOneTimeTokenStoreExtensions.AddStackExchangeRedisOneTimeTokenStore(IServiceCollection, System.Action{RedisOneTimeTokenStoreOptions})"/>.
    /// The result never carries the connection string or the exception.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name, or <see langword="null"/> for <see cref="DefaultName"/>.</param>
    /// <param name="failureStatus">The status reported when Redis does not store or return the probe, or <see langword="null"/> for
    /// <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, or <see langword="null"/>.</param>
    /// <param name="timeout">How long to wait for the answer, or <see langword="null"/> for two seconds.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddStackExchangeRedisOneTimeTokenStore(
        this IHealthChecksBuilder builder,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name ?? DefaultName,
            static provider => new RedisOneTimeTokenStoreHealthCheck(provider.GetService<IOneTimeTokenStore>()),
            failureStatus,
            tags,
            timeout ?? DefaultTimeout));
    }
}
