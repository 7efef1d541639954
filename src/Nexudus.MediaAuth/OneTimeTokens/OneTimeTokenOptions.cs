using System.Security.Claims;
using Nexudus.MediaAuth.OneTimeTokens.Stores;

namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Options for one-time tokens: how long they live and how they are redeemed.
/// </summary>
public sealed class OneTimeTokenOptions
{
    /// <summary>
    /// How long a token issued by the refresh endpoint (or <see cref="IOneTimeTokenService.IssueAsync(System.Security.Claims.ClaimsPrincipal, CancellationToken)"/>)
    /// can be redeemed. Defaults to 60 seconds; at most 10 minutes.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = OneTimeTokenDefaults.TokenLifetime;

    /// <summary>
    /// How the login redirect redeems every token: <see cref="OneTimeTokenLoginMode.Immediate"/> (the default) lets the
    /// <c>GET</c> redeem tokens issued in <see cref="OneTimeTokenLoginMode.Immediate"/> mode, as the in-app redirect
    /// needs; <see cref="OneTimeTokenLoginMode.Confirm"/> makes every token wait for the confirmation page's
    /// <c>POST</c>. A token issued in <see cref="OneTimeTokenLoginMode.Confirm"/> mode always waits for it.
    /// </summary>
    public OneTimeTokenLoginMode LoginMode { get; set; } = OneTimeTokenLoginMode.Immediate;

    /// <summary>
    /// The most live tokens the in-memory store holds (the default store, when no <see cref="IOneTimeTokenStore"/> is
    /// registered). When it holds this many, issuing fails (the refresh endpoint answers its 500 envelope) until tokens
    /// are redeemed or expire: a live token is never evicted to make room. Defaults to 100,000.
    /// </summary>
    public int MaxLiveTokens { get; set; } = OneTimeTokenDefaults.MaxLiveTokens;

    /// <summary>
    /// The scheme the login redirect signs the customer in with, typically a cookie scheme of the server-rendered side.
    /// <see langword="null"/> (the default) means the host's default sign-in scheme.
    /// </summary>
    public string? SignInScheme { get; set; }

    /// <summary>
    /// The claim type of the customer id. A token is issued only to a principal with this claim, and the principal it
    /// signs in always carries it. Defaults to <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/>, what
    /// JwtBearer and BearerToken map <c>sub</c> to; use <c>sub</c> when the bearer scheme keeps JWT claim names
    /// (<c>MapInboundClaims = false</c>).
    /// </summary>
    public string CustomerIdClaimType { get; set; } = System.Security.Claims.ClaimTypes.NameIdentifier;

    /// <summary>
    /// Called when a token is issued, with the issuing principal and the identity the token will carry (its customer id
    /// and the principal's <see cref="System.Security.Claims.ClaimTypes.Name"/>, <see cref="System.Security.Claims.ClaimTypes.Email"/>
    /// and <see cref="System.Security.Claims.ClaimTypes.Role"/> claims already copied: enough to greet the customer and
    /// to authorize by role; every other claim, such as the bearer JWT's own <c>iss</c>, <c>aud</c>, <c>iat</c>,
    /// <c>nbf</c> and <c>exp</c>, is left behind), to add, change or remove claims. Registered JWT claims added here
    /// are removed afterwards. <see langword="null"/> (the default) keeps the identity as copied.
    /// </summary>
    public Action<ClaimsPrincipal, ClaimsIdentity>? OnCreatingIdentity { get; set; }

    /// <summary>
    /// The longest lifetime an exchange may grant; a larger <c>validForInMinutes</c> is clamped to it.
    /// Defaults to 24 hours.
    /// </summary>
    public TimeSpan MaxExchangedTokenLifetime { get; set; } = OneTimeTokenDefaults.MaxExchangedTokenLifetime;

    /// <summary>
    /// Whether the login redirect also answers under a culture prefix, such as <c>/en/user/login</c>. Defaults to
    /// <see langword="true"/>.
    /// </summary>
    public bool AllowCulturePrefix { get; set; } = true;

    /// <summary>
    /// The local path the login redirect sends the browser to when <c>redirectUrl</c> is missing or not a local path,
    /// and after a token is refused. Defaults to <c>/</c>.
    /// </summary>
    public string DefaultRedirectPath { get; set; } = OneTimeTokenDefaults.DefaultRedirectPath;
}
