using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The context of <see cref="MediaTokenEvents.OnAuthenticationFailed"/>.
/// </summary>
public sealed class MediaTokenAuthenticationFailedContext : ResultContext<MediaTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request's <see cref="HttpContext"/>.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="exception">Why the token was rejected.</param>
    internal MediaTokenAuthenticationFailedContext(HttpContext context, AuthenticationScheme scheme, MediaTokenOptions options, Exception exception)
        : base(context, scheme, options)
    {
        Exception = exception;
    }

    /// <summary>
    /// Why the token was rejected. Its message never contains the token.
    /// </summary>
    public Exception Exception { get; internal set; }
}
