namespace Nexudus.MediaAuth.BrowserTests;

/// <summary>
/// The system clock moved forward on demand: a browser test lets a media token expire without waiting a minute, while
/// Kestrel and the browser keep running in real time.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan delta) => Interlocked.Add(ref _offsetTicks, delta.Ticks);
}
