using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>A stored operation report as lists show it.</summary>
public sealed record StoredReportView(
    Guid Id,
    Guid WebsiteId,
    string Kind,
    DateTimeOffset PeriodFrom,
    DateTimeOffset PeriodTo,
    string? Month,
    string IssuerRole,
    string StoredByName,
    DateTimeOffset StoredAt,
    double? AvailabilityPercent,
    bool? SlaMet,
    int Breaches,
    string Sha256,
    string Sm3);

/// <summary>
/// The periodic security operation report (GB/T 38249 7.2.2 f, 7.2.3 b): anyone who sees the website reads it for any
/// period; the customer's members, the engaged provider and agents store it as a record (audited), which the
/// compliance workspace counts as automatic evidence of the reporting duties.
/// </summary>
public sealed class OperationReportService(GovGuardDbContext db, AuditLog audit, TimeProvider time, OperationReportBuilder builder)
{
    /// <summary>The JSON form of a report: the API's, and the stored snapshot's before canonicalisation.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Text SiteLabel = new("网站", "website");
    private static readonly Text RecordLabel = new("安全运行报告记录", "stored operation report");
    private static readonly Text WhyNotStore = new(
        "只有网站所属单位、参与的云服务商和代理商（开发、集成、安全服务）中有写权限的成员可以存档运行报告。",
        "Only members with write access of the owning customer, the engaged cloud provider or an engaged agent (developer, integrator, security service) may store operation reports.");

    private static readonly EngagementRole[] Agents = [EngagementRole.Developer, EngagementRole.Integrator, EngagementRole.SecurityService];

