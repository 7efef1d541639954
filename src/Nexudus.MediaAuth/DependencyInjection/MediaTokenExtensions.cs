using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.DependencyInjection;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the media token authentication scheme.
/// </summary>
public static class MediaTokenExtensions
{
    /// <summary>
    /// Adds authentication with the <see cref="MediaTokenDefaults.AuthenticationScheme"/> scheme and the services that
    /// issue its tokens. The host's default scheme is left as it is: media tokens authenticate only the endpoints that
    /// opt in with <c>RequireMediaToken()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureOptions">Configures the scheme's options, or <see langword="null"/>.</param>
    /// <returns>The <see cref="AuthenticationBuilder"/>, to add the host's bearer scheme and others.</returns>
    public static AuthenticationBuilder AddMediaTokenAuthentication(this IServiceCollection services, Action<MediaTokenOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddAuthentication().AddMediaToken(configureOptions);
    }

    /// <summary>
    /// Adds the media token scheme under <see cref="MediaTokenDefaults.AuthenticationScheme"/>, with options bound from
    /// <c>Authentication:Schemes:MediaToken</c>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configureOptions">Configures the scheme's options, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddMediaToken(this AuthenticationBuilder builder, Action<MediaTokenOptions>? configureOptions)
        => builder.AddMediaToken(MediaTokenDefaults.AuthenticationScheme, configureOptions);

    /// <summary>
    /// Adds a media token scheme under the given name (<see cref="MediaTokenDefaults.AuthenticationScheme"/> by
    /// default), with options bound from <c>Authentication:Schemes:{name}</c>.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme's name.</param>
    /// <param name="configureOptions">Configures the scheme's options, or <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static AuthenticationBuilder AddMediaToken(this AuthenticationBuilder builder, string authenticationScheme = MediaTokenDefaults.AuthenticationScheme, Action<MediaTokenOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MediaTokenDevelopmentKeys>();
        services.TryAddSingleton<MediaTokenSchemeKeys>();
        services.TryAddSingleton<MediaTokenSchemeStates>();
        // The host's own AddHttpClient(name) runs after this one, so its handler, proxy or timeout wins.
        services.AddHttpClient(MediaTokenSchemeStates.JwksHttpClientNamePrefix + authenticationScheme)
            .ConfigureHttpClient(static client => client.Timeout = MediaTokenDefaults.JwksFetchTimeout);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<MediaTokenOptions>, MediaTokenConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaTokenOptions>, MediaTokenValidateOptions>());
        MediaAuthEndpointServices.TryAdd(services);
        MediaAuthMetrics.TryAdd(services);
        TokenQueryRedaction.TryAdd(services);
        services.AddOptions<MediaTokenOptions>(authenticationScheme).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AuthenticationOptions>, MediaTokenAuthenticationOptionsSetup>());

        // A reload of the scheme's configuration section (a rotated key, say) rebuilds its options, keys and cache.
        services.AddSingleton<IOptionsChangeTokenSource<MediaTokenOptions>>(provider => new ConfigurationChangeTokenSource<MediaTokenOptions>(
            authenticationScheme,
            provider.GetRequiredService<IAuthenticationConfigurationProvider>().GetSchemeConfiguration(authenticationScheme)));

        services.TryAddKeyedSingleton<IMediaTokenIssuer>(authenticationScheme, static (provider, key) => new MediaTokenIssuer(
            (string)key!,
            provider.GetRequiredService<MediaTokenSchemeStates>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<MediaAuthMetrics>(),
            provider.GetRequiredService<ILogger<MediaTokenIssuer>>()));
        services.TryAddSingleton(provider => provider.GetRequiredKeyedService<IMediaTokenIssuer>(authenticationScheme));

        return builder.AddScheme<MediaTokenOptions, MediaTokenHandler>(authenticationScheme, MediaTokenDefaults.DisplayName, configureOptions);
    }
}
