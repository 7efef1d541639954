using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// The library's instruments, on the <see cref="MeterName"/> meter. Tags are low-cardinality by construction: scheme
/// names, algorithms and a fixed set of reasons; never a token, a hash of one or a customer.
/// </summary>
/// <remarks>
/// Every method returns at once when no listener is on (<see cref="Instrument.Enabled"/>), and passes its tags as
/// <see cref="KeyValuePair{TKey, TValue}"/> arguments rather than an array, so the media token path allocates nothing
/// for metrics.
/// </remarks>
internal sealed class MediaAuthMetrics
{
    public const string MeterName = "Nexudus.MediaAuth";

    public const string SchemeTag = "aspnetcore.authentication.scheme";
    public const string AlgorithmTag = "nexudus.media_auth.media_token.algorithm";
    public const string CachedTag = "nexudus.media_auth.media_token.cached";
    public const string ReasonTag = "nexudus.media_auth.reason";
    public const string StoreOperationTag = "nexudus.media_auth.store.operation";
    public const string StoreTypeTag = "nexudus.media_auth.store.type";
    public const string ErrorTypeTag = "error.type";

    private static readonly object True = true;
    private static readonly object False = false;

    private readonly Counter<long> _mediaTokensIssued;
    private readonly Counter<long> _mediaTokensValidated;
    private readonly Counter<long> _mediaTokensRejected;
    private readonly Counter<long> _oneTimeTokensIssued;
    private readonly Counter<long> _oneTimeTokensRedeemed;
    private readonly Counter<long> _oneTimeTokensRejected;
    private readonly Counter<long> _oneTimeTokensRefusedByFullStore;
    private readonly Histogram<double> _storeDuration;

    public MediaAuthMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _mediaTokensIssued = meter.CreateCounter<long>(
            "nexudus.media_auth.media_token.issued", "{token}", "The number of media tokens issued.");
        _mediaTokensValidated = meter.CreateCounter<long>(
            "nexudus.media_auth.media_token.validated", "{token}", "The number of requests whose media token passed validation.");
        _mediaTokensRejected = meter.CreateCounter<long>(
            "nexudus.media_auth.media_token.rejected", "{token}", "The number of requests whose media token was rejected, by reason.");
        _oneTimeTokensIssued = meter.CreateCounter<long>(
            "nexudus.media_auth.one_time_token.issued", "{token}", "The number of one-time tokens issued.");
        _oneTimeTokensRedeemed = meter.CreateCounter<long>(
            "nexudus.media_auth.one_time_token.redeemed", "{token}", "The number of one-time tokens redeemed.");
        _oneTimeTokensRejected = meter.CreateCounter<long>(
            "nexudus.media_auth.one_time_token.rejected", "{token}", "The number of one-time token redemptions refused, by reason.");
        _oneTimeTokensRefusedByFullStore = meter.CreateCounter<long>(
            "nexudus.media_auth.one_time_token.store_full",
            "{token}",
            "The number of one-time tokens not issued because the in-memory store held its bound of live tokens.");
        _storeDuration = meter.CreateHistogram(
            "nexudus.media_auth.store.duration",
            "s",
            "The duration of one-time token store operations.",
            tags: null,
            advice: new InstrumentAdvice<double>
            {
                // A store is a local cache or one network round trip: finer than the default buckets at the low end.
                HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
    }

    /// <summary>
    /// Registers the instruments, and <see cref="IMeterFactory"/> for a host built without one.
    /// </summary>
    public static void TryAdd(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<MediaAuthMetrics>();
    }

    public void MediaTokenIssued(string scheme, string algorithm)
    {
        if (_mediaTokensIssued.Enabled)
        {
            _mediaTokensIssued.Add(1, new(SchemeTag, scheme), new(AlgorithmTag, algorithm));
        }
    }

    public void MediaTokenValidated(string scheme, bool fromCache)
    {
        if (_mediaTokensValidated.Enabled)
        {
            _mediaTokensValidated.Add(1, new(SchemeTag, scheme), new(CachedTag, fromCache ? True : False));
        }
    }

    public void MediaTokenRejected(string scheme, string reason)
    {
        if (_mediaTokensRejected.Enabled)
        {
            _mediaTokensRejected.Add(1, new(SchemeTag, scheme), new(ReasonTag, reason));
        }
    }

    public void OneTimeTokenIssued() => _oneTimeTokensIssued.Add(1);

    public void OneTimeTokenRedeemed() => _oneTimeTokensRedeemed.Add(1);

    public void OneTimeTokenRejected(string reason) => _oneTimeTokensRejected.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void OneTimeTokenRefusedByFullStore() => _oneTimeTokensRefusedByFullStore.Add(1);

    public void StoreOperationCompleted(string operation, string storeType, TimeSpan duration, Exception? failure)
    {
        if (!_storeDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { StoreOperationTag, operation }, { StoreTypeTag, storeType } };
        if (failure is not null)
        {
            tags.Add(ErrorTypeTag, failure.GetType().FullName);
        }

        _storeDuration.Record(duration.TotalSeconds, tags);
    }
}
