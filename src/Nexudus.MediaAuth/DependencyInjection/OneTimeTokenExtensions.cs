using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.DependencyInjection;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers one-time tokens.
/// </summary>
public static class OneTimeTokenExtensions
{
    /// <summary>
    /// Adds <see cref="IOneTimeTokenService"/> and the options the one-time token endpoints use. Tokens are kept in
    /// memory, unless an <see cref="IOneTimeTokenStore"/> is registered, before or after this call: then they are kept
    /// there, protected by Data Protection.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureOptions">Configures the options, or <see langword="null"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddOneTimeTokens(this IServiceCollection services, Action<OneTimeTokenOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateTicketStore);
        services.TryAddSingleton<IOneTimeTokenService, OneTimeTokenService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OneTimeTokenOptions>, OneTimeTokenValidateOptions>());
        MediaAuthEndpointServices.TryAdd(services);
        MediaAuthMetrics.TryAdd(services);
        TokenQueryRedaction.TryAdd(services);
        var options = services.AddOptions<OneTimeTokenOptions>().ValidateOnStart();
        if (configureOptions is not null)
        {
            options.Configure(configureOptions);
        }

        return services;
    }

    /// <summary>
    /// The store the service uses: the in-memory one, unless the host registered an <see cref="IOneTimeTokenStore"/>,
    /// before or after <c>AddOneTimeTokens()</c>.
    /// </summary>
    private static OneTimeTicketStore CreateTicketStore(IServiceProvider services)
    {
        var metrics = services.GetRequiredService<MediaAuthMetrics>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        if (services.GetService<IOneTimeTokenStore>() is { } store)
        {
            return new DataProtectedOneTimeTicketStore(store, services.GetRequiredService<IDataProtectionProvider>(), metrics, timeProvider);
        }

        var options = services.GetRequiredService<IOptionsMonitor<OneTimeTokenOptions>>();
        return new MemoryOneTimeTicketStore(
            () => options.CurrentValue.MaxLiveTokens,
            metrics,
            timeProvider,
            services.GetRequiredService<ILogger<MemoryOneTimeTicketStore>>());
    }
}
