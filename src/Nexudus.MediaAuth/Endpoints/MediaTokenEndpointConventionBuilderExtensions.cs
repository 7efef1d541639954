using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Nexudus.MediaAuth.Endpoints;
using Nexudus.MediaAuth.Hosting;
using Nexudus.MediaAuth.MediaTokens;
using Nexudus.MediaAuth.MediaTokens.Continuation;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Protects endpoints with media tokens.
/// </summary>
public static class MediaTokenEndpointConventionBuilderExtensions
{
    private static readonly AuthorizationPolicy DefaultSchemePolicy = CreatePolicy(MediaTokenDefaults.AuthenticationScheme);

    /// <summary>
    /// Requires a valid media token (<c>?t={jwt}</c>) of the scheme on the endpoints. Other schemes do not authenticate
    /// them.
    /// </summary>
    /// <remarks>
    /// The endpoints' API description (OpenAPI) gets the scheme's required token query parameter and a 401
    /// ProblemDetails response.
    /// </remarks>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint convention builder.</param>
    /// <param name="authenticationScheme">The media token scheme's name; <see cref="MediaTokenDefaults.AuthenticationScheme"/> by default.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireMediaToken<TBuilder>(this TBuilder builder, string authenticationScheme = MediaTokenDefaults.AuthenticationScheme)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        builder.RequireAuthorization(authenticationScheme == MediaTokenDefaults.AuthenticationScheme ? DefaultSchemePolicy : CreatePolicy(authenticationScheme));
        builder.Add(static endpoint =>
        {
            endpoint.Metadata.Add(new QueryParameterMetadata(QueryParameterNames.MediaToken, QueryParameterDocumentation.MediaToken));
            endpoint.Metadata.Add(ResponseMetadata.Problem(
                StatusCodes.Status401Unauthorized, "The media token is missing, expired or invalid."));
        });
        return builder;
    }

    /// <summary>
    /// Lets the browser that opened a file on these endpoints with a valid media token keep reading it, at the same URL,
    /// for <see cref="MediaTokenOptions.ContinuationLifetime"/> after the token expired: seeking a video, a PDF viewer's
    /// range requests, a resumed download. Use it with <c>RequireMediaToken()</c> on endpoints that serve one file
    /// per path.
    /// </summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint convention builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder AllowMediaTokenContinuation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(MediaTokenContinuationMetadata.Instance));
        return builder;
    }

    private static AuthorizationPolicy CreatePolicy(string authenticationScheme) =>
        new AuthorizationPolicyBuilder(authenticationScheme).RequireAuthenticatedUser().Build();
}
