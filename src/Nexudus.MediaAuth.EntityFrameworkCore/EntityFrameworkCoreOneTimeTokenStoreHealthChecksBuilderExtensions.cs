using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexudus.MediaAuth.EntityFrameworkCore;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the health check of the Entity Framework Core one-time token store.
/// </summary>
public static class EntityFrameworkCoreOneTimeTokenStoreHealthChecksBuilderExtensions
{
    /// <summary>
    /// The name the check is registered under unless another is given.
    /// </summary>
    public const string DefaultName = "entity-framework-core-one-time-token-store";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Adds a check that inserts a probe row into the one-time token table and takes it back, with the statements
    /// tokens go through, on the store registered by
    /// <c>AddEntityFrameworkCoreOneTimeTokenStore&lt;TContext&gt;()</c>. The result never carries the connection
    /// string or the exception.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name, or <see langword="null"/> for <see cref="DefaultName"/>.</param>
    /// <param name="failureStatus">The status reported when the database does not answer, or <see langword="null"/>
    /// for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, or <see langword="null"/>.</param>
    /// <param name="timeout">How long to wait for the answer, or <see langword="null"/> for two seconds.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddEntityFrameworkCoreOneTimeTokenStore(
        this IHealthChecksBuilder builder,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name ?? DefaultName,
            static provider => new EntityFrameworkCoreOneTimeTokenStoreHealthCheck(
                provider.GetService<IOneTimeTokenStore>(), provider.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus,
            tags,
            timeout ?? DefaultTimeout));
    }
}
