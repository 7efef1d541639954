using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// Maps the endpoint that issues media tokens.
/// </summary>
public static class MediaTokenEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /api/auth/media/customer</c>, which answers a bearer-authenticated customer with
    /// <c>{ "jwt": "..." }</c>: a media token of the given scheme. The endpoint is named <c>GetCustomerMediaToken</c>,
    /// suffixed with <c>-{scheme}</c> for a scheme other than <see cref="MediaTokenDefaults.AuthenticationScheme"/>.
    /// </summary>
    /// <remarks>
    /// The customer is authenticated by the schemes in <see cref="CustomerAuthenticationOptions"/>. Missing, expired or
    /// invalid bearer credentials, or a principal authenticated by a media token, get 401.
    /// </remarks>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="authenticationScheme">The media token scheme whose tokens the endpoint issues.</param>
    /// <returns>A convention builder for the mapped endpoints, to add a prefix, rate limiting, CORS or tags.</returns>
    /// <exception cref="InvalidOperationException">The scheme is not registered, or no customer scheme can be resolved.</exception>
    public static IEndpointConventionBuilder MapMediaTokenEndpoints(this IEndpointRouteBuilder endpoints, string authenticationScheme = MediaTokenDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        const string Description = "The media token endpoint (MapMediaTokenEndpoints)";
        MediaTokenSchemes.EnsureRegistered(endpoints.ServiceProvider, authenticationScheme, Description);
        var group = endpoints.MapCustomerGroup("/api/auth/media", Description).WithTags("Media tokens");

        group.MapGet("/customer", Results<Ok<JwtMedia>, ProblemHttpResult> (HttpContext context, IOptionsMonitor<MediaTokenOptions> options) =>
        {
            var customerIdClaimType = options.Get(authenticationScheme).CustomerIdClaimType;
            if (string.IsNullOrEmpty(context.User.FindFirst(customerIdClaimType)?.Value))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "The signed-in user is not a customer.",
                    detail: $"The bearer identity has no '{customerIdClaimType}' claim to scope a media token to.");
            }

            var jwt = context.RequestServices.GetRequiredKeyedService<IMediaTokenIssuer>(authenticationScheme).IssueToken(context.User);
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new JwtMedia { Jwt = jwt });
        })
        .LimitIssuesPerCustomer(IssuedTokenKind.MediaToken, services => services.GetRequiredService<IOptionsMonitor<MediaTokenOptions>>().Get(authenticationScheme).CustomerIdClaimType)
        .WithName(MediaTokenSchemes.EndpointName("GetCustomerMediaToken", authenticationScheme))
        .WithSummary("Get a media token")
        .WithDescription("Issues a short-lived JWT scoped to the authenticated customer, to append to protected media URLs as ?t={jwt}, e.g. /api/public/billing/invoices/{id}/pdf?t={jwt}. Distinct from the bearer token: it cannot call the API. It expires after about a minute: portals refresh it every 50 seconds.")
        .WithMetadata(ResponseMetadata.Problem(StatusCodes.Status403Forbidden, "The signed-in user is not a customer."));

        return group;
    }
}
