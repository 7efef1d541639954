using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    public static RouteGroupBuilder MapCustomerGroup(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var schemes = endpoints.ServiceProvider.GetRequiredService<IOptions<CustomerAuthenticationOptions>>().Value.AuthenticationSchemes.ToArray();
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
