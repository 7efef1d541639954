using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.EntityFrameworkCore;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the Entity Framework Core one-time token store.
/// </summary>
public static class EntityFrameworkCoreOneTimeTokenStoreExtensions
{
    /// <summary>
    /// Keeps one-time tokens in the <see cref="IOneTimeTokenDbContext.OneTimeTokens"/> table of the host's
    /// <typeparamref name="TContext"/>, so that a token issued by one instance of the host can be redeemed, exactly
    /// once, on any instance sharing the database. Replaces the in-memory store of <c>AddOneTimeTokens()</c>,
    /// whichever of the two calls comes first. Register <typeparamref name="TContext"/> itself as usual
    /// (<c>AddDbContext</c> or <c>AddDbContextPool</c>); the store resolves it from a scope of its own per operation.
    /// The options are checked at startup; the database is reached on first use.
    /// </summary>
    /// <typeparam name="TContext">The host's context, which holds the table.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="setupAction">Sets the purge of expired rows, or <see langword="null"/> for the defaults.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEntityFrameworkCoreOneTimeTokenStore<TContext>(
        this IServiceCollection services,
        Action<EntityFrameworkCoreOneTimeTokenStoreOptions>? setupAction = null)
        where TContext : DbContext, IOneTimeTokenDbContext
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<EntityFrameworkCoreOneTimeTokenStoreOptions>().ValidateOnStart();
        if (setupAction is not null)
        {
            options.Configure(setupAction);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntityFrameworkCoreOneTimeTokenStoreOptions>, EntityFrameworkCoreOneTimeTokenStoreValidateOptions>());
        services.TryAddSingleton(TimeProvider.System);

        // AddOneTimeTokens() uses the registered store, whichever call comes first; Replace keeps it the only one.
        services.Replace(ServiceDescriptor.Singleton<IOneTimeTokenStore>(static provider => new EntityFrameworkCoreOneTimeTokenStore(
            provider.GetRequiredService<IServiceScopeFactory>(),
            static scoped => scoped.GetRequiredService<TContext>(),
            typeof(TContext).Name,
            provider.GetRequiredService<IOptions<EntityFrameworkCoreOneTimeTokenStoreOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<EntityFrameworkCoreOneTimeTokenStore>>())));
        return services;
    }
}
