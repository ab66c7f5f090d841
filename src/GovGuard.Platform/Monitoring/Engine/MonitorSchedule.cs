namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>
/// Where a monitor's checks fall in time: every interval, at a phase fixed by the monitor's id. The phase is the
/// jitter that spreads ten thousand monitors over the interval, and being derived from the id it is the same on
/// every silo, so a monitor that moves after a silo dies keeps its slots.
/// </summary>
public static class MonitorSchedule
{
    /// <summary>The first slot strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextSlot(Guid monitorId, TimeSpan interval, DateTimeOffset after)
    {
        var period = Math.Max(1000L, (long)interval.TotalMilliseconds);
        var phase = (long)(Phase(monitorId) % (ulong)period);
        var t = after.ToUnixTimeMilliseconds();
        var k = Math.Floor((double)(t - phase) / period) + 1;
        var slot = ((long)k * period) + phase;
        if (slot <= t)
        {
            slot += period;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(slot);
    }

    private static ulong Phase(Guid id)
    {
        Span<byte> b = stackalloc byte[16];
        id.TryWriteBytes(b);
        return BitConverter.ToUInt64(b[..8]) ^ BitConverter.ToUInt64(b[8..]);
    }
}
