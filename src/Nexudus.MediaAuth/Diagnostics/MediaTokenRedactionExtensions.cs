using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexudus.MediaAuth.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Keeps media tokens and one-time tokens out of ASP.NET Core's request logs and telemetry.
/// </summary>
public static class MediaTokenRedactionExtensions
{
    /// <summary>
    /// Redacts the token query parameters (each media token scheme's <c>QueryParameterName</c>, and <c>t</c> and
    /// <c>token</c> of the one-time token endpoints) in what ASP.NET Core records about a request: the hosting layer's
    /// <c>Request starting</c> and <c>Request finished</c> logs, the query seen by listeners of the request activity's
    /// diagnostic events (as OpenTelemetry's ASP.NET Core instrumentation is), and the query HttpLogging writes. The
    /// application itself still reads the real query. HttpLogging also never writes the response body of the endpoints
    /// that return tokens.
    /// </summary>
    /// <remarks>
    /// Not covered: W3C logging (<c>UseW3CLogging</c>) and any middleware or logger of the application that writes the
    /// query itself; proxies and servers in front of the application, and the browser's history. SECURITY.md lists what
    /// a host must do about them.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMediaTokenRedaction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(service => service.ServiceType == typeof(TokenQueryRedactor)))
        {
            return services;
        }

        services.AddSingleton<TokenQueryRedactor>();
        DecorateHttpContextFactory(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, TokenQueryRestoringStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpLoggingInterceptor, TokenHttpLoggingInterceptor>());
        return services;
    }

    /// <summary>
    /// Wraps the registered <see cref="IHttpContextFactory"/> (the web host's default one, unless the host replaced it).
    /// </summary>
    private static void DecorateHttpContextFactory(IServiceCollection services)
    {
        var inner = services.LastOrDefault(service => service.ServiceType == typeof(IHttpContextFactory) && !service.IsKeyedService);
        services.Replace(ServiceDescriptor.Singleton<IHttpContextFactory>(provider => new QueryRedactingHttpContextFactory(
            inner switch
            {
                { ImplementationInstance: IHttpContextFactory instance } => instance,
                { ImplementationFactory: { } factory } => (IHttpContextFactory)factory(provider),
                { ImplementationType: { } type } => (IHttpContextFactory)ActivatorUtilities.CreateInstance(provider, type),
                _ => new DefaultHttpContextFactory(provider),
            },
            provider.GetRequiredService<TokenQueryRedactor>())));
    }
}
