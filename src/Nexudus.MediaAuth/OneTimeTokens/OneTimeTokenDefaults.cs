namespace Nexudus.MediaAuth.OneTimeTokens;

/// <summary>
/// Default values for one-time tokens and the endpoints that issue and redeem them.
/// </summary>
/// <remarks>
/// The documented paths are public constants: portals call them. Every other default is internal and documented on
/// the <see cref="OneTimeTokenOptions"/> property it fills, so a caller never compiles in a value that a later
/// version changes.
/// </remarks>
internal static class OneTimeTokenDefaults
{
    /// <summary>
    /// The default lifetime of a one-time token: 60 seconds.
    /// </summary>
    internal static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest lifetime host code may give a token it issues for a link (an email, a chat message): 24 hours. A customer's revocation stamp
    /// lives this long, so it outlives every token issued before it.
    /// </summary>
    internal static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(1);

    /// <summary>
    /// The hard cap on <see cref="OneTimeTokenOptions.TokenLifetime"/>, the lifetime of the in-app redirect's tokens:
    /// 10 minutes, the longest RFC 6749 allows an authorization code to live.
    /// </summary>
    internal static readonly TimeSpan MaxDefaultTokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The default cap on the <c>validForInMinutes</c> of an exchange: 1440 minutes (24 hours), what the portal asks for.
    /// </summary>
    internal static readonly TimeSpan MaxExchangedTokenLifetime = TimeSpan.FromDays(1);

    /// <summary>
    /// The default path of the endpoint that issues a token to a bearer-authenticated customer:
    /// <c>/api/sys/users/token/refresh</c>.
    /// </summary>
    internal const string RefreshPath = "/api/sys/users/token/refresh";

    /// <summary>
    /// The default path of the endpoint that exchanges a token for a bearer token: <c>/api/sys/users/exchange</c>.
    /// </summary>
    internal const string ExchangePath = "/api/sys/users/exchange";

    /// <summary>
    /// The default bound on the live tokens of the in-memory store: 100,000, about 1,000 customers each at the
    /// default issue limit for a whole token lifetime (a burst of 30, then one a second for 60 s), and tens of
    /// megabytes of tickets (README, "One-time tokens").
    /// </summary>
    internal const int MaxLiveTokens = 100_000;

    /// <summary>
    /// The path of the login redirect that redeems a token, as the documented API and real portals use it: <c>/user/login</c>.
    /// </summary>
    internal const string LoginPath = "/user/login";

    /// <summary>
    /// The default local path the login redirect sends the browser to when <c>redirectUrl</c> is missing or not local,
    /// or when the token is not accepted: <c>/</c>.
    /// </summary>
    internal const string DefaultRedirectPath = "/";

    /// <summary>
    /// The number of random bytes in a token: 16 (128 bits), written as 32 lowercase hexadecimal characters.
    /// </summary>
    internal const int TokenBytes = 16;
}
