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
    /// The RFC 6750 <c>error</c> the handler writes into the <c>WWW-Authenticate</c> header: <c>invalid_token</c> when a
    /// token was presented and rejected, otherwise <see langword="null"/> (no token: a bare challenge).
    /// </summary>
    public string? Error { get; internal set; }

    /// <summary>
    /// Why the presented token was rejected (the RFC 6750 <c>error_description</c> of the <c>WWW-Authenticate</c> header
    /// and the problem details' <c>detail</c>), or <see langword="null"/>.
    /// </summary>
    public string? ErrorDescription { get; internal set; }

    /// <summary>
    /// Whether an event handler has written the response, so that the handler writes nothing.
    /// </summary>
    internal bool Handled { get; private set; }

    /// <summary>
    /// Skips the handler's own 401 response; the caller writes the response.
    /// </summary>
    public void HandleResponse() => Handled = true;
}
