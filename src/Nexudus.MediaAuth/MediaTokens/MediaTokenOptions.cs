using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using Nexudus.MediaAuth.MediaTokens.Issuance;
using Nexudus.MediaAuth.MediaTokens.Keys;

namespace Nexudus.MediaAuth.MediaTokens;

/// <summary>
/// Options for the media token authentication scheme and for the tokens it issues.
/// </summary>
/// <remarks>
/// The same options drive issuance (<see cref="IMediaTokenIssuer"/>) and validation (the scheme's handler), so a
/// token the host issues is always one the host accepts. They bind from the configuration section
/// <c>Authentication:Schemes:{scheme}</c>, like JwtBearer's.
/// </remarks>
public class MediaTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Creates options with the documented defaults (see <see cref="MediaTokenDefaults"/>).
    /// </summary>
    public MediaTokenOptions()
    {
        Events = new MediaTokenEvents();
    }

    /// <summary>
    /// The object the handler calls at each step of authentication. Set it, or register a subclass and name it in
    /// <see cref="AuthenticationSchemeOptions.EventsType"/>, to take part in the process.
    /// </summary>
    public new MediaTokenEvents Events
    {
        get => (MediaTokenEvents)base.Events!;
        set => base.Events = value;
    }

    /// <summary>
    /// The <c>iss</c> written into issued tokens and required of presented ones.
    /// Defaults to <c>Nexudus.MediaAuth</c>.
    /// </summary>
    public string Issuer { get; set; } = MediaTokenDefaults.Issuer;

    /// <summary>
    /// The <c>aud</c> written into issued tokens and required of presented ones.
    /// Defaults to <c>nexudus-media</c>.
    /// </summary>
    public string Audience { get; set; } = MediaTokenDefaults.Audience;

    /// <summary>
    /// The key and algorithm that sign issued tokens. Its key also validates tokens, of that algorithm only. The key
    /// must have a <see cref="SecurityKey.KeyId"/> when it is symmetric; an asymmetric key without one is named by its
    /// RFC 7638 thumbprint (the key object itself is left as it is).
    /// </summary>
    /// <remarks>
    /// The key passes the same startup checks as a key from configuration: a supported algorithm in
    /// <see cref="ValidAlgorithms"/> that fits the key, an HMAC key of at least 32 bytes, an RSA key of at least 2048
    /// bits, the curve of its ECDSA algorithm, the private half. Give it here or as <c>SigningKey</c> in configuration,
    /// not both. When no key is given at all, a host running in the Development environment gets an ephemeral key (and
    /// a warning in the log); in any other environment startup fails.
    /// </remarks>
    public SigningCredentials? SigningCredentials { get; set; }

    /// <summary>
    /// Keys that validate tokens in addition to the signing key, looked up by the token's <c>kid</c>, each with the one
    /// algorithm it validates: a token of any other <c>alg</c> is refused (RFC 8725 §3.1). A public key is enough, as in
    /// <c>new SigningCredentials(new RsaSecurityKey(publicRsa) { KeyId = "media-1" }, SecurityAlgorithms.RsaSha256)</c>.
    /// Keep a retired signing key here until the longest-lived token it signed has expired.
    /// </summary>
    /// <remarks>
    /// Each key passes the startup checks of <see cref="SigningCredentials"/> (but for the private half), and its
    /// <c>kid</c> must differ from those of every other key, in code or in configuration.
    /// </remarks>
    public IList<SigningCredentials> ValidationKeys { get; } = [];

    /// <summary>
    /// The JWS algorithms a presented token may use. A token's <c>alg</c> must also be the algorithm of the key its
    /// <c>kid</c> names. Defaults to the HMAC-SHA2, RSASSA and ECDSA algorithms.
    /// </summary>
    public ISet<string> ValidAlgorithms { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512,
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    };

    /// <summary>
    /// How long an issued token is valid. Defaults to 60 seconds.
    /// Must not exceed <see cref="MaxTokenLifetime"/>.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = MediaTokenDefaults.TokenLifetime;

    /// <summary>
    /// The longest lifetime (<c>exp</c> minus <c>iat</c>) a presented token without a resource binding may have,
    /// whoever signed it. Defaults to 5 minutes; at most one hour.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = MediaTokenDefaults.MaxTokenLifetime;

    /// <summary>
    /// The longest lifetime (<c>exp</c> minus <c>iat</c>) a presented token bound to a resource
    /// (the <c>res</c> claim) may have, whoever signed it, and the longest the issuer gives one.
    /// Defaults to one hour; at least <see cref="MaxTokenLifetime"/>, at most 24 hours.
    /// </summary>
    /// <remarks>
    /// A bound token opens one file (or one folder) only, so it may live longer than an unbound one, which opens every
    /// endpoint of the scheme. It is the recipe for a viewer on another site, where the continuation cookie is a
    /// third-party cookie that browsers block: issue it a token bound to the file with a lifetime that covers the
    /// viewing (<see cref="IMediaTokenIssuer.IssueToken(ClaimsPrincipal, Microsoft.AspNetCore.Http.PathString, MediaTokenDisposition, TimeSpan?)"/>).
    /// The default reaches as far as the default <see cref="ContinuationLifetime"/> does for a viewer on the same site.
    /// </remarks>
    public TimeSpan MaxResourceBoundTokenLifetime { get; set; } = MediaTokenDefaults.MaxResourceBoundTokenLifetime;

    /// <summary>
    /// How long, after its media token expired, the browser that opened a file with it may keep reading that file
    /// (a video seeking, a PDF viewer fetching ranges, a paused download resuming). Defaults to one hour; at most
    /// twelve hours; <see cref="TimeSpan.Zero"/> turns continuation off. Only endpoints marked with
    /// <c>AllowMediaTokenContinuation()</c> continue.
    /// </summary>
    /// <remarks>
    /// The first response for the file sets an <c>HttpOnly</c>, <c>SameSite=Lax</c> cookie (<c>Secure</c> over HTTPS)
    /// whose <c>Path</c> is the file's path, signed with the scheme's signing key for that customer and that path. It
    /// authenticates nothing else, and a key rotation that removes its key refuses it. The expired URL alone stays
    /// refused. A validation-only scheme (<see cref="JwksUri"/>) cannot sign, so it never continues.
    /// </remarks>
    public TimeSpan ContinuationLifetime { get; set; } = MediaTokenDefaults.ContinuationLifetime;

    /// <summary>
    /// The clock skew allowed when checking <c>exp</c> and <c>nbf</c>. Defaults to
    /// 5 seconds; at most one minute.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = MediaTokenDefaults.ClockSkew;

    /// <summary>
    /// The claim type that carries the customer id: read from the bearer-authenticated customer when a token is issued,
    /// and given to the principal built from a validated token. Defaults to <see cref="ClaimTypes.NameIdentifier"/>.
    /// </summary>
    public string CustomerIdClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>
    /// How many validated tokens the scheme remembers, by SHA-256 of the token, so that a repeated token (a PDF
    /// viewer's range requests, a page of thumbnails) skips the signature and claim checks. Defaults to 10,000;
    /// 0 turns the cache off.
    /// </summary>
    /// <remarks>
    /// Only tokens that passed every check are remembered. Expiry and not-before are checked again on every request,
    /// so a remembered token stops working when it expires, and any change of the options (a key added or removed,
    /// a configuration reload) forgets every token. The cache never holds a token itself, only its hash. It is used
    /// only when the scheme has an RSA or EC key: hashing a token costs about as much as checking an HMAC signature.
    /// </remarks>
    public int ValidationCacheSize { get; set; } = MediaTokenDefaults.ValidationCacheSize;

    /// <summary>
    /// The address of a JWKS document (see <c>MapMediaTokenJwks()</c>) whose keys validate tokens, for a service that
    /// validates media tokens issued by another one. Setting it makes the scheme validation-only: it cannot issue
    /// tokens, and <see cref="SigningCredentials"/> and <see cref="ValidationKeys"/> must stay empty.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The document is fetched before the first token is validated, again every <see cref="JwksRefreshInterval"/>, and
    /// when a token names a <c>kid</c> the keys lack, at most once every 30 seconds. Only
    /// RSA and EC keys with a <c>kid</c> are used. Until a fetch has succeeded every token is rejected; after a failed
    /// refresh the keys of the last good fetch stay in use. The periodic refresh runs in the background: requests keep
    /// the current keys while it is in flight. Must be HTTPS unless the host is loopback.
    /// </para>
    /// <para>
    /// Each key validates only its <c>alg</c>; an EC key without <c>alg</c> takes the algorithm of its curve, and an
    /// RSA key without <c>alg</c> is ignored (RS256 or PS256 cannot be told). Keys pass the checks of configured keys
    /// (RSA of at least 2048 bits, the curve of the algorithm, an algorithm in <see cref="ValidAlgorithms"/>); a key that
    /// fails them, or whose <c>kid</c> appears twice, is ignored. A document larger than 64 KiB,
    /// with more than 100 keys, malformed, or with no usable key is refused as a whole. The document is fetched through
    /// the <see cref="System.Net.Http.IHttpClientFactory"/> client named <c>Nexudus.MediaAuth.Jwks:{scheme}</c>, with a
    /// 10-second timeout; configure that client (<c>AddHttpClient(name)</c>) for a proxy, a handler or another timeout.
    /// </para>
    /// </remarks>
    public Uri? JwksUri { get; set; }

    /// <summary>
    /// How often the keys at <see cref="JwksUri"/> are fetched again. Defaults to
    /// 6 hours.
    /// </summary>
    public TimeSpan JwksRefreshInterval { get; set; } = MediaTokenDefaults.JwksRefreshInterval;

    /// <summary>Problems found while reading keys from configuration, reported by options validation.</summary>
    internal List<string> KeyConfigurationErrors { get; } = [];

    /// <summary>The keys read from configuration (<c>SigningKey</c>, <c>ValidationKeys</c>), kept apart from those given in code.</summary>
    internal List<MediaTokenKey> ConfigurationKeys { get; } = [];

    /// <summary>
    /// Whether every token must be bound to a resource (the <c>res</c> claim). Defaults to
    /// <see langword="false"/>: an unbound token authenticates any endpoint of the scheme, a bound one only its resource.
    /// </summary>
    /// <remarks>
    /// Turn it on once every issuer of the scheme binds its tokens (<see cref="IMediaTokenIssuer.IssueToken(ClaimsPrincipal, Microsoft.AspNetCore.Http.PathString, MediaTokenDisposition, TimeSpan?)"/>);
    /// an unbound token is then refused with <c>error="invalid_token"</c>. To require binding on some endpoints only,
    /// register a second media token scheme with this option on and name it in <c>RequireMediaToken(scheme)</c>.
    /// </remarks>
    public bool RequireResourceBinding { get; set; }
}
