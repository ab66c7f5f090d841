using GovGuard.Platform.Common;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>
/// The periodic security operation report of one website (GB/T 38249 7.2.2 f, 7.2.3 b): availability and response
/// time measured against the SLA in force (5.5.2), the breaches, alerts, findings, vulnerabilities and their fixing
/// time, and the sections other features contribute (incidents, drills, changes, duty coverage).
/// </summary>
public sealed record OperationReport(
    OperationReportWebsite Website,
    ReportPeriod Period,
    string? Month,
    DateTimeOffset GeneratedAt,
    string GeneratedByName,
    string? GeneratedByOrganisationName,
    SlaTargets? Sla,
    AvailabilityFigures Availability,
    ResponseTimeFigures ResponseTime,
    IReadOnlyList<SlaBreach> Breaches,
    AlertFigures Alerts,
    IReadOnlyList<FindingCategoryCount> Findings,
    VulnerabilityFigures Vulnerabilities,
    IReadOnlyList<OperationReportSection> Sections,
    StoredReportInfo? Stored = null)
{
    /// <summary>True when an SLA is in force and no period-level target (availability, response time) was missed.</summary>
    public bool? SlaMet => Sla is null || Availability.Percent is null ? null
        : !Breaches.Any(b => b.Scope == BreachScopes.Period);
}

/// <summary>The website the report is about.</summary>
public sealed record OperationReportWebsite(Guid Id, string Name, IReadOnlyList<string> Domains, string? SiteCode, string? CustomerName);

/// <summary>The SLA in force when the report was made: the approved SLA's typed terms (planning, 5.5.2 a).</summary>
public sealed record SlaTargets(
    int Version,
    string Digest,
    DateTimeOffset ApprovedAt,
    decimal AvailabilityPercent,
    string MeasurementWindow,
    int ResponseTimeMs,
    int ResponseTimePercentile,
    int RtoMinutes,
    int? AlertResponseMinutes);

/// <summary>Availability of the period, each day, and the outages (see <see cref="SlaMeasurement"/> for the definition).</summary>
public sealed record AvailabilityFigures(
    double? Percent,
    int Monitors,
    int Checks,
    long UpSeconds,
    long DownSeconds,
    long MaintenanceSeconds,
    long UnmeasuredSeconds,
    IReadOnlyList<DailyAvailability> Days,
    IReadOnlyList<OutageRow> Outages);

public sealed record DailyAvailability(DateOnly Day, double? Percent, long UpSeconds, long DownSeconds, long MaintenanceSeconds, long UnmeasuredSeconds);

public sealed record OutageRow(string Monitor, DateTimeOffset From, DateTimeOffset To, long Seconds);

/// <summary>Response times of the period and each day, in milliseconds.</summary>
public sealed record ResponseTimeFigures(int Samples, double? MeanMs, int? P95Ms, int? P99Ms, int? SlaPercentileMs, IReadOnlyList<DailyResponseTime> Days);

public sealed record DailyResponseTime(DateOnly Day, int Samples, double? MeanMs, int? P95Ms, int? P99Ms, int? SlaPercentileMs);

/// <summary>Where a breach applies: the whole period, one day, one outage, or one alert.</summary>
public static class BreachScopes
{
    public const string Period = "period";
    public const string Day = "day";
    public const string Outage = "outage";
    public const string Alert = "alert";
}

/// <summary>Which SLA targets a breach can concern.</summary>
public static class BreachTargets
{
    public const string Availability = "availability";
    public const string ResponseTime = "response_time";
    public const string Rto = "rto";
    public const string AlertResponse = "alert_response";
}

/// <summary>
/// One missed target: which (<see cref="BreachTargets"/>), where (<see cref="BreachScopes"/>), when, the measured and the
/// target value in <see cref="Unit"/>, and by how much (<see cref="Excess"/>, in the same unit).
/// </summary>
public sealed record SlaBreach(string Target, string Scope, DateTimeOffset From, DateTimeOffset To, double Actual, double Goal, double Excess, string Unit, Text Detail);

/// <summary>Alerts opened in the period by category and severity, and how fast they were answered.</summary>
public sealed record AlertFigures(
    int Opened,
    IReadOnlyList<AlertCategoryCount> ByCategory,
    int Acknowledged,
    double? MeanMinutesToAcknowledge,
    double? MaxMinutesToAcknowledge,
    int Resolved,
    double? MeanMinutesToResolve,
    double? MaxMinutesToResolve,
    int RecoveredUnattended,
    int LateResponses);

/// <summary>Alert counts of one category, by severity code (info … critical).</summary>
public sealed record AlertCategoryCount(string Category, IReadOnlyDictionary<string, int> BySeverity, int Total);

/// <summary>What the checks of the period found, by category: distinct findings (rule and URL), how often seen, the worst severity.</summary>
public sealed record FindingCategoryCount(string Category, int Distinct, int Occurrences, string WorstSeverity, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>Vulnerability and exposure alerts active in the period, and how long they took to fix.</summary>
public sealed record VulnerabilityFigures(int Total, int Fixed, int Open, double? MeanHoursToFix, double? MaxHoursToFix, IReadOnlyList<VulnerabilityRow> Items);

/// <summary>One vulnerability alert: opened → resolved (null while open; the open time is then counted to the report's end).</summary>
public sealed record VulnerabilityRow(Guid AlertId, string Category, string Severity, string Rule, string? Url, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, double Hours);

/// <summary>A report stored as a record: who stored it, as what kind, and the hashes of its snapshot.</summary>
public sealed record StoredReportInfo(Guid Id, string Kind, string IssuerRole, DateTimeOffset StoredAt, string StoredByName, string? StoredByOrganisationName, string Sha256, string Sm3);