    public async Task<Outcome<OperationReport>> BuildAsync(Caller caller, Guid websiteId, PeriodInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await VisibleAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var period = ReportPeriods.Parse(input, time.GetUtcNow());
        if (!period.Succeeded)
        {
            return period.Error!;
        }

        return await builder.BuildAsync(site, period.Value!, caller.Name, await OrganisationNameAsync(caller.OrganisationId, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    /// <summary>Generates the report and keeps it as a record: operation report from the customer or provider, service report from an agent.</summary>
    public async Task<Outcome<StoredReportView>> StoreAsync(Caller caller, Guid websiteId, PeriodInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await VisibleAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        var issuer = Issuer(caller, relation);
        if (issuer is null)
        {
            return await audit.DenyAsync(db, caller, WhyNotStore, "operation_report", null, site.CustomerId, site.Id, ct).ConfigureAwait(false);
        }

        var period = ReportPeriods.Parse(input, time.GetUtcNow());
        if (!period.Succeeded)
        {
            return period.Error!;
        }

        var report = await builder.BuildAsync(site, period.Value!, caller.Name, await OrganisationNameAsync(caller.OrganisationId, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        var bytes = CanonicalJson.Canonicalise(JsonSerializer.Serialize(report, Json));
        var kind = Agents.Any(relation.Roles.Contains) && !relation.IsOwner && !relation.Roles.Contains(EngagementRole.Provider) && !relation.IsAdmin
            ? RecordKind.ServiceReport : RecordKind.OperationReport;
        var row = new OperationReportRecord
        {
            Id = Guid.CreateVersion7(report.GeneratedAt),
            WebsiteId = site.Id,
            Kind = kind,
            PeriodFrom = report.Period.From,
            PeriodTo = report.Period.To,
            Month = report.Month,
            IssuerRole = issuer,
            StoredByUserId = caller.UserId,
            StoredByName = caller.Name,
            StoredByOrganisationId = caller.OrganisationId,
            StoredAt = report.GeneratedAt,
            AvailabilityPercent = report.Availability.Percent,
            SlaMet = report.SlaMet,
            Breaches = report.Breaches.Count,
            Snapshot = Encoding.UTF8.GetString(bytes),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Sm3 = Convert.ToHexStringLower(Sm3Hash.HashData(bytes)),
        };

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(row);
        change.Record(new AuditEvent(
            OperationReportServices.StoredKind,
            $"存档网站「{site.Name}」{OperationReportText.Kind(kind.ToWire()).Zh}（{ReportPeriods.Label(report.Period, report.Month)}） / stored the {OperationReportText.Kind(kind.ToWire()).En.ToLowerInvariant()}",
            "operation_report",
            row.Id.ToString(),
            site.CustomerId,
            site.Id,
            null,
            new { Kind = kind.ToWire(), row.PeriodFrom, row.PeriodTo, row.Month, row.IssuerRole, row.AvailabilityPercent, row.SlaMet, row.Breaches, row.Sha256, row.Sm3 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return View(row);
    }

    public async Task<Outcome<IReadOnlyList<StoredReportView>>> ListAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await VisibleAsync(caller, websiteId, ct).ConfigureAwait(false) is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var rows = await db.Set<OperationReportRecord>().AsNoTracking().Where(r => r.WebsiteId == websiteId)
            .Select(r => new { r.Id, r.WebsiteId, r.Kind, r.PeriodFrom, r.PeriodTo, r.Month, r.IssuerRole, r.StoredByName, r.StoredAt, r.AvailabilityPercent, r.SlaMet, r.Breaches, r.Sha256, r.Sm3 })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.StoredAt).ThenByDescending(r => r.Id)
            .Select(r => new StoredReportView(r.Id, r.WebsiteId, r.Kind.ToWire(), r.PeriodFrom, r.PeriodTo, r.Month, r.IssuerRole, r.StoredByName, r.StoredAt,
                r.AvailabilityPercent, r.SlaMet, r.Breaches, r.Sha256, r.Sm3))
            .ToList();
    }

    /// <summary>A stored report as it was stored (its snapshot), with who stored it and its hashes.</summary>
    public async Task<Outcome<OperationReport>> GetStoredAsync(Caller caller, Guid websiteId, Guid recordId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await VisibleAsync(caller, websiteId, ct).ConfigureAwait(false) is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var row = await db.Set<OperationReportRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId && r.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (row is null)
        {
            return Error.NotFound(RecordLabel);
        }

        var report = JsonSerializer.Deserialize<OperationReport>(row.Snapshot, Json)!;
        var organisation = await OrganisationNameAsync(row.StoredByOrganisationId, ct).ConfigureAwait(false);
        return OperationReportSnapshots.Normalise(report) with
        {
            Stored = new StoredReportInfo(row.Id, row.Kind.ToWire(), row.IssuerRole, row.StoredAt, row.StoredByName, organisation, row.Sha256, row.Sm3),
        };
    }

    /// <summary>Puts an export on record: who took which form of which report, and the SHA-256 of exactly what they got.</summary>
    public async Task RecordExportAsync(Caller caller, OperationReport report, string format, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(content);
        var customerId = await db.Websites.AsNoTracking().Where(w => w.Id == report.Website.Id).Select(w => (Guid?)w.CustomerId).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        await audit.RecordAsync(db, caller, new AuditEvent(
            AuditKinds.ReportExported,
            $"导出网站「{report.Website.Name}」安全运行报告（{format}） / exported the operation report ({format})",
            "website",
            report.Website.Id.ToString(),
            customerId,
            report.Website.Id,
            null,
            new
            {
                Report = "operation",
                Format = format,
                report.Period.From,
                report.Period.To,
                Record = report.Stored?.Id,
                Size = content.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            }), ct).ConfigureAwait(false);
    }

    /// <summary>Whether the caller may store reports of a website they see (the pages ask before offering the form).</summary>
    public async Task<bool> CanStoreAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await VisibleAsync(caller, websiteId, ct).ConfigureAwait(false);
        return site is not null && Issuer(caller, await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false)) is not null;
    }

    /// <summary>The issuer role of a caller allowed to store: owner, provider, agent (with write access), or the platform; null otherwise.</summary>
    private static string? Issuer(Caller caller, WebsiteRelation relation)
    {
        if (relation.IsAdmin && !caller.ReadOnlyToken)
        {
            return "platform";
        }

        if (!caller.CanWrite)
        {
            return null;
        }

        if (relation.IsOwner)
        {
            return "customer";
        }

        if (relation.Roles.Contains(EngagementRole.Provider))
        {
            return EngagementRole.Provider.ToWire();
        }

        foreach (var agent in Agents)
        {
            if (relation.Roles.Contains(agent))
            {
                return agent.ToWire();
            }
        }

        return null;
    }

    private Task<Website?> VisibleAsync(Caller caller, Guid websiteId, CancellationToken ct) =>
        WebsiteAccess.Visible(db, caller).AsNoTracking().FirstOrDefaultAsync(w => w.Id == websiteId, ct);

    private Task<string?> OrganisationNameAsync(Guid organisationId, CancellationToken ct) =>
        db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);

    private static StoredReportView View(OperationReportRecord r) =>
        new(r.Id, r.WebsiteId, r.Kind.ToWire(), r.PeriodFrom, r.PeriodTo, r.Month, r.IssuerRole, r.StoredByName, r.StoredAt, r.AvailabilityPercent, r.SlaMet, r.Breaches, r.Sha256, r.Sm3);
}
