using System.Diagnostics;

namespace Nexudus.MediaAuth.Diagnostics;

/// <summary>
/// The library's traces: a span per token issuance and one-time token redemption, and an event on the request's
/// activity when a media token is rejected. Tags carry outcomes and reasons, never a token or a hash of one.
/// </summary>
internal static class MediaAuthActivitySource
{
    public const string Name = "Nexudus.MediaAuth";

    public const string IssueMediaToken = "nexudus.media_auth.media_token.issue";
    public const string IssueOneTimeToken = "nexudus.media_auth.one_time_token.issue";
    public const string RedeemOneTimeToken = "nexudus.media_auth.one_time_token.redeem";
    public const string MediaTokenRejectedEvent = "nexudus.media_auth.media_token.rejected";

    public const string OutcomeTag = "nexudus.media_auth.outcome";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// Marks a span as failed the way OpenTelemetry expects: error status and <c>error.type</c>, without the message,
    /// which may not be safe to export.
    /// </summary>
    public static void SetFailure(this Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag(MediaAuthMetrics.ErrorTypeTag, exception.GetType().FullName);
    }

    /// <summary>
    /// Adds a rejection event to the request's activity, only when that activity is being recorded.
    /// </summary>
    public static void AddMediaTokenRejected(string scheme, string reason)
    {
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.AddEvent(new ActivityEvent(MediaTokenRejectedEvent, tags: new ActivityTagsCollection
            {
                { MediaAuthMetrics.SchemeTag, scheme },
                { MediaAuthMetrics.ReasonTag, reason },
            }));
        }
    }
}
