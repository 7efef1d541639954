using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The context of <see cref="MediaTokenEvents.OnTokenValidated"/>.
/// </summary>
public sealed class MediaTokenValidatedContext : ResultContext<MediaTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request's <see cref="HttpContext"/>.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="securityToken">The validated token.</param>
    internal MediaTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, MediaTokenOptions options, SecurityToken securityToken)
        : base(context, scheme, options)
    {
        SecurityToken = securityToken;
    }

    /// <summary>
    /// The validated token. It never leaves the request; do not log its raw value.
    /// </summary>
    public SecurityToken SecurityToken { get; }
}
