using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.StackExchangeRedis;

/// <summary>
/// Reports whether the Redis one-time token store can issue and redeem: it stores a probe entry with
/// <c>SET ... NX</c> and takes it back as a token is taken, on the store's own connection. A <c>PING</c> would pass on a
/// server that refuses every write.
/// </summary>
/// <remarks>
/// The result's description names the exception type only, and the exception is not attached: health check
/// responses and publishers often reach places that must not see the connection's endpoint or password. The store
/// logs the outage itself.
/// </remarks>
internal sealed class RedisOneTimeTokenStoreHealthCheck : IHealthCheck
{
    private readonly IOneTimeTokenStore? _store;

    /// <param name="store">The host's store; <see langword="null"/> when it keeps one-time tokens in memory.</param>
    public RedisOneTimeTokenStoreHealthCheck(IOneTimeTokenStore? store)
    {
        _store = store;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_store is not RedisOneTimeTokenStore redis)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                "The one-time token store is not the Redis store; call AddStackExchangeRedisOneTimeTokenStore().");
        }

        try
        {
            return await redis.ProbeAsync(cancellationToken) is { } failure
                ? new HealthCheckResult(context.Registration.FailureStatus, failure)
                : HealthCheckResult.Healthy("Redis stored and took back a probe entry.");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Redis did not store and take back a probe entry ({exception.GetType().Name}).");
        }
    }
}
