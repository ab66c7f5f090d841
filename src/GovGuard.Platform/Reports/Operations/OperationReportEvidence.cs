using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>
/// Automatic evidence of the reporting duties (7.2.2 f <c>record: operation_report</c>, 7.2.3 b <c>record: service_report</c>):
/// the newest stored report of the kind, satisfied when it was stored within the catalog's <c>within_days</c>.
/// </summary>
public sealed class OperationReportEvidence(GovGuardDbContext db, TimeProvider time) : IAutomaticEvidenceSource
{
    public async Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Duty duty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(duty);
        if (duty.Automatic?.Record is not { } kind || kind is not (RecordKind.OperationReport or RecordKind.ServiceReport))
        {
            return [];
        }

        var now = time.GetUtcNow();
        var latest = await db.Set<OperationReportRecord>().AsNoTracking()
            .Where(r => r.WebsiteId == websiteId && r.Kind == kind)
            .OrderByDescending(r => r.StoredAt)
            .Select(r => new { r.Id, r.StoredAt, r.PeriodFrom, r.PeriodTo, r.Month, r.StoredByName })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var name = OperationReportText.Kind(kind.ToWire());
        if (latest is null)
        {
            return [new AutomaticEvidenceItem(kind.ToWire(), false, new($"尚无存档的{name.Zh}", $"No {name.En.ToLowerInvariant()} stored yet"), now)];
        }

        var within = duty.Automatic!.WithinDays;
        var satisfied = within is null || latest.StoredAt >= now.AddDays(-within.Value);
        var label = ReportPeriods.Label(new ReportPeriod(latest.PeriodFrom, latest.PeriodTo), latest.Month);
        var summary = new Text(
            $"最近一份{name.Zh}：{label}，{latest.StoredByName} 于 {ReportText.Local(latest.StoredAt)} 存档" + (satisfied ? string.Empty : $"（已超过 {within} 天）"),
            $"Latest {name.En.ToLowerInvariant()}: {label}, stored by {latest.StoredByName} at {ReportText.Local(latest.StoredAt)}" + (satisfied ? string.Empty : $" (older than {within} days)"));
        return [new AutomaticEvidenceItem(kind.ToWire(), satisfied, summary, latest.StoredAt, OperationReportLinkTarget.TypeCode, latest.Id.ToString())];
    }
}

/// <summary>Evidence may link to a stored operation or service report of the same website.</summary>
public sealed class OperationReportLinkTarget : IEvidenceLinkTarget
{
    public const string TypeCode = "operation_report";

    public string Type => TypeCode;

    public Text Name => new("安全运行报告", "Operation report");

    public Task<bool> ExistsAsync(GovGuardDbContext db, Guid websiteId, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Guid.TryParse(id, out var g)
            ? db.Set<OperationReportRecord>().AnyAsync(r => r.Id == g && r.WebsiteId == websiteId, ct)
            : Task.FromResult(false);
    }
}
