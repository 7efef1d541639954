using Microsoft.AspNetCore.Authorization;
using Nexudus.MediaAuth.MediaTokens;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Protects endpoints with media tokens.
/// </summary>
public static class MediaTokenEndpointConventionBuilderExtensions
{
    private static readonly AuthorizationPolicy DefaultSchemePolicy = CreatePolicy(MediaTokenDefaults.AuthenticationScheme);

    /// <summary>
    /// Requires a valid media token (<c>?t={jwt}</c>) of the <see cref="MediaTokenDefaults.AuthenticationScheme"/>
    /// scheme on the endpoints. Other schemes do not authenticate them.
    /// </summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint convention builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireMediaToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(DefaultSchemePolicy);

    /// <summary>
    /// Requires a valid media token of the given scheme on the endpoints. Other schemes do not authenticate them.
    /// </summary>
    /// <typeparam name="TBuilder">The type of the endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint convention builder.</param>
    /// <param name="authenticationScheme">The media token scheme's name.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireMediaToken<TBuilder>(this TBuilder builder, string authenticationScheme)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        return builder.RequireAuthorization(CreatePolicy(authenticationScheme));
    }

    private static AuthorizationPolicy CreatePolicy(string authenticationScheme) =>
        new AuthorizationPolicyBuilder(authenticationScheme).RequireAuthenticatedUser().Build();
}
