using System.Security.Cryptography;
using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Reports;

/// <summary>
/// Builds a website's compliance report for anyone who may see the website (the engaged assessor included), and
/// records every export in the audit log.
/// </summary>
public sealed class ComplianceReportService(
    GovGuardDbContext db,
    AuditLog audit,
    TimeProvider time,
    DutyLookup lookup,
    ComplianceService compliance,
    SignOffService signOffs,
    IEnumerable<IAutomaticEvidenceSource> automaticSources)
{
    private static readonly DutyCatalog Catalog = DutyCatalog.Default;

    /// <summary>The report of one website, all phases or one (<paramref name="phase"/> is a wire code or null).</summary>
    public async Task<Outcome<ComplianceReport>> BuildAsync(Caller caller, Guid websiteId, string? phase, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // The website first: to whoever may not see it, it does not exist, whatever else the request says.
        var found = await lookup.WebsiteAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        Phase? only = null;
        if (!string.IsNullOrWhiteSpace(phase))
        {
            var v = new Validation();
            only = v.OneOf("phase", new("阶段", "Phase"), phase, WireCodes<Phase>.ByCode);
            if (!v.IsValid)
            {
                return v.ToError();
            }
        }

        var site = found.Value.Site;
        var now = time.GetUtcNow();
        var rows = await compliance.RowsAsync(websiteId, only, null, ct).ConfigureAwait(false);
        var evidence = await EvidenceAsync(websiteId, now, ct).ConfigureAwait(false);
        var duties = new List<ReportDuty>(rows.Count);
        foreach (var row in rows)
        {
            var duty = Catalog[row.DutyId];
            var items = evidence.GetValueOrDefault(row.DutyId) ?? [];
            var automatic = await AutomaticAsync(site.Id, duty, now, ct).ConfigureAwait(false);
            var accepted = items.Any(e => e.Verdict == "accepted");
            duties.Add(new ReportDuty(
                row.DutyId, row.Section, row.Phase, new Text(row.TitleZh, row.TitleEn), row.ResponsibleRole, row.ResponsibleOrganisationId,
                row.ResponsibleOrganisationName, row.Status, row.Justification, row.OwnerName, row.DueDate, row.Verdict, accepted,
                GapsOf(row.Status, accepted || automatic.Any(a => a.Satisfied)), items, automatic));
        }

        var current = site.Phase.Phase();
        var phases = Terms.All<Phase>()
            .Where(p => only is null || p == only)
            .Select(p =>
            {
                var inPhase = duties.Where(d => d.Phase == p.ToWire()).ToList();
                var counts = Terms.All<DutyStatus>().ToDictionary(s => s.ToWire(), s => inPhase.Count(d => d.Status == s.ToWire()), StringComparer.Ordinal);
                var roles = Terms.All<Role>()
                    .Select(r => new ReportRoleGroup(r.ToWire(), inPhase.Where(d => d.ResponsibleRole == r.ToWire()).ToList()))
                    .Where(g => g.Duties.Count > 0)
                    .ToList();
                var reached = site.Phase == LifecycleState.Closed || (current is { } c && p <= c);
                return new ReportPhase(p.ToWire(), reached, counts, inPhase.Count, inPhase.Count(d => d.IsGap), roles);
            })
            .ToList();
        var gaps = phases.SelectMany(p => p.Roles).SelectMany(r => r.Duties).Where(d => d.IsGap)
            .Select(d => new ReportGap(d.DutyId, d.Phase, d.Title, d.ResponsibleRole, d.ResponsibleOrganisationName, d.Status, d.GapReasons))
            .ToList();

        var orgNames = await db.Organisations.AsNoTracking().Where(o => o.Id == site.CustomerId || o.Id == caller.OrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct).ConfigureAwait(false);
        return new ComplianceReport(
            new ReportWebsite(site.Id, site.Name, site.Domains, site.SiteCode, site.ProtectionLevel, WireCodes<Websites.ServiceModel>.Code(site.ServiceModel),
                site.DeploymentModel.ToWire(), site.Phase.ToWire(), orgNames.GetValueOrDefault(site.CustomerId)),
            now,
            caller.Name,
            orgNames.GetValueOrDefault(caller.OrganisationId),
            only?.ToWire(),
            await ParticipantsAsync(site.Id, site.CustomerId, orgNames.GetValueOrDefault(site.CustomerId), ct).ConfigureAwait(false),
            phases,
            gaps,
            await SignOffsAsync(caller, site.Id, only, ct).ConfigureAwait(false));
    }

    /// <summary>Puts an export on record: who took which form of the report, and the SHA-256 of exactly what they got.</summary>
    public async Task RecordExportAsync(Caller caller, ComplianceReport report, string format, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(content);
        var customerId = await db.Websites.AsNoTracking().Where(w => w.Id == report.Website.Id).Select(w => (Guid?)w.CustomerId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        await audit.RecordAsync(db, caller, new AuditEvent(
            AuditKinds.ReportExported,
            $"导出网站「{report.Website.Name}」合规报告（{format}） / exported the compliance report ({format})",
            "website",
            report.Website.Id.ToString(),
            customerId,
            report.Website.Id,
            null,
            new { Format = format, report.Phase, Duties = report.Duties.Count(), Gaps = report.Gaps.Count, Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)) }), ct).ConfigureAwait(false);
    }

    /// <summary>Which gap reasons a duty has (GB/T 38249 gives every duty to someone: a justified not-applicable is no gap).</summary>
    internal static IReadOnlyList<string> GapsOf(string status, bool hasAcceptedEvidence)
    {
        if (status == DutyStatus.NotApplicable.ToWire())
        {
            return [];
        }

        var reasons = new List<string>(2);
        if (status == DutyStatus.NonCompliant.ToWire())
        {
            reasons.Add(GapReason.NonCompliant.ToWire());
        }
        else if (status != DutyStatus.Implemented.ToWire())
        {
            reasons.Add(GapReason.NotImplemented.ToWire());
        }

        if (!hasAcceptedEvidence)
        {
            reasons.Add(GapReason.NoAcceptedEvidence.ToWire());
        }

        return reasons;
    }

    /// <summary>All evidence of the website by duty, newest first, each with its review history: three queries, not one per duty.</summary>
    private async Task<Dictionary<string, List<ReportEvidence>>> EvidenceAsync(Guid websiteId, DateTimeOffset now, CancellationToken ct)
    {
        var entries = await db.Set<EvidenceEntry>().AsNoTracking().Where(e => e.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var reviews = await db.Set<EvidenceReview>().AsNoTracking().Where(r => r.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var orgIds = entries.Select(e => e.UploadedByOrganisationId).Concat(reviews.Select(r => r.ReviewerOrganisationId)).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct).ConfigureAwait(false);
        var byEvidence = reviews.GroupBy(r => r.EvidenceId).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
                .Select(r => new ReportReview(r.Verdict.ToWire(), r.Note, r.ReviewerName, orgs.GetValueOrDefault(r.ReviewerOrganisationId), r.At))
                .ToList());
        return entries
            .OrderByDescending(e => e.UploadedAt).ThenByDescending(e => e.Id)
            .GroupBy(e => e.DutyId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(e =>
                {
                    var history = byEvidence.GetValueOrDefault(e.Id) ?? [];
                    return new ReportEvidence(e.Id, e.Kind.ToWire(), e.Title, e.FileName, e.FileType, e.Size, e.Sha256, e.Sm3, e.UploadedByName,
                        orgs.GetValueOrDefault(e.UploadedByOrganisationId), e.UploadedAt, AgeDays(e.UploadedAt, now), history.FirstOrDefault()?.Verdict, history);
                }).ToList(),
                StringComparer.Ordinal);
    }

    private async Task<List<ReportAutomaticEvidence>> AutomaticAsync(Guid websiteId, Duty duty, DateTimeOffset now, CancellationToken ct)
    {
        var list = new List<ReportAutomaticEvidence>();
        if (duty.Automatic is null)
        {
            return list;
        }

        foreach (var source in automaticSources)
        {
            foreach (var a in await source.GetAsync(websiteId, duty, ct).ConfigureAwait(false))
            {
                list.Add(new ReportAutomaticEvidence(a.Source, a.Satisfied, a.Summary, a.ObservedAt, AgeDays(a.ObservedAt, now)));
            }
        }

        return list;
    }

    private async Task<List<ReportParticipant>> ParticipantsAsync(Guid websiteId, Guid customerId, string? customerName, CancellationToken ct)
    {
        var engaged = await db.Engagements.AsNoTracking().Where(e => e.WebsiteId == websiteId && e.EndedAt == null)
            .Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => new { e.Role, e.OrganisationId, o.Name, e.StartedAt, e.ContractReference })
            .ToListAsync(ct).ConfigureAwait(false);
        return
        [
            new ReportParticipant(ReportText.CustomerRole, customerId, customerName ?? string.Empty, null, null),
            .. engaged.OrderBy(e => e.Role).ThenBy(e => e.StartedAt)
                .Select(e => new ReportParticipant(e.Role.ToWire(), e.OrganisationId, e.Name, e.StartedAt, e.ContractReference)),
        ];
    }

    private async Task<List<ReportSignOff>> SignOffsAsync(Caller caller, Guid websiteId, Phase? only, CancellationToken ct)
    {
        var listed = await signOffs.ListAsync(caller, websiteId, ct).ConfigureAwait(false);
        var result = new List<ReportSignOff>();
        foreach (var s in (listed.Value ?? []).Where(s => only is null || s.Phase == only.Value.ToWire()).OrderBy(s => s.SignedAt))
        {
            var check = (await signOffs.VerifyAsync(caller, websiteId, s.Id, ct).ConfigureAwait(false)).Value;
            result.Add(new ReportSignOff(s.Id, s.Phase, s.SignedByName, s.SignedByOrganisationName, s.SignedAt, s.Statement, s.Sha256, s.Sm3,
                check?.Valid ?? false, check?.ChangedSince ?? true));
        }

        return result;
    }

    private static int AgeDays(DateTimeOffset at, DateTimeOffset now) => Math.Max(0, (int)(now - at).TotalDays);
}
