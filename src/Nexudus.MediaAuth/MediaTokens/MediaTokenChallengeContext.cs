using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// The context of <see cref="MediaTokenEvents.OnChallenge"/>.
/// </summary>
public sealed class MediaTokenChallengeContext : PropertiesContext<MediaTokenOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request's <see cref="HttpContext"/>.</param>
    /// <param name="scheme">The authentication scheme.</param>
    /// <param name="options">The scheme's options.</param>
    /// <param name="properties">The challenge's properties.</param>
    internal MediaTokenChallengeContext(HttpContext context, AuthenticationScheme scheme, MediaTokenOptions options, AuthenticationProperties properties)
        : base(context, scheme, options, properties)
    {
    }

    /// <summary>
    /// Why authentication failed, when a token was presented and rejected; otherwise <see langword="null"/>.
    /// </summary>
    public Exception? AuthenticateFailure { get; internal set; }

    /// <summary>
    /// The RFC 6750 <c>error</c> written into the <c>WWW-Authenticate</c> header, e.g. <c>invalid_token</c>.
    /// </summary>
    public string? Error { get; set; }

    /// <summary>
    /// The RFC 6750 <c>error_description</c> written into the <c>WWW-Authenticate</c> header and the problem details.
    /// </summary>
    public string? ErrorDescription { get; set; }

    /// <summary>
    /// Whether an event handler has written the response, so that the handler writes nothing.
    /// </summary>
    public bool Handled { get; private set; }

    /// <summary>
    /// Skips the handler's own 401 response; the caller writes the response.
    /// </summary>
    public void HandleResponse() => Handled = true;
}
