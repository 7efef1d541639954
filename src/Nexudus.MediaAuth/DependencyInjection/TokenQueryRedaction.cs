using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexudus.MediaAuth.Redaction;

namespace Nexudus.MediaAuth.DependencyInjection;

/// <summary>
/// Registers what keeps tokens out of ASP.NET Core's request logs and telemetry; every registration of a token-carrying
/// feature (a media token scheme, one-time tokens) calls it, so that a host is safe without asking.
/// </summary>
internal static class TokenQueryRedaction
{
    public static void TryAdd(IServiceCollection services)
    {
        services.AddOptions<TokenQueryRedactionOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, TokenQueryRedactingStartupFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHttpLoggingInterceptor, TokenHttpLoggingInterceptor>());
    }
}
