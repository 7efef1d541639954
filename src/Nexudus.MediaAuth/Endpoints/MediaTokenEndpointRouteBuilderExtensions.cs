using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// Maps the endpoint that issues media tokens and the one that publishes their public keys.
/// </summary>
public static class MediaTokenEndpointRouteBuilderExtensions
{
    // The JWKS document: five minutes of caching lets validating services share it without missing a rotation for long.
    private const string JwksCacheControl = "public, max-age=300";

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

    /// <summary>
    /// Maps <c>GET {pattern}</c> (by default <c>/.well-known/media-token-keys.json</c>), which answers with the public
    /// keys of the media token scheme (by default <see cref="MediaTokenDefaults.AuthenticationScheme"/>), signing and
    /// validation keys alike, as a JWKS document (RFC 7517), so that another service can validate its media tokens with
    /// <see cref="MediaTokenOptions.JwksUri"/>. The endpoint is named <c>GetMediaTokenJwks</c>, suffixed with
    /// <c>-{scheme}</c> for a scheme other than the default.
    /// </summary>
    /// <remarks>
    /// Only RSA and EC keys are published; HMAC keys are secrets and never appear, so a scheme with HMAC keys only
    /// publishes <c>{"keys":[]}</c>. The document is anonymous and may be cached for five minutes.
    /// </remarks>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <param name="authenticationScheme">The media token scheme whose keys are published.</param>
    /// <returns>A convention builder for the mapped endpoint.</returns>
    /// <exception cref="InvalidOperationException">The scheme is not registered.</exception>
    public static IEndpointConventionBuilder MapMediaTokenJwks(
        this IEndpointRouteBuilder endpoints,
        string pattern = MediaTokenDefaults.JwksPath,
        string authenticationScheme = MediaTokenDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);

        MediaTokenSchemes.EnsureRegistered(endpoints.ServiceProvider, authenticationScheme, "The media token JWKS endpoint (MapMediaTokenJwks)");

        var schemeStates = endpoints.ServiceProvider.GetRequiredService<MediaTokenSchemeStates>();
        return endpoints.MapGet(pattern, JsonHttpResult<MediaTokenJsonWebKeySet> (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = JwksCacheControl;
            return TypedResults.Json(
                schemeStates.Get(authenticationScheme).PublicKeys,
                MediaTokenKeysJsonSerializerContext.Default.MediaTokenJsonWebKeySet,
                contentType: "application/jwk-set+json");
        })
        .WithName(MediaTokenSchemes.EndpointName("GetMediaTokenJwks", authenticationScheme))
        .WithTags("Media tokens")
        .WithSummary("Get the media token public keys")
        .WithDescription("The public keys (JWKS) that validate media tokens, for services that validate them offline. HMAC keys are never published.")
        .AllowAnonymous();
    }
}
