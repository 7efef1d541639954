using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Stops a media token scheme from becoming the host's default authenticate scheme just because it is the only scheme.
/// </summary>
/// <remarks>
/// ASP.NET Core uses a lone scheme as the default for every action. For a media token scheme, <c>UseAuthentication</c>
/// would then turn any <c>?t=</c> into <c>HttpContext.User</c>, and every endpoint with <c>RequireAuthorization()</c>
/// or a fallback policy would accept a 60-second link. An empty name matches no scheme, so authenticating has no
/// default. Challenges still fall back to the lone scheme, and a request no scheme authenticated gets a 401. Nothing
/// changes when the host names a default or registers any other scheme.
/// </remarks>
internal sealed class MediaTokenAuthenticationOptionsSetup : IPostConfigureOptions<AuthenticationOptions>
{
    public void PostConfigure(string? name, AuthenticationOptions options)
    {
        if (options.DefaultScheme is null
            && options.DefaultAuthenticateScheme is null
            && options.Schemes.Take(2).ToArray() is [var lone]
            && typeof(MediaTokenHandler).IsAssignableFrom(lone.HandlerType))
        {
            options.DefaultAuthenticateScheme = string.Empty;
        }
    }
}
