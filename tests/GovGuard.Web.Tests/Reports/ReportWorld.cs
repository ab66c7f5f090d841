using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Reports;

/// <summary>A website owned by a customer, with an integrator and an assessor engaged, and an organisation that is not.</summary>
internal sealed record ReportWorld(TestHost Host, TestUser Owner, TestUser Integrator, TestUser Assessor, TestUser Outsider, WebsiteView Site)
{
    public const string SiteName = "市政府门户网站";

    /// <summary>Seeds the world; integrator and assessor get passwords when a browser signs them in.</summary>
    public static async Task<ReportWorld> CreateAsync(TestHost host, bool passwords = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var integratorOrg = await host.Organisation("某系统集成公司", OrganisationKind.SystemIntegrator);
        var assessorOrg = await host.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var outsiderOrg = await host.Organisation("无关的集成公司", OrganisationKind.SystemIntegrator);
        var owner = await host.User("owner.admin", customer.Id, OrgRole.Admin, withPassword: false);
        var integrator = await host.User("integrator.eng", integratorOrg.Id, withPassword: passwords);
        var assessor = await host.User("assessor.lead", assessorOrg.Id, withPassword: passwords);
        var outsider = await host.User("outsider", outsiderOrg.Id, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput(SiteName, ["www.example.gov.cn"], "1100000001", null, null, 3, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        foreach (var (org, role) in new[] { (integratorOrg.Id, "integrator"), (assessorOrg.Id, "assessor") })
        {
            var e = await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner.Caller, site.Id, new EngagementInput(org, role, "HT-2026-007"), CancellationToken.None));
            Assert.True(e.Succeeded, e.Error?.Message.En);
        }

        return new ReportWorld(host, owner, integrator, assessor, outsider, site);
    }

    /// <summary>The integrator submits a file for <paramref name="dutyId"/> through the service, as the upload form would.</summary>
    public async Task<EvidenceView> UploadAsync(string dutyId, string fileName, byte[] bytes)
    {
        var r = await Host.In(async sp =>
        {
            using var content = new MemoryStream(bytes);
            return await sp.GetRequiredService<EvidenceService>().SubmitAsync(Integrator.Caller, Site.Id, dutyId, new EvidenceInput("document", "集成方案 " + fileName),
                new EvidenceUpload(fileName, content, bytes.Length), CancellationToken.None);
        });
        Assert.True(r.Succeeded, r.Error?.Message.En);
        return r.Value!;
    }

    public async Task ReviewAsync(Guid evidenceId, string verdict, string? note)
    {
        var r = await Host.In(sp => sp.GetRequiredService<EvidenceService>().ReviewAsync(Assessor.Caller, evidenceId, new ReviewInput(verdict, note), CancellationToken.None));
        Assert.True(r.Succeeded, r.Error?.Message.En);
    }

    /// <summary>A small PDF that the evidence store accepts; <paramref name="text"/> makes its hash differ.</summary>
    public static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
}
