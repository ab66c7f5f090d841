using GovGuard.Platform.Monitoring;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>One scheduled check of an availability monitor as the measurement reads it.</summary>
public readonly record struct MeasuredCheck(DateTimeOffset At, MonitorHealth Health, int? LatencyMs);

/// <summary>An availability monitor with its scheduled checks, oldest first (the last check before the period included).</summary>
public sealed record MeasuredMonitor(Guid Id, string Name, int IntervalSeconds, IReadOnlyList<MeasuredCheck> Checks);

/// <summary>A span of time excluded from the SLA (a maintenance window), for all monitors or the listed ones.</summary>
public sealed record ExcludedSpan(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Guid> MonitorIds)
{
    public bool Covers(Guid monitorId) => MonitorIds.Count == 0 || MonitorIds.Contains(monitorId);
}

/// <summary>Seconds of one day (or the whole period) by what the checks showed.</summary>
public sealed record AvailabilityTally(DateOnly? Day, long UpSeconds, long DownSeconds, long MaintenanceSeconds, long UnmeasuredSeconds)
{
    /// <summary>Up time over measured time (up + down), in percent; null when nothing was measured.</summary>
    public double? Percent => UpSeconds + DownSeconds == 0 ? null : 100.0 * UpSeconds / (UpSeconds + DownSeconds);
}

/// <summary>A continuous time a monitor's checks showed Down (maintenance excluded).</summary>
public sealed record Outage(Guid MonitorId, string MonitorName, DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;
}

/// <summary>Response times of one day (or the whole period): count, mean and percentiles in milliseconds.</summary>
public sealed record LatencyTally(DateOnly? Day, int Samples, double? MeanMs, int? P95Ms, int? P99Ms, int? SlaPercentileMs);

/// <summary>What the availability checks of one period measured.</summary>
public sealed record SlaMeasurementResult(
    AvailabilityTally Total,
    IReadOnlyList<AvailabilityTally> Days,
    IReadOnlyList<Outage> Outages,
    LatencyTally Latency,
    IReadOnlyList<LatencyTally> LatencyDays,
    int Checks);

/// <summary>
/// Availability and response time from raw check results (GB/T 38249 5.5.2 a; 7.2.2 f) — computed, never typed in.
/// <para>
/// Availability is <b>time-weighted</b>: each scheduled check of an availability monitor stands for the time from
/// its finish until the next check finished, but for at most twice the monitor's interval; time no check stands for
/// (the engine stopped, the monitor was disabled) is <i>unmeasured</i>, as is time after an incomplete check (it could
/// neither show up nor down). Time inside a maintenance window covering the monitor is excluded from the SLA, as SLAs
/// allow. The health is the check's own (<see cref="CheckResult.RawHealth"/>, before the retry logic that only
/// suppresses flapping alerts). Availability = up / (up + down) seconds, pooled over all availability monitors of
/// the website; days are calendar days in China Standard Time (UTC+8, no daylight saving).
/// </para>
/// <para>
/// Response time is the latency of the scheduled checks that saw the site up (a failed connection has no response
/// time to speak of), outside maintenance; percentiles by the nearest-rank method.
/// </para>
/// </summary>
public static class SlaMeasurement
{
    /// <summary>China Standard Time, the reports' calendar.</summary>
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>A check stands for at most this many intervals.</summary>
    public const int CoverIntervals = 2;

    public static SlaMeasurementResult Measure(ReportPeriod period, IReadOnlyList<MeasuredMonitor> monitors, IReadOnlyList<ExcludedSpan> excluded, int slaPercentile)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(monitors);
        ArgumentNullException.ThrowIfNull(excluded);
        var days = DaysOf(period);
        var up = new long[days.Count];
        var down = new long[days.Count];
        var maintenance = new long[days.Count];
        var outages = new List<Outage>();
        var latencies = new List<int>[days.Count];
        for (var d = 0; d < days.Count; d++)
        {
            latencies[d] = [];
        }

        var checks = 0;
        foreach (var m in monitors)
        {
            var windows = Merge(excluded.Where(e => e.Covers(m.Id)).Select(e => (Clip(e.From, period), Clip(e.To, period))).Where(w => w.Item1 < w.Item2));
            foreach (var (from, to) in windows)
            {
                AddByDay(days, maintenance, from, to);
            }

            var cover = TimeSpan.FromSeconds(Math.Max(1, m.IntervalSeconds) * (long)CoverIntervals);
            DateTimeOffset? downFrom = null;
            DateTimeOffset downTo = default;
            for (var i = 0; i < m.Checks.Count; i++)
            {
                var c = m.Checks[i];
                if (c.At >= period.From && c.At < period.To)
                {
                    checks++;
                    if (c.Health == MonitorHealth.Up && c.LatencyMs is { } ms && !Inside(windows, c.At))
                    {
                        latencies[DayIndex(days, c.At)].Add(ms);
                    }
                }

                var end = c.At + cover;
                if (i + 1 < m.Checks.Count && m.Checks[i + 1].At < end)
                {
                    end = m.Checks[i + 1].At;
                }

                var (s, e) = (Clip(c.At, period), Clip(end, period));
                if (s >= e || c.Health == MonitorHealth.Incomplete)
                {
                    continue;
                }

                foreach (var (ps, pe) in Subtract(s, e, windows))
                {
                    AddByDay(days, c.Health == MonitorHealth.Up ? up : down, ps, pe);
                    if (c.Health == MonitorHealth.Down)
                    {
                        if (downFrom is not null && ps == downTo)
                        {
                            downTo = pe;
                        }
                        else
                        {
                            Flush();
                            (downFrom, downTo) = (ps, pe);
                        }
                    }
                    else
                    {
                        Flush();
                    }
                }
            }

            Flush();

            void Flush()
            {
                if (downFrom is { } f)
                {
                    outages.Add(new Outage(m.Id, m.Name, f, downTo));
                }

                downFrom = null;
            }
        }

