using Nexudus.MediaAuth.MediaTokens.Validation;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Default values used by the media token authentication scheme.
/// </summary>
/// <remarks>
/// Public here is the name a host writes in its own code: the scheme's. Every other default (lifetimes, clock skew, issuer, audience, limits) is internal and documented on
/// the <see cref="MediaTokenOptions"/> property it fills, so a caller never compiles in a value that a later version
/// changes.
/// </remarks>
public static class MediaTokenDefaults
{
    /// <summary>
    /// The default authentication scheme name: <c>MediaToken</c>.
    /// </summary>
    public const string AuthenticationScheme = "MediaToken";

    /// <summary>
    /// The default display name of the scheme: <c>Media token</c>.
    /// </summary>
    internal static readonly string DisplayName = "Media token";

    /// <summary>
    /// The JOSE <c>typ</c> header of a media token (RFC 8725 §3.11). A JWT of any other type, such as the customer's
    /// bearer token signed by the same key, is never accepted as a media token.
    /// </summary>
    internal const string TokenType = MediaTokenWireNames.TokenType;

    /// <summary>
    /// The default <c>iss</c> of issued tokens, and the issuer the scheme accepts unless configured otherwise.
    /// </summary>
    internal const string Issuer = "Nexudus.MediaAuth";

    /// <summary>
    /// The default <c>aud</c> of issued tokens, and the audience the scheme accepts unless configured otherwise.
    /// </summary>
    internal const string Audience = "nexudus-media";

    /// <summary>
    /// The default token lifetime: 60 seconds. Portals refresh their media token every 50 seconds.
    /// </summary>
    internal static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The default hard cap on a token's lifetime (<c>exp</c> minus <c>iat</c>) that the scheme accepts: 5 minutes.
    /// </summary>
    internal static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The default cap on the lifetime of a token bound to a resource: one hour, the reach of the default
    /// <see cref="ContinuationLifetime"/>, so that a viewer on another site, which gets no continuation cookie, can read
    /// one file for as long as a viewer on the file server's own site can.
    /// </summary>
    internal static readonly TimeSpan MaxResourceBoundTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// The default clock skew allowed when checking <c>exp</c> and <c>nbf</c>: 5 seconds.
    /// </summary>
    internal static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The default time a file stays readable by the browser that opened it, after its media token expired: one hour,
    /// enough to watch most videos or read a long document, seeking and scrolling as one goes.
    /// </summary>
    internal static readonly TimeSpan ContinuationLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// The longest token, in characters, the handler reads; a longer one is rejected before any parsing: 4096, eight
    /// times an RS256 media token.
    /// </summary>
    internal const int MaxTokenLength = 4096;

    /// <summary>
    /// The default number of validated tokens a scheme remembers so that a repeated token skips the signature check:
    /// 10,000 (a few megabytes at most).
    /// </summary>
    internal const int ValidationCacheSize = 10_000;

    /// <summary>
    /// The path at which <c>MapMediaTokenJwks()</c> publishes the public keys: <c>/.well-known/media-token-keys.json</c>.
    /// </summary>
    internal const string JwksPath = "/.well-known/media-token-keys.json";

    /// <summary>
    /// The default <see cref="MediaTokenOptions.JwksRefreshInterval"/>: 6 hours.
    /// </summary>
    internal static readonly TimeSpan JwksRefreshInterval = TimeSpan.FromHours(6);

    /// <summary>
    /// The shortest time between two fetches of <see cref="MediaTokenOptions.JwksUri"/>, so that tokens with unknown
    /// <c>kid</c>s cannot make the scheme fetch on every request: 30 seconds.
    /// </summary>
    internal static readonly TimeSpan JwksMinimumRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest JWKS document read, in bytes; a larger one is refused and the keys of the last good fetch stay in use:
    /// 64 KiB, room for a hundred RSA-2048 keys.
    /// </summary>
    internal const int JwksMaxBytes = 64 * 1024;

    /// <summary>
    /// The most keys a JWKS document may list; one with more is refused and the keys of the last good fetch stay in use:
    /// 100.
    /// </summary>
    internal const int JwksMaxKeys = 100;

    /// <summary>
    /// How long a fetch of <see cref="MediaTokenOptions.JwksUri"/> may take unless the host configures the scheme's
    /// named HTTP client otherwise: 10 seconds.
    /// </summary>
    internal static readonly TimeSpan JwksFetchTimeout = TimeSpan.FromSeconds(10);
}
