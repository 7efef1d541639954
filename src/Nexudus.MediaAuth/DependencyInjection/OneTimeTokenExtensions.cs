using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.DependencyInjection;
using Nexudus.MediaAuth.Diagnostics;
using Nexudus.MediaAuth.OneTimeTokens;
using Nexudus.MediaAuth.OneTimeTokens.Exchange;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers one-time tokens, and what <c>POST /api/sys/users/exchange</c> issues for a redeemed one (call
/// <c>AddJwtExchange</c> or <c>AddBearerTokenExchange</c>, or register an <see cref="IExchangedTokenIssuer"/> of your own,
/// before mapping the exchange endpoint).
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

    /// <summary>
    /// Issues tokens of the given ASP.NET Core BearerToken scheme: an opaque bearer token and a refresh token that lives
    /// the scheme's <see cref="BearerTokenOptions.RefreshTokenExpiration"/> (14 days by default).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="authenticationScheme">The BearerToken scheme's name.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddBearerTokenExchange(this IServiceCollection services, string authenticationScheme = BearerTokenDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IExchangedTokenIssuer>(provider => new BearerTokenExchangedTokenIssuer(
            authenticationScheme,
            provider.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Issues a JWT access token (<c>typ: at+jwt</c>) for a host whose API authenticates with JwtBearer, signed with
    /// <see cref="JwtExchangeOptions.SigningCredentials"/>, for <see cref="JwtExchangeOptions.Issuer"/> and
    /// <see cref="JwtExchangeOptions.Audience"/>; <c>sub</c> is the customer id. No refresh token: <c>refresh_token</c>
    /// is <see langword="null"/>. The options are checked at startup.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureOptions">Sets the signing credentials, issuer and audience the host's JwtBearer validates.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddJwtExchange(this IServiceCollection services, Action<JwtExchangeOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureOptions);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<JwtExchangeOptions>().Configure(configureOptions).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtExchangeOptions>, JwtExchangeValidateOptions>());
        services.AddSingleton<IExchangedTokenIssuer, JwtExchangedTokenIssuer>();
        return services;
    }
}
