namespace GovGuard.Platform.Monitoring.Engine;

/// <summary>What a check did, as a grain call returns it (check now).</summary>
[GenerateSerializer]
[Alias("GovGuard.CheckReport")]
public sealed record CheckReport(
    [property: Id(0)] long ResultId,
    [property: Id(1)] MonitorHealth Health,
    [property: Id(2)] MonitorHealth RawHealth,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int? LatencyMs,
    [property: Id(5)] int? StatusCode,
    [property: Id(6)] string SummaryZh,
    [property: Id(7)] string SummaryEn,
    [property: Id(8)] int FindingCount);
