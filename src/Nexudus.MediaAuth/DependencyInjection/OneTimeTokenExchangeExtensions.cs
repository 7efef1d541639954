using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.OneTimeTokens.Exchange;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Chooses what <c>POST /api/sys/users/exchange</c> issues for a redeemed one-time token. Call one of these (or register
/// an <see cref="IExchangedTokenIssuer"/> of your own) before mapping the exchange endpoint.
/// </summary>
public static class OneTimeTokenExchangeExtensions
{
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
