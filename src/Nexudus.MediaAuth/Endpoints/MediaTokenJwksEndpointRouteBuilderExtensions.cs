using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// Maps the endpoint that publishes the public keys of the media token scheme.
/// </summary>
public static class MediaTokenJwksEndpointRouteBuilderExtensions
{
    private const string CacheControl = "public, max-age=300";

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
            context.Response.Headers.CacheControl = CacheControl;
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
