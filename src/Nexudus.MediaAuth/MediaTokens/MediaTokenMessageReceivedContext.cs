using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The context of <see cref="MediaTokenEvents.OnMessageReceived"/>.
/// </summary>
public sealed class MediaTokenMessageReceivedContext : ResultContext<MediaTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request's <see cref="HttpContext"/>.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The scheme's options.</param>
    internal MediaTokenMessageReceivedContext(HttpContext context, AuthenticationScheme scheme, MediaTokenOptions options)
        : base(context, scheme, options)
    {
    }

    /// <summary>
    /// The token to validate. When an event handler sets it, the handler validates this value instead of reading the
    /// query string.
    /// </summary>
    public string? Token { get; set; }
}
