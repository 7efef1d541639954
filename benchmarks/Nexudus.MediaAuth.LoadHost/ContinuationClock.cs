namespace Nexudus.MediaAuth.LoadHost;

/// <summary>
/// The system clock, set back while the <c>continuation</c> mode opens its file: the tokens it opens the file with are
/// long expired by the time wrk sends them again, beside the continuation cookies their first responses set.
/// </summary>
public sealed class ContinuationClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void SetOffset(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
}
