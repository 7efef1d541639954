using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Endpoints;

namespace Nexudus.MediaAuth.DependencyInjection;

/// <summary>
/// The services every endpoint of the library needs, whichever registration method a host calls first.
/// </summary>
internal static class MediaAuthEndpointServices
{
    public static void TryAdd(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JsonOptions>, MediaAuthJsonOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, QueryParameterApiDescriptionProvider>());
        services.TryAddSingleton<CustomerIssueLimiter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CustomerAuthenticationOptions>, CustomerAuthenticationValidateOptions>());
        services.AddOptions<CustomerAuthenticationOptions>().ValidateOnStart();
    }
}
