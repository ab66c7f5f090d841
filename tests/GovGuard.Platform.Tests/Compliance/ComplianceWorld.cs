using System.IO.Compression;
using System.Text;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Lifecycle;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Compliance;

/// <summary>One website with four organisations engaged (customer, provider, integrator, assessor), an outsider and a platform administrator.</summary>
internal sealed class ComplianceWorld : IAsyncDisposable
{
    private ComplianceWorld(TestDatabase db, Services s) => (Db, S) = (db, s);

    public TestDatabase Db { get; }

    public Services S { get; }

    public Caller Customer { get; private set; } = null!;

    public Caller Provider { get; private set; } = null!;

    public Caller Integrator { get; private set; } = null!;

    public Caller Assessor { get; private set; } = null!;

    public Caller Outsider { get; private set; } = null!;

    public Caller Admin { get; private set; } = null!;

    public Guid IntegratorOrg { get; private set; }

    public Guid ProviderOrg { get; private set; }

    public WebsiteView Site { get; private set; } = null!;

    public Dictionary<EngagementRole, Guid> Engagements { get; } = [];

    public string EvidenceFolder => Path.Combine(Db.Folder, "evidence");

    public static async Task<ComplianceWorld> CreateAsync(string kind, int level = 3, bool engageIntegrator = true, TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        var db = await TestDatabase.CreateAsync(kind);
        var w = new ComplianceWorld(db, new Services(db, time, configure));
        var customerOrg = await w.S.Organisation("某省人民政府办公厅", OrganisationKind.GovernmentCustomer);
        var providerOrg = await w.S.Organisation("某政务云有限公司", OrganisationKind.CloudProvider);
        var integratorOrg = await w.S.Organisation("某系统集成有限公司", OrganisationKind.SystemIntegrator);
        var assessorOrg = await w.S.Organisation("某信息安全测评中心", OrganisationKind.ThirdPartyAssessor);
        var otherOrg = await w.S.Organisation("无关的云服务商", OrganisationKind.CloudProvider);
        w.ProviderOrg = providerOrg.Id;
        w.IntegratorOrg = integratorOrg.Id;
        w.Customer = await w.S.User("customer.admin", customerOrg.Id, OrgRole.Admin);
        w.Provider = await w.S.User("provider.ops", providerOrg.Id);
        w.Integrator = await w.S.User("integrator.eng", integratorOrg.Id);
        w.Assessor = await w.S.User("assessor.lead", assessorOrg.Id);
        w.Outsider = await w.S.User("outsider", otherOrg.Id);
        w.Admin = await w.AdminAsync(customerOrg.Id);
        var site = await w.S.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(w.Customer, Services.Website("省政府门户网站", level: level), CancellationToken.None));
        Assert.True(site.Succeeded, site.Error?.Message.En);
        w.Site = site.Value!;
        await w.EngageAsync(providerOrg.Id, EngagementRole.Provider);
        await w.EngageAsync(assessorOrg.Id, EngagementRole.Assessor);
        if (engageIntegrator)
        {
            await w.EngageAsync(integratorOrg.Id, EngagementRole.Integrator);
        }

