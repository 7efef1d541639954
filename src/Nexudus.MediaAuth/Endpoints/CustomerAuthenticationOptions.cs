using System.Security.Claims;
using System.Threading.RateLimiting;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// How the token-issuing endpoints (<c>MapMediaTokenEndpoints</c>, <c>MapOneTimeTokenEndpoints</c>) authenticate the
/// customer who asks for a token, and how many tokens each customer may be issued.
/// </summary>
public sealed class CustomerAuthenticationOptions
{
    /// <summary>
    /// The host's bearer schemes that authenticate the customer. Empty (the default) means the host's default
    /// authenticate scheme. A principal authenticated by a media token is refused whatever is listed here: a media
    /// token can never mint another token.
    /// </summary>
    public IList<string> AuthenticationSchemes { get; } = [];

    /// <summary>
    /// The limit on the tokens each customer is issued, applied separately to media tokens
    /// (<c>GET /api/auth/media/customer</c>) and to one-time tokens (<c>POST /api/sys/users/token/refresh</c>), per
    /// customer (the <see cref="ClaimTypes.NameIdentifier"/> claim, else the identity's name). A customer over it gets
    /// HTTP 429 with <c>Retry-After</c>. Defaults to a token bucket of 30, replenished by one token every second,
    /// without queueing: a burst of 30 links opened at once, and one a second after that, far above the portal's one
    /// of each every 50 seconds and one per click. <see langword="null"/> removes the limit.
    /// </summary>
    /// <remarks>
    /// The limit is enforced by the endpoints themselves, whether or not the host calls <c>UseRateLimiter()</c>.
    /// </remarks>
    public TokenBucketRateLimiterOptions? IssueLimit { get; set; } = CustomerIssueLimits.CreateDefault();
}
