using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The media token scheme an endpoint is mapped for.
/// </summary>
internal static class MediaTokenSchemes
{
    /// <summary>
    /// Fails when the endpoint is mapped, rather than on its first request, when <paramref name="authenticationScheme"/>
    /// is not a registered media token scheme.
    /// </summary>
    public static void EnsureRegistered(IServiceProvider services, string authenticationScheme, string endpointDescription)
    {
        var authentication = services.GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        if (!authentication.SchemeMap.TryGetValue(authenticationScheme, out var scheme)
            || !typeof(MediaTokenHandler).IsAssignableFrom(scheme.HandlerType))
        {
            throw new InvalidOperationException(
                $"{endpointDescription} is mapped for media token scheme '{authenticationScheme}', which is not registered. " +
                $"Register it with AddMediaTokenAuthentication() or AddAuthentication().AddMediaToken(\"{authenticationScheme}\", ...), or pass the name of yours.");
        }
    }

    /// <summary>
    /// The endpoint name for <paramref name="authenticationScheme"/>: <paramref name="name"/> for the default scheme, the
    /// scheme's name appended for any other, so that both can be mapped in one app.
    /// </summary>
    public static string EndpointName(string name, string authenticationScheme) =>
        authenticationScheme == MediaTokenDefaults.AuthenticationScheme ? name : $"{name}-{authenticationScheme}";
}
