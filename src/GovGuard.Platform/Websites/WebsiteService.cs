using GovGuard.Catalog.Roles;
using GovGuard.Catalog.Lifecycle;
using System.Text.RegularExpressions;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Websites;

/// <summary>What a caller sends to create or edit a website: wire codes as strings, checked here, never bound to the entity.</summary>
public sealed record WebsiteInput(
    string? Name,
    IReadOnlyList<string>? Domains,
    string? SiteCode,
    string? IcpRecord,
    string? PublicSecurityRecord,
    int? ProtectionLevel,
    string? ServiceModel,
    string? DeploymentModel,
    Guid? CustomerId,
    int? Version = null);

/// <summary>A website as callers see it, with the caller's standing on it.</summary>
public sealed record WebsiteView(
    Guid Id,
    string Name,
    IReadOnlyList<string> Domains,
    string? SiteCode,
    string? IcpRecord,
    string? PublicSecurityRecord,
    int ProtectionLevel,
    string ServiceModel,
    string DeploymentModel,
    string Phase,
    Guid CustomerId,
    string CustomerName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>Filters of the website list; <see cref="EngagedOrganisationId"/> keeps the websites that organisation is engaged on now.</summary>
public sealed record WebsiteFilter(string? Query = null, string? Phase = null, int? ProtectionLevel = null, Guid? CustomerId = null, Guid? EngagedOrganisationId = null);

/// <summary>Creating, editing, listing and deleting websites, each checked against the caller's organisation.</summary>
public sealed partial class WebsiteService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    private static readonly Text Label = new("网站", "website");

    public async Task<Page<WebsiteView>> ListAsync(Caller caller, WebsiteFilter filter, Paging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var q = WebsiteAccess.Visible(db, caller).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var term = filter.Query.Trim().ToLowerInvariant();
            q = q.Where(w => w.Name.Contains(term) || w.Domains.Contains(term) || w.SiteCode == term);
        }

        if (filter.Phase is not null && WireCodes<LifecycleState>.ByCode.TryGetValue(filter.Phase, out var phase))
        {
            q = q.Where(w => w.Phase == phase);
        }

        if (filter.ProtectionLevel is { } level)
        {
            q = q.Where(w => w.ProtectionLevel == level);
        }

        if (filter.CustomerId is { } customer)
        {
            q = q.Where(w => w.CustomerId == customer);
        }

        if (filter.EngagedOrganisationId is { } engaged)
        {
            q = q.Where(w => db.Engagements.Any(e => e.WebsiteId == w.Id && e.OrganisationId == engaged && e.EndedAt == null));
        }

        var total = await q.CountAsync(ct).ConfigureAwait(false);
        var items = await Project(q.OrderBy(w => w.Name).ThenBy(w => w.Id).Skip(paging.Offset).Take(paging.Limit))
            .ToListAsync(ct).ConfigureAwait(false);
        return new Page<WebsiteView>(items.Select(ToView).ToList(), total, paging.Offset, paging.Limit);
    }

    public async Task<Outcome<WebsiteView>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var row = await Project(WebsiteAccess.Visible(db, caller).AsNoTracking().Where(w => w.Id == id))
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return row is null ? Error.NotFound(Label) : ToView(row);
    }

    public async Task<Outcome<WebsiteView>> CreateAsync(Caller caller, WebsiteInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        // Only the customer that owns a website registers it (or a platform administrator on its behalf).
        var customerId = caller.IsPlatformAdmin ? input.CustomerId : caller.OrganisationId;
        if (!caller.IsPlatformAdmin && (caller.OrganisationKind != OrganisationKind.GovernmentCustomer || !caller.CanWrite))
        {
            return await DenyAsync(caller, null, new Text(
                "只有网站所属的云服务客户单位可以登记网站。",
                "Only the customer organisation that owns a website may register it."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var fields = Check(v, input);
        Organisation? customer = null;
        if (customerId is null)
        {
            v.Add("customerId", "required", "所属单位（customerId）为必填项。", "The owning customer (customerId) is required.");
        }
        else
        {
            customer = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == customerId, ct).ConfigureAwait(false);
            if (customer is null || customer.Kind != OrganisationKind.GovernmentCustomer)
            {
                v.Add("customerId", "customer_kind", "所属单位（customerId）必须是已登记的云服务客户单位。", "The owning customer (customerId) must be a registered government customer organisation.");
            }
        }

        await CheckUniqueAsync(v, fields.SiteCode, null, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var site = new Website
        {
            Id = Guid.CreateVersion7(now),
            Name = fields.Name,
            CustomerId = customer!.Id,
            Phase = LifecycleState.Planning,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        fields.ApplyTo(site);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Websites.Add(site);
        change.Record(new AuditEvent(AuditKinds.WebsiteCreated, $"创建网站「{site.Name}」 / created website", "website", site.Id.ToString(),
            site.CustomerId, site.Id, null, Snapshot(site)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(site, customer.Name);
    }

    public async Task<Outcome<WebsiteView>> UpdateAsync(Caller caller, Guid id, WebsiteInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var site = await WebsiteAccess.Visible(db, caller).FirstOrDefaultAsync(w => w.Id == id, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(Label);
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (!(relation.IsAdmin || (relation.IsOwner && caller.CanWrite)))
        {
            return await DenyAsync(caller, site, new Text(
                "只有网站所属单位可以修改网站的登记信息。", "Only the owning customer may edit a website's registration."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var fields = Check(v, input);
        if (input.Version is { } version && version != site.Version)
        {
            v.Add("version", "stale", "网站已被他人修改（version 不是最新），请刷新后重试。", "The website was changed by someone else (version is stale); reload and try again.");
        }

        await CheckUniqueAsync(v, fields.SiteCode, site.Id, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = Snapshot(site);
        site.Name = fields.Name;
        fields.ApplyTo(site);
        site.UpdatedAt = time.GetUtcNow();
        site.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.WebsiteUpdated, $"修改网站「{site.Name}」 / updated website", "website", site.Id.ToString(),
            site.CustomerId, site.Id, before, Snapshot(site)));
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(new Text("网站已被他人修改，请刷新后重试。", "The website was changed by someone else; reload and try again."));
        }

        var customerName = await db.Organisations.Where(o => o.Id == site.CustomerId).Select(o => o.Name).FirstAsync(ct).ConfigureAwait(false);
        return ToView(site, customerName);
    }

    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var site = await WebsiteAccess.Visible(db, caller).FirstOrDefaultAsync(w => w.Id == id, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(Label);
        }

        var relation = await WebsiteAccess.RelationAsync(db, caller, site, ct).ConfigureAwait(false);
        if (!(relation.IsAdmin || (relation.IsOwner && caller.IsOrgAdmin)))
        {
            return await DenyAsync(caller, site, new Text(
                "只有网站所属单位的管理员可以删除网站。", "Only an administrator of the owning customer may delete a website."), ct).ConfigureAwait(false);
        }

        // A website with history is closed through its lifecycle (GB/T 38249 8), never deleted.
        if (site.Phase != LifecycleState.Planning)
        {
            return Error.Conflict(new Text(
                "只能删除处于规划准备阶段的网站；其他阶段的网站须按服务退出流程关闭。",
                "Only a website still in planning can be deleted; later ones are closed through the exit phase."));
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        var before = Snapshot(site);
        db.Websites.Remove(site);
        change.Record(new AuditEvent(AuditKinds.WebsiteDeleted, $"删除网站「{site.Name}」 / deleted website", "website", site.Id.ToString(),
            site.CustomerId, site.Id, before, null));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    private Task<Error> DenyAsync(Caller caller, Website? site, Text why, CancellationToken ct) =>
        audit.DenyAsync(db, caller, why, "website", site?.Id.ToString(), site?.CustomerId, site?.Id, ct);

    private async Task CheckUniqueAsync(Validation v, string? siteCode, Guid? self, CancellationToken ct)
    {
        if (siteCode is not null && await db.Websites.AnyAsync(w => w.SiteCode == siteCode && w.Id != self, ct).ConfigureAwait(false))
        {
            v.Add("siteCode", "unique", $"网站标识码（siteCode）{siteCode} 已被另一个网站使用。", $"The site code (siteCode) {siteCode} is already used by another website.");
        }
    }

    private sealed record Fields(string Name, List<string> Domains, string? SiteCode, string? Icp, string? Psb, int Level, ServiceModel Service, DeploymentModel Deployment)
    {
        public void ApplyTo(Website w)
        {
            w.Domains = Domains;
            w.SiteCode = SiteCode;
            w.IcpRecord = Icp;
            w.PublicSecurityRecord = Psb;
            w.ProtectionLevel = Level;
            w.ServiceModel = Service;
            w.DeploymentModel = Deployment;
        }
    }

    private static Fields Check(Validation v, WebsiteInput input)
    {
        var name = v.Required("name", new("网站名称", "Website name"), input.Name, 200) ?? string.Empty;
        var domains = new List<string>();
        if (input.Domains is null || input.Domains.Count == 0)
        {
            v.Add("domains", "required", "域名（domains）至少填写一个。", "At least one domain (domains) is required.");
        }
        else if (input.Domains.Count > 50)
        {
            v.Add("domains", "max_count", "域名（domains）最多 50 个。", "At most 50 domains (domains) are allowed.");
        }
        else
        {
            foreach (var raw in input.Domains)
            {
                var d = raw?.Trim().TrimEnd('.').ToLowerInvariant() ?? string.Empty;
                if (!DomainPattern().IsMatch(d) || d.Length > 253)
                {
                    v.Add("domains", "hostname", $"域名（domains）「{Cut(raw)}」不是有效的主机名（例如 www.example.gov.cn）。", $"The domain (domains) \"{Cut(raw)}\" is not a valid host name (e.g. www.example.gov.cn).");
                }
                else if (!domains.Contains(d))
                {
                    domains.Add(d);
                }
            }
        }

        var siteCode = v.Pattern("siteCode", new("网站标识码", "Site code"), input.SiteCode, 10, SiteCodePattern(), new("10 位数字或大写字母", "10 digits or capital letters"));
        var icp = v.Pattern("icpRecord", new("ICP备案号", "ICP record number"), input.IcpRecord, 60, IcpPattern(), new("形如 京ICP备12345678号 或 京ICP备12345678号-1", "like 京ICP备12345678号 or 京ICP备12345678号-1"));
        var psb = v.Pattern("publicSecurityRecord", new("公安备案号", "Public security record number"), input.PublicSecurityRecord, 60, PsbPattern(), new("形如 京公网安备11010502030143号", "like 京公网安备11010502030143号"));
        var level = v.Range("protectionLevel", new("等保级别", "Protection level"), input.ProtectionLevel, 1, 5);
        var service = v.OneOf("serviceModel", new("服务模式", "Service model"), input.ServiceModel, WireCodes<ServiceModel>.ByCode);
        var deployment = v.OneOf("deploymentModel", new("部署模式", "Deployment model"), input.DeploymentModel, WireCodes<DeploymentModel>.ByCode);
        // GB/T 38249 5.3.2 c, the same rule the lifecycle gates apply.
        if (deployment is { } chosen && level is >= 1 and <= 5 && Lifecycle.DeploymentRule.Refusal(level, chosen) is { } refusal)
        {
            v.Add("deploymentModel", refusal.Code, $"部署模式（deploymentModel）：{refusal.MessageZh}（GB/T 38249 {refusal.Clause}）。", $"Deployment model (deploymentModel): {refusal.MessageEn} (GB/T 38249 {refusal.Clause}).");
        }

        return new Fields(name, domains, siteCode, icp, psb, level, service ?? default, deployment ?? default);
    }

    private static string Cut(string? s) => s is null ? string.Empty : s.Length <= 60 ? s : s[..60] + "…";

    internal static object Snapshot(Website w) => new
    {
        w.Name,
        Domains = string.Join(",", w.Domains),
        w.SiteCode,
        w.IcpRecord,
        w.PublicSecurityRecord,
        w.ProtectionLevel,
        ServiceModel = WireCodes<ServiceModel>.Code(w.ServiceModel),
        DeploymentModel = WireCodes<DeploymentModel>.Code(w.DeploymentModel),
        Phase = WireCodes<LifecycleState>.Code(w.Phase),
        w.CustomerId,
    };

    private sealed record Row(Website W, string CustomerName);

    private IQueryable<Row> Project(IQueryable<Website> q) =>
        q.Join(db.Organisations, w => w.CustomerId, o => o.Id, (w, o) => new Row(w, o.Name));

    private static WebsiteView ToView(Row r) => ToView(r.W, r.CustomerName);

    private static WebsiteView ToView(Website w, string customerName) => new(
        w.Id, w.Name, w.Domains, w.SiteCode, w.IcpRecord, w.PublicSecurityRecord, w.ProtectionLevel,
        WireCodes<ServiceModel>.Code(w.ServiceModel), WireCodes<DeploymentModel>.Code(w.DeploymentModel),
        WireCodes<LifecycleState>.Code(w.Phase), w.CustomerId, customerName, w.CreatedAt, w.UpdatedAt, w.Version);

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^[0-9A-Z]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex SiteCodePattern();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{1,2}ICP备\d{6,10}号(-\d{1,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex IcpPattern();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{1,2}公网安备\s?\d{14}号$", RegexOptions.CultureInvariant)]
    private static partial Regex PsbPattern();
}
