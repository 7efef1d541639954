using System.Collections.Concurrent;
using System.Diagnostics;
using Nexudus.MediaAuth.Diagnostics;

namespace Nexudus.MediaAuth.Tests.Diagnostics;

/// <summary>
/// Records the activities of one trace: the server's request activity and the library's spans. Requests join the
/// trace through the <c>traceparent</c> header of <see cref="Send"/>, so tests running at the same time, which share
/// the process-wide listener, do not mix.
/// </summary>
internal sealed class TraceRecorder : IDisposable
{
    private readonly ActivityTraceId _traceId = ActivityTraceId.CreateRandom();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TraceRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is MediaAuthActivitySource.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _traceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Adds the trace's <c>traceparent</c> to a request.</summary>
    public HttpRequestMessage Send(HttpRequestMessage request)
    {
        request.Headers.Add("traceparent", $"00-{_traceId}-{ActivitySpanId.CreateRandom()}-01");
        return request;
    }

    /// <summary>
    /// The recorded activities once one matches: the server stops a request's activity after the client has its
    /// response.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 100 && !_stopped.Any(match); attempt++)
        {
            await Task.Delay(50);
        }

        return [.. _stopped];
    }

    public void Dispose() => _listener.Dispose();
}
