using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The context of <see cref="MediaTokenEvents.OnForbidden"/>.
/// </summary>
public sealed class MediaTokenForbiddenContext : ResultContext<MediaTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request's <see cref="HttpContext"/>.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The scheme's options.</param>
    internal MediaTokenForbiddenContext(HttpContext context, AuthenticationScheme scheme, MediaTokenOptions options)
        : base(context, scheme, options)
    {
    }
}
