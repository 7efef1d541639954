using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Nexudus.MediaAuth.Endpoints;

/// <summary>
/// The per-customer limits of <see cref="CustomerAuthenticationOptions.IssueLimit"/>: one partitioned limiter per kind
/// of token, so that a portal's media token refreshes never use up its one-time tokens, nor the other way round.
/// </summary>
/// <remarks>
/// The limiters run on their own clock (<see cref="TokenBucketRateLimiter"/> replenishes on a system timer), not on
/// the host's <see cref="TimeProvider"/>: tests use a replenishment period longer than the test, so nothing is
/// replenished while it runs. A customer's bucket is dropped once it has been full and idle for a while, so the
/// partitions held are those of customers who asked recently.
/// </remarks>
internal sealed class CustomerIssueLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _mediaTokens;
    private readonly PartitionedRateLimiter<string>? _oneTimeTokens;

    public CustomerIssueLimiter(IOptions<CustomerAuthenticationOptions> options)
    {
        if (options.Value.IssueLimit is { } limit)
        {
            _mediaTokens = Create(limit);
            _oneTimeTokens = Create(limit);
        }
    }

    /// <summary>
    /// Takes one token of <paramref name="kind"/> from the bucket of the customer <paramref name="customerId"/>; a lease
    /// that is always acquired when the limit is off.
    /// </summary>
    public ValueTask<RateLimitLease> AcquireAsync(IssuedTokenKind kind, string customerId, CancellationToken cancellationToken)
    {
        var limiter = kind == IssuedTokenKind.MediaToken ? _mediaTokens : _oneTimeTokens;
        return limiter is null ? ValueTask.FromResult(Unlimited.Lease) : limiter.AcquireAsync(customerId, 1, cancellationToken);
    }

    public void Dispose()
    {
        _mediaTokens?.Dispose();
        _oneTimeTokens?.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(TokenBucketRateLimiterOptions limit)
    {
        // A copy: the limiter reads its options as it runs, and the host's instance may still be changed.
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.TokenLimit,
            TokensPerPeriod = limit.TokensPerPeriod,
            ReplenishmentPeriod = limit.ReplenishmentPeriod,
            QueueLimit = limit.QueueLimit,
            QueueProcessingOrder = limit.QueueProcessingOrder,
            AutoReplenishment = limit.AutoReplenishment,
        };
        return PartitionedRateLimiter.Create<string, string>(
            customerId => RateLimitPartition.GetTokenBucketLimiter(customerId, _ => options),
            StringComparer.Ordinal);
    }

    private sealed class Unlimited : RateLimitLease
    {
        public static readonly RateLimitLease Lease = new Unlimited();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
