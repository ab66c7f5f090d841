using GovGuard.Catalog.Roles;
using System.Text.RegularExpressions;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Organisations;

/// <summary>What a caller sends to create or edit an organisation.</summary>
public sealed record OrganisationInput(string? Name, string? Kind, string? CreditCode, string? ContactName, string? ContactPhone, string? ContactEmail);

/// <summary>An organisation as callers see it.</summary>
public sealed record OrganisationView(Guid Id, string Name, string Kind, string? CreditCode, string? ContactName, string? ContactPhone, string? ContactEmail, DateTimeOffset CreatedAt);

/// <summary>
/// Organisations: a platform administrator creates them; an organisation's administrator edits their own.
/// A user sees their own organisation and the organisations engaged on the websites they see.
/// </summary>
public sealed partial class OrganisationService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    private static readonly Text Label = new("单位", "organisation");

    /// <summary>The organisations the caller may see.</summary>
    public IQueryable<Organisation> Visible(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsPlatformAdmin)
        {
            return db.Organisations;
        }

        var sites = WebsiteAccess.Visible(db, caller).Select(w => w.Id);
        var org = caller.OrganisationId;
        return db.Organisations.Where(o => o.Id == org
            || db.Websites.Any(w => w.CustomerId == o.Id && sites.Contains(w.Id))
            || db.Engagements.Any(e => e.OrganisationId == o.Id && e.EndedAt == null && sites.Contains(e.WebsiteId)));
    }

    public async Task<Page<OrganisationView>> ListAsync(Caller caller, string? query, string? kind, Paging paging, CancellationToken ct)
    {
        var q = Visible(caller).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim();
            q = q.Where(o => o.Name.Contains(term));
        }

        if (kind is not null && WireCodes<OrganisationKind>.ByCode.TryGetValue(kind, out var k))
        {
            q = q.Where(o => o.Kind == k);
        }

        var total = await q.CountAsync(ct).ConfigureAwait(false);
        var items = await q.OrderBy(o => o.Name).Skip(paging.Offset).Take(paging.Limit).ToListAsync(ct).ConfigureAwait(false);
        return new Page<OrganisationView>(items.Select(ToView).ToList(), total, paging.Offset, paging.Limit);
    }

    public async Task<Outcome<OrganisationView>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var o = await Visible(caller).AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false);
        return o is null ? Error.NotFound(Label) : ToView(o);
    }

    public async Task<Outcome<OrganisationView>> CreateAsync(Caller caller, OrganisationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsPlatformAdmin || !caller.CanWrite)
        {
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：创建单位 / denied: create organisation", "organisation",
                Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Forbidden(new Text("只有平台管理员可以登记单位。", "Only a platform administrator may register organisations."));
        }

        var v = new Validation();
        var f = Check(v, input, requireKind: true);
        await CheckUniqueAsync(v, f.Name, null, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var org = new Organisation { Id = Guid.CreateVersion7(now), Name = f.Name, Kind = f.Kind!.Value, CreatedAt = now, UpdatedAt = now };
        f.ApplyTo(org);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Organisations.Add(org);
        change.Record(new AuditEvent(AuditKinds.OrganisationCreated, $"登记单位「{org.Name}」 / registered organisation", "organisation", org.Id.ToString(),
            org.Id, null, null, Snapshot(org)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(org);
    }

    public async Task<Outcome<OrganisationView>> UpdateAsync(Caller caller, Guid id, OrganisationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var org = await Visible(caller).FirstOrDefaultAsync(o => o.Id == id, ct).ConfigureAwait(false);
        if (org is null)
        {
            return Error.NotFound(Label);
        }

        if (!(caller.IsPlatformAdmin || (caller.OrganisationId == org.Id && caller.IsOrgAdmin)))
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：修改单位 / denied: edit organisation", "organisation",
                org.Id.ToString(), org.Id, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Forbidden(new Text("只有本单位管理员或平台管理员可以修改单位信息。", "Only the organisation's administrator or a platform administrator may edit it."));
        }

        var v = new Validation();
        var f = Check(v, input, requireKind: false);
        if (f.Kind is { } kind && kind != org.Kind)
        {
            v.Add("kind", "immutable", "单位类型（kind）登记后不能修改。", "The organisation kind (kind) cannot change once registered.");
        }

        await CheckUniqueAsync(v, f.Name, org.Id, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = Snapshot(org);
        org.Name = f.Name;
        f.ApplyTo(org);
        org.UpdatedAt = time.GetUtcNow();
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.OrganisationUpdated, $"修改单位「{org.Name}」 / edited organisation", "organisation", org.Id.ToString(),
            org.Id, null, before, Snapshot(org)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return ToView(org);
    }

    private async Task CheckUniqueAsync(Validation v, string name, Guid? self, CancellationToken ct)
    {
        if (name.Length > 0 && await db.Organisations.AnyAsync(o => o.Name == name && o.Id != self, ct).ConfigureAwait(false))
        {
            v.Add("name", "unique", $"单位名称（name）「{name}」已登记。", $"An organisation named (name) \"{name}\" is already registered.");
        }
    }

    private sealed record Fields(string Name, OrganisationKind? Kind, string? CreditCode, string? ContactName, string? ContactPhone, string? ContactEmail)
    {
        public void ApplyTo(Organisation o)
        {
            o.CreditCode = CreditCode;
            o.ContactName = ContactName;
            o.ContactPhone = ContactPhone;
            o.ContactEmail = ContactEmail;
        }
    }

    private static Fields Check(Validation v, OrganisationInput input, bool requireKind)
    {
        var name = v.Required("name", new("单位名称", "Organisation name"), input.Name, 200) ?? string.Empty;
        var kind = v.OneOf("kind", new("单位类型", "Organisation kind"), input.Kind, WireCodes<OrganisationKind>.ByCode, requireKind);
        var credit = v.Pattern("creditCode", new("统一社会信用代码", "Unified social credit code"), input.CreditCode?.ToUpperInvariant(), 18, CreditCodePattern(), new("18 位数字或大写字母", "18 digits or capital letters"));
        var contact = v.Optional("contactName", new("联系人", "Contact name"), input.ContactName, 100);
        var phone = v.Pattern("contactPhone", new("联系电话", "Contact phone"), input.ContactPhone, 40, PhonePattern(), new("数字、空格、+ 和 -", "digits, spaces, + and -"));
        var email = v.Pattern("contactEmail", new("电子邮箱", "Contact e-mail"), input.ContactEmail, 200, EmailPattern(), new("形如 name@example.gov.cn", "like name@example.gov.cn"));
        return new Fields(name, kind, credit, contact, phone, email);
    }

    internal static object Snapshot(Organisation o) => new
    {
        o.Name,
        Kind = WireCodes<OrganisationKind>.Code(o.Kind),
        o.CreditCode,
        o.ContactName,
        o.ContactPhone,
        o.ContactEmail,
    };

    internal static OrganisationView ToView(Organisation o) =>
        new(o.Id, o.Name, WireCodes<OrganisationKind>.Code(o.Kind), o.CreditCode, o.ContactName, o.ContactPhone, o.ContactEmail, o.CreatedAt);

    [GeneratedRegex(@"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex CreditCodePattern();

    [GeneratedRegex(@"^[0-9+\- ]{5,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    internal static partial Regex EmailPattern();
}