        var tallies = new List<AvailabilityTally>(days.Count);
        var latencyDays = new List<LatencyTally>(days.Count);
        for (var d = 0; d < days.Count; d++)
        {
            var length = (days[d].To - days[d].From).Ticks * monitors.Count;
            tallies.Add(new AvailabilityTally(days[d].Day, Seconds(up[d]), Seconds(down[d]), Seconds(maintenance[d]), Seconds(Math.Max(0, length - up[d] - down[d] - maintenance[d]))));
            latencyDays.Add(Latency(days[d].Day, latencies[d], slaPercentile));
        }

        var all = (period.To - period.From).Ticks * monitors.Count;
        var total = new AvailabilityTally(null, Seconds(up.Sum()), Seconds(down.Sum()), Seconds(maintenance.Sum()), Seconds(Math.Max(0, all - up.Sum() - down.Sum() - maintenance.Sum())));
        return new SlaMeasurementResult(total, tallies, outages.OrderBy(o => o.From).ToList(), Latency(null, latencies.SelectMany(l => l).ToList(), slaPercentile), latencyDays, checks);
    }

    /// <summary>The value at percentile <paramref name="p"/> (nearest rank) of ascending-sorted values.</summary>
    public static int Percentile(IReadOnlyList<int> sorted, int p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The calendar days (China Standard Time) the period touches, each clipped to the period.</summary>
    public static IReadOnlyList<(DateOnly Day, DateTimeOffset From, DateTimeOffset To)> DaysOf(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var list = new List<(DateOnly, DateTimeOffset, DateTimeOffset)>();
        var day = DateOnly.FromDateTime(period.From.ToOffset(China).DateTime);
        while (true)
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), China);
            if (start >= period.To)
            {
                break;
            }

            var end = start.AddDays(1);
            list.Add((day, start < period.From ? period.From : start, end > period.To ? period.To : end));
            day = day.AddDays(1);
        }

        return list;
    }

    private static LatencyTally Latency(DateOnly? day, List<int> values, int slaPercentile)
    {
        if (values.Count == 0)
        {
            return new LatencyTally(day, 0, null, null, null, null);
        }

        values.Sort();
        return new LatencyTally(day, values.Count, values.Average(), Percentile(values, 95), Percentile(values, 99), Percentile(values, slaPercentile));
    }

    private static long Seconds(long ticks) => (long)Math.Round(ticks / (double)TimeSpan.TicksPerSecond);

    private static DateTimeOffset Clip(DateTimeOffset at, ReportPeriod p) => at < p.From ? p.From : at > p.To ? p.To : at;

    private static List<(DateTimeOffset From, DateTimeOffset To)> Merge(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> spans)
    {
        var merged = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var s in spans.OrderBy(s => s.From))
        {
            if (merged.Count > 0 && s.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, s.To > merged[^1].To ? s.To : merged[^1].To);
            }
            else
            {
                merged.Add(s);
            }
        }

        return merged;
    }

    private static bool Inside(List<(DateTimeOffset From, DateTimeOffset To)> windows, DateTimeOffset at) => windows.Exists(w => at >= w.From && at < w.To);

    /// <summary>[from, to) without the (merged, sorted) windows.</summary>
    private static IEnumerable<(DateTimeOffset, DateTimeOffset)> Subtract(DateTimeOffset from, DateTimeOffset to, List<(DateTimeOffset From, DateTimeOffset To)> windows)
    {
        var cursor = from;
        foreach (var w in windows)
        {
            if (w.To <= cursor || w.From >= to)
            {
                continue;
            }

            if (w.From > cursor)
            {
                yield return (cursor, w.From);
            }

            cursor = w.To;
            if (cursor >= to)
            {
                yield break;
            }
        }

        if (cursor < to)
        {
            yield return (cursor, to);
        }
    }

    private static int DayIndex(IReadOnlyList<(DateOnly Day, DateTimeOffset From, DateTimeOffset To)> days, DateTimeOffset at)
    {
        // Days are consecutive: the index is the whole days since the first day's local midnight.
        var first = new DateTimeOffset(days[0].Day.ToDateTime(TimeOnly.MinValue), China);
        return Math.Clamp((int)Math.Floor((at - first).TotalDays), 0, days.Count - 1);
    }

    /// <summary>Adds the ticks of [from, to) to each day's bucket.</summary>
    private static void AddByDay(IReadOnlyList<(DateOnly Day, DateTimeOffset From, DateTimeOffset To)> days, long[] bucket, DateTimeOffset from, DateTimeOffset to)
    {
        for (var d = DayIndex(days, from); d < days.Count && days[d].From < to; d++)
        {
            var s = from > days[d].From ? from : days[d].From;
            var e = to < days[d].To ? to : days[d].To;
            if (e > s)
            {
                bucket[d] += (e - s).Ticks;
            }
        }
    }
}