        return w;
    }

    public async Task EngageAsync(Guid org, EngagementRole role)
    {
        var e = await S.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(Customer, Site.Id,
            new EngagementInput(org, WireCodes<EngagementRole>.Code(role), "HT-2026-001"), CancellationToken.None));
        Assert.True(e.Succeeded, e.Error?.Message.En);
        Engagements[role] = e.Value!.Id;
    }

    public async Task EndAsync(EngagementRole role)
    {
        var e = await S.In(sp => sp.GetRequiredService<EngagementService>().EndAsync(Customer, Site.Id, Engagements[role], CancellationToken.None));
        Assert.True(e.Succeeded, e.Error?.Message.En);
    }

    public Task<Outcome<DutyBoard>> Board(Caller c, DutyFilter filter) =>
        S.In(sp => sp.GetRequiredService<ComplianceService>().ListAsync(c, Site.Id, filter, CancellationToken.None));

    public Task<Outcome<DutyDetail>> Duty(Caller c, string dutyId) =>
        S.In(sp => sp.GetRequiredService<ComplianceService>().GetAsync(c, Site.Id, dutyId, CancellationToken.None));

    public async Task<Outcome<DutyRow>> SetStatus(Caller c, string dutyId, string status, string? justification = null)
    {
        var version = (await Duty(Customer, dutyId)).Value!.Duty.Version;
        return await S.In(sp => sp.GetRequiredService<ComplianceService>().UpdateAsync(c, Site.Id, dutyId,
            new DutyUpdateInput(status, justification, null, null, version), CancellationToken.None));
    }

    public Task<Outcome<EvidenceView>> Upload(Caller c, string dutyId, string fileName, byte[] bytes, string kind = "document") =>
        S.In(async sp =>
        {
            using var content = new MemoryStream(bytes);
            return await sp.GetRequiredService<EvidenceService>().SubmitAsync(c, Site.Id, dutyId, new EvidenceInput(kind, "证据 " + fileName),
                new EvidenceUpload(fileName, content, bytes.Length), CancellationToken.None);
        });

    public Task<Outcome<EvidenceView>> SubmitText(Caller c, string dutyId, string text) =>
        S.In(sp => sp.GetRequiredService<EvidenceService>().SubmitAsync(c, Site.Id, dutyId, new EvidenceInput("test_result", "测试结果", Text: text), null, CancellationToken.None));

    public Task<Outcome<ReviewView>> Review(Caller c, Guid evidenceId, string verdict, string? note) =>
        S.In(sp => sp.GetRequiredService<EvidenceService>().ReviewAsync(c, evidenceId, new ReviewInput(verdict, note), CancellationToken.None));

    public Task<Outcome<SignOffView>> SignOff(Caller c, string phase) =>
        S.In(sp => sp.GetRequiredService<SignOffService>().SignAsync(c, Site.Id, new SignOffInput(phase, "验收测试通过，同意进入运行管理阶段。"), CancellationToken.None));

    public Task<Outcome<TransitionView>> Move(Caller c, string to, string? overrideReason = null, bool asOverride = false) =>
        S.In(sp => sp.GetRequiredService<LifecycleService>().TransitionAsync(c, Site.Id,
            new TransitionInput(to, asOverride || overrideReason is not null ? new TransitionOverride(overrideReason) : null), CancellationToken.None));

    public async Task SetFact(Caller c, string fact, bool value = true)
    {
        var r = await TrySetFact(c, fact, value);
        Assert.True(r.Succeeded, r.Error?.Message.En);
    }

    public Task<Outcome<FactView>> TrySetFact(Caller c, string fact, bool value = true) =>
        S.In(sp => sp.GetRequiredService<LifecycleService>().SetFactAsync(c, Site.Id, new FactInput(fact, value, "见合同及审查报告", null), CancellationToken.None));

    /// <summary>Every file in the evidence folder, temporary ones included.</summary>
    public IReadOnlyList<string> EvidenceFiles() =>
        Directory.Exists(EvidenceFolder) ? Directory.GetFiles(EvidenceFolder, "*", SearchOption.AllDirectories) : [];

    public static byte[] Pdf(string text = "report") => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    /// <summary>A zip with the given entries (name → bytes).</summary>
    public static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                s.Write(bytes);
            }
        }

        return ms.ToArray();
    }

    public static byte[] Docx(params (string Name, byte[] Bytes)[] extra) => Zip(
        [
            ("[Content_Types].xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")),
            ("word/document.xml", Encoding.UTF8.GetBytes("<w:document/>")),
            .. extra,
        ]);

    private async Task<Caller> AdminAsync(Guid org)
    {
        var created = await S.In(async sp => await sp.GetRequiredService<UserService>().CreateAsync(Caller.System,
            new UserInput("platform.admin", "platform.admin", null, null, org, "admin", "Passw0rd-platform", IsPlatformAdmin: true), CancellationToken.None));
        Assert.True(created.Succeeded, created.Error?.Message.En);
        return (await S.In(sp => sp.GetRequiredService<CallerResolver>().ResolveAsync(created.Value!.User.Id, null, false, "127.0.0.1", CancellationToken.None)))!;
    }

    public async ValueTask DisposeAsync()
    {
        await S.DisposeAsync();
        await Db.DisposeAsync();
    }
}
