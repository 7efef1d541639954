using System.Threading.RateLimiting;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The default limit on the tokens each customer is issued per endpoint (<see cref="CustomerAuthenticationOptions.IssueLimit"/>).
/// </summary>
/// <remarks>
/// The portal asks for a media token and a one-time token every 50 seconds, and a one-time token on each click of an
/// authenticated link: far below one a second. A burst of 30 covers a page that opens many links at once, or a
/// customer clicking through a list; the steady one a second covers any human. A script looping on an endpoint is held
/// to the same one a second: for one-time tokens, at most 30 + 60 = 90 live tokens per customer over their 60-second
/// lifetime, so 1,000 such customers stay under the in-memory store's bound of 100,000.
/// </remarks>
internal static class CustomerIssueLimits
{
    /// <summary>
    /// The tokens a customer may be issued at once, before the limit applies: 30.
    /// </summary>
    public const int Burst = 30;

    /// <summary>
    /// How often a customer's bucket gets one token back: every second.
    /// </summary>
    public static readonly TimeSpan ReplenishmentPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A new instance of the default limit: a bucket of <see cref="Burst"/>, one token back every
    /// <see cref="ReplenishmentPeriod"/>, no queue.
    /// </summary>
    /// <returns>The default limit.</returns>
    public static TokenBucketRateLimiterOptions CreateDefault() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
