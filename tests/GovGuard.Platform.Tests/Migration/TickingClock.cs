namespace GovGuard.Platform.Tests.Migration;

/// <summary>A clock that moves one second each time it is read (so records made one after another are ordered), and by hand.</summary>
public sealed class TickingClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
