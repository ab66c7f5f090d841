using GovGuard.Catalog;
using GovGuard.Catalog.Incidents;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Emergency;

/// <summary>One required section of an emergency plan (GB/T 38249 7.5 a), by wire code and name.</summary>
public sealed record PlanSection(string Code, Text Name, Func<EmergencyPlan, string> Read, Action<EmergencyPlan, string> Write)
{
    /// <summary>The six sections 7.5 a asks for, in the standard's order.</summary>
    public static IReadOnlyList<PlanSection> All { get; } =
    [
        new("general", new("总则", "General provisions"), p => p.General, (p, v) => p.General = v),
        new("roles", new("角色及职责", "Roles and duties"), p => p.Roles, (p, v) => p.Roles = v),
        new("prevention", new("预防和预警机制", "Prevention and early warning"), p => p.Prevention, (p, v) => p.Prevention = v),
        new("grading", new("响应分级", "Response grading"), p => p.Grading, (p, v) => p.Grading = v),
        new("procedure", new("处置流程", "Handling procedure"), p => p.Procedure, (p, v) => p.Procedure = v),
        new("safeguards", new("保障措施", "Safeguards"), p => p.Safeguards, (p, v) => p.Safeguards = v),
    ];
}

/// <summary>An emergency plan version as callers see it; <c>Missing</c> names the sections that keep it from approval.</summary>
public sealed record PlanView(
    Guid Id,
    Guid WebsiteId,
    string Category,
    string CategoryZh,
    string CategoryEn,
    int Number,
    string State,
    string Title,
    IReadOnlyDictionary<string, string> Sections,
    IReadOnlyList<string> Missing,
    string WrittenBy,
    DateTimeOffset UpdatedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    int Version)
{
    internal static PlanView Of(EmergencyPlan p) => new(
        p.Id, p.WebsiteId, p.Category.ToWire(), p.Category.NameZh(), p.Category.NameEn(), p.Number, WireCodes<PlanState>.Code(p.State), p.Title,
        PlanSection.All.ToDictionary(s => s.Code, s => s.Read(p), StringComparer.Ordinal),
        PlanSection.All.Where(s => !EmergencyRules.IsComplete(s.Read(p))).Select(s => s.Code).ToList(),
        p.WrittenByName, p.UpdatedAt, p.ApprovedByName, p.ApprovedAt, p.Version);
}

/// <summary>What the provider sends to write a plan's draft; sections by code (general, roles, prevention, grading, procedure, safeguards).</summary>
public sealed record PlanInput(string? Category, string? Title, IReadOnlyDictionary<string, string?>? Sections, int? Version = null);

/// <summary>A drill as callers see it.</summary>
public sealed record DrillView(
    Guid Id, Guid WebsiteId, string Category, string CategoryZh, string CategoryEn, DateOnly HeldOn, string Participants, string Scenario,
    string Result, string Findings, string RecordedBy, DateTimeOffset RecordedAt)
{
    internal static DrillView Of(Drill d) => new(d.Id, d.WebsiteId, d.Category.ToWire(), d.Category.NameZh(), d.Category.NameEn(), d.HeldOn,
        d.Participants, d.Scenario, WireCodes<DrillResult>.Code(d.Result), d.Findings, d.RecordedByName, d.RecordedAt);
}

/// <summary>What the provider sends to record a drill.</summary>
public sealed record DrillInput(string? Category, DateOnly? HeldOn, string? Participants, string? Scenario, string? Result, string? Findings);

/// <summary>Each typical category's drill status: the last drill, the day by which the next is due, and whether it is overdue.</summary>
public sealed record DrillStatus(string Category, string CategoryZh, string CategoryEn, DateOnly? LastHeldOn, DateOnly DueBy, bool Overdue);

/// <summary>A website's backup strategy as callers see it.</summary>
public sealed record BackupStrategyView(Guid WebsiteId, int FullEveryDays, int IncrementalEveryHours, int RetentionDays, string Location, bool OffSite, string Notes, string UpdatedBy, DateTimeOffset UpdatedAt, int Version)
{
    internal static BackupStrategyView Of(BackupStrategy s) =>
        new(s.WebsiteId, s.FullEveryDays, s.IncrementalEveryHours, s.RetentionDays, s.Location, s.OffSite, s.Notes, s.UpdatedByName, s.UpdatedAt, s.Version);
}

/// <summary>What the provider sends to set the backup strategy.</summary>
public sealed record BackupStrategyInput(int? FullEveryDays, int? IncrementalEveryHours, int? RetentionDays, string? Location, bool? OffSite, string? Notes, int? Version = null);

/// <summary>A backup restore drill as callers see it.</summary>
public sealed record RestoreDrillView(Guid Id, Guid WebsiteId, DateOnly HeldOn, string BackupRestored, bool Succeeded, int DurationMinutes, bool DataVerified, string Findings, string RecordedBy, DateTimeOffset RecordedAt)
{
    internal static RestoreDrillView Of(RestoreDrill d) =>
        new(d.Id, d.WebsiteId, d.HeldOn, d.BackupRestored, d.Succeeded, d.DurationMinutes, d.DataVerified, d.Findings, d.RecordedByName, d.RecordedAt);
}

/// <summary>What the provider sends to record a restore drill.</summary>
public sealed record RestoreDrillInput(DateOnly? HeldOn, string? BackupRestored, bool? Succeeded, int? DurationMinutes, bool? DataVerified, string? Findings);

/// <summary>Everything of a website's emergency preparedness on one page.</summary>
public sealed record EmergencyOverview(
    IReadOnlyList<PlanView> Plans,
    IReadOnlyList<DrillStatus> DrillStatus,
    IReadOnlyList<DrillView> Drills,
    BackupStrategyView? Backup,
    IReadOnlyList<RestoreDrillView> RestoreDrills,
    bool CanWrite,
    bool CanApprove);

/// <summary>The rules emergency records share.</summary>
public static class EmergencyRules
{
    /// <summary>GB/T 38249 7.5 b: a drill of each typical category at least once every two years.</summary>
    public const int DrillEveryYears = 2;

    private static readonly string[] Placeholders = ["无", "暂无", "待定", "待补充", "略", "tbd", "todo", "n/a", "none", "-", "—"];

    /// <summary>A section counts when it says something: at least <see cref="EmergencyLimits.MinSection"/> characters and not a placeholder.</summary>
    public static bool IsComplete(string? text)
    {
        var t = text?.Trim() ?? string.Empty;
        return t.Length >= EmergencyLimits.MinSection && !Placeholders.Contains(t.ToLowerInvariant(), StringComparer.Ordinal);
    }

    /// <summary>Today in China (UTC+8): drills are held on calendar days there.</summary>
    public static DateOnly ChinaToday(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>The day by which the next drill of a category is due: two years after the last one, or after the baseline when there is none.</summary>
    public static DateOnly DueBy(DateOnly? lastHeldOn, DateOnly baseline) => (lastHeldOn ?? baseline).AddYears(DrillEveryYears);

    public static IReadOnlyList<DrillStatus> Status(IEnumerable<Drill> drills, DateOnly baseline, DateOnly today)
    {
        var last = drills.GroupBy(d => d.Category).ToDictionary(g => g.Key, g => g.Max(d => d.HeldOn));
        return IncidentCategories.Typical.Select(c =>
        {
            DateOnly? held = last.TryGetValue(c, out var h) ? h : null;
            var due = DueBy(held, baseline);
            return new DrillStatus(c.ToWire(), c.NameZh(), c.NameEn(), held, due, today > due);
        }).ToList();
    }
}
