using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.EntityFrameworkCore;

/// <summary>
/// Reports whether the Entity Framework Core one-time token store can insert a probe row and take it back, with the
/// very statements one-time tokens go through.
/// </summary>
/// <remarks>
/// The result's description names the exception type only, and the exception is not attached: health check
/// responses and publishers often reach places that must not see the connection string. The store logs the outage
/// itself.
/// </remarks>
internal sealed class EntityFrameworkCoreOneTimeTokenStoreHealthCheck : IHealthCheck
{
    private readonly IOneTimeTokenStore? _store;
    private readonly TimeProvider _time;

    /// <param name="store">The host's store; <see langword="null"/> when it keeps one-time tokens in memory.</param>
    /// <param name="time">The clock the probe's duration is measured on.</param>
    public EntityFrameworkCoreOneTimeTokenStoreHealthCheck(IOneTimeTokenStore? store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_store is not EntityFrameworkCoreOneTimeTokenStore store)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                "The one-time token store is not the Entity Framework Core store; call AddEntityFrameworkCoreOneTimeTokenStore<TContext>().");
        }

        var started = _time.GetTimestamp();
        try
        {
            await store.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy(
                $"The one-time token table stored and gave back a probe row in {_time.GetElapsedTime(started).TotalMilliseconds:0.#} ms.");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The one-time token table did not store and give back a probe row ({exception.GetType().Name}).");
        }
    }
}
