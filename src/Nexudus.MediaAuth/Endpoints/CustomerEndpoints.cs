using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Hosting;
using Nexudus.MediaAuth.MediaTokens;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// Route groups for endpoints that issue tokens to a customer authenticated by the host's bearer schemes
/// (<see cref="CustomerAuthenticationOptions"/>).
/// </summary>
internal static class CustomerEndpoints
{
    /// <summary>
    /// Maps a group that requires the customer's bearer authentication and refuses any principal that a media token
    /// authenticated: a media token must never obtain another token, or a leaked 60-second link would become a
    /// permanent credential.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The group's prefix.</param>
    /// <param name="endpointDescription">What the group is, for the startup error: "The media token endpoint".</param>
    /// <exception cref="InvalidOperationException">No customer scheme can be resolved.</exception>
    public static RouteGroupBuilder MapCustomerGroup(this IEndpointRouteBuilder endpoints, string prefix, string endpointDescription)
    {
        var schemes = endpoints.ServiceProvider.GetRequiredService<IOptions<CustomerAuthenticationOptions>>().Value.AuthenticationSchemes.ToArray();
        EnsureCustomerSchemesResolve(endpoints.ServiceProvider, schemes, endpointDescription);
        return endpoints.MapGroup(prefix)
            .RequireAuthorization(new AuthorizationPolicyBuilder(schemes).RequireAuthenticatedUser().Build())
            .WithMetadata(TokenResponseMetadata.Instance)
            // The challenge is the host's bearer scheme's (WWW-Authenticate, no body), so no schema is promised.
            .WithMetadata(ResponseMetadata.Empty(
                StatusCodes.Status401Unauthorized, "The bearer token is missing, expired, or invalid. The customer must sign in again."))
            .AddEndpointFilter(async (context, next) =>
            {
                var httpContext = context.HttpContext;
                var schemeProvider = httpContext.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
                return await IsAuthenticatedByMediaTokenAsync(httpContext.User, schemeProvider)
                    ? TypedResults.Challenge(authenticationSchemes: schemes)
                    : await next(context);
            });
    }

    /// <summary>
    /// Fails when the endpoints are mapped, rather than answering every customer with a silent 401 (or a 500 about
    /// <c>DefaultChallengeScheme</c>), when no scheme can authenticate the customer: none listed and no default
    /// authenticate scheme, a listed scheme that is not registered, or a media token scheme, which the group refuses. A
    /// default cookie scheme is only warned about.
    /// </summary>
    private static void EnsureCustomerSchemesResolve(IServiceProvider services, string[] schemes, string endpointDescription)
    {
        var schemeProvider = services.GetRequiredService<IAuthenticationSchemeProvider>();
        const string Fix =
            "List the customer's bearer scheme in CustomerAuthenticationOptions.AuthenticationSchemes, e.g. " +
            "builder.Services.Configure<CustomerAuthenticationOptions>(options => options.AuthenticationSchemes.Add(JwtBearerDefaults.AuthenticationScheme)).";

        // The default scheme provider answers synchronously; this runs once, when the endpoints are mapped.
        if (schemes.Length == 0)
        {
            var defaultScheme = schemeProvider.GetDefaultAuthenticateSchemeAsync().GetAwaiter().GetResult()
                ?? throw new InvalidOperationException(
                    $"{endpointDescription} authenticates the customer with the host's default authenticate scheme, and there is none. {Fix}");
            EnsureNotMediaToken(defaultScheme, "the host's default authenticate scheme");
            if (typeof(CookieAuthenticationHandler).IsAssignableFrom(defaultScheme.HandlerType))
            {
                services.GetService<ILoggerFactory>()?.CreateLogger(typeof(CustomerAuthenticationOptions).FullName!)
                    .CustomerSchemeIsCookie(endpointDescription, defaultScheme.Name);
            }

            return;
        }

        foreach (var name in schemes)
        {
            var scheme = schemeProvider.GetSchemeAsync(name).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException(
                    $"{endpointDescription} authenticates the customer with scheme '{name}' (CustomerAuthenticationOptions.AuthenticationSchemes), which is not registered. " +
                    $"Register it (e.g. AddJwtBearer()), or correct the name. {Fix}");
            EnsureNotMediaToken(scheme, "a scheme of CustomerAuthenticationOptions.AuthenticationSchemes");
        }

        void EnsureNotMediaToken(AuthenticationScheme scheme, string source)
        {
            if (typeof(MediaTokenHandler).IsAssignableFrom(scheme.HandlerType))
            {
                throw new InvalidOperationException(
                    $"{endpointDescription} authenticates the customer with '{scheme.Name}', {source}, which is a media token scheme: a media token can never obtain a token. {Fix}");
            }
        }
    }

    internal static async Task<bool> IsAuthenticatedByMediaTokenAsync(ClaimsPrincipal user, IAuthenticationSchemeProvider schemes)
    {
        foreach (var identity in user.Identities)
        {
            if (identity is { IsAuthenticated: true, AuthenticationType: { } type }
                && await schemes.GetSchemeAsync(type) is { } scheme
                && typeof(MediaTokenHandler).IsAssignableFrom(scheme.HandlerType))
            {
                return true;
            }
        }

        return false;
    }
}
