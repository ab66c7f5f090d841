using GovGuard.Tests.Shared;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Websites;

public sealed class WebsiteAccessTests
{
    private sealed record World(TestDatabase Db, Services S, Caller Customer, Caller Provider, Caller Assessor, Caller Outsider, WebsiteView Site) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await S.DisposeAsync();
            await Db.DisposeAsync();
        }
    }

    private static async Task<World> WorldAsync(string kind)
    {
        var db = await TestDatabase.CreateAsync(kind);
        var s = new Services(db);
        var customerOrg = await s.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var providerOrg = await s.Organisation("某云计算有限公司", OrganisationKind.CloudProvider);
        var assessorOrg = await s.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var otherOrg = await s.Organisation("另一云服务商", OrganisationKind.CloudProvider);
        var customer = await s.User("customer.admin", customerOrg.Id, Accounts.OrgRole.Admin);
        var provider = await s.User("provider.ops", providerOrg.Id);
        var assessor = await s.User("assessor", assessorOrg.Id);
        var outsider = await s.User("outsider", otherOrg.Id);
        var site = (await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(customer, Services.Website("市政府门户网站"), CancellationToken.None))).Value!;
        foreach (var (org, role) in new[] { (providerOrg.Id, "provider"), (assessorOrg.Id, "assessor") })
        {
            var e = await s.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(customer, site.Id, new EngagementInput(org, role, "HT-2026-001"), CancellationToken.None));
            Assert.True(e.Succeeded, e.Error?.Message.En);
        }

        return new World(db, s, customer, provider, assessor, outsider, site);
    }

    private static Task<Outcome<WebsiteView>> Get(World w, Caller c) =>
        w.S.In(sp => sp.GetRequiredService<WebsiteService>().GetAsync(c, w.Site.Id, CancellationToken.None));

    private static Task<Outcome<WebsiteView>> Rename(World w, Caller c, string name) =>
        w.S.In(sp => sp.GetRequiredService<WebsiteService>().UpdateAsync(c, w.Site.Id, Services.Website(name) with { Domains = w.Site.Domains }, CancellationToken.None));

    [Theory]
    [Databases]
    public async Task Engaged_organisations_see_the_website_and_others_do_not(string kind)
    {
        await using var w = await WorldAsync(kind);
        Assert.True((await Get(w, w.Customer)).Succeeded);
        Assert.True((await Get(w, w.Provider)).Succeeded);
        Assert.True((await Get(w, w.Assessor)).Succeeded);
        var outsider = await Get(w, w.Outsider);
        Assert.Equal(ErrorKind.NotFound, outsider.Error!.Kind);
        var list = await w.S.In(sp => sp.GetRequiredService<WebsiteService>().ListAsync(w.Outsider, new WebsiteFilter(), Paging.Of(0, 50), CancellationToken.None));
        Assert.Empty(list.Items);
    }

    [Theory]
    [Databases]
    public async Task Assessor_reads_but_never_edits_and_the_refusal_is_audited(string kind)
    {
        await using var w = await WorldAsync(kind);
        var r = await Rename(w, w.Assessor, "评估机构改的名字");
        Assert.Equal(ErrorKind.Forbidden, r.Error!.Kind);
        await using var ctx = w.Db.Context();
        var denied = await ctx.AuditRecords.SingleAsync(a => a.Kind == AuditKinds.AccessDenied);
        Assert.Equal(w.Assessor.UserId, denied.ActorUserId);
        Assert.Equal(w.Site.Id, denied.WebsiteId);
        Assert.Equal(AuditOutcomes.Denied, denied.Outcome);
        Assert.Equal("市政府门户网站", (await Get(w, w.Customer)).Value!.Name);
    }

    [Theory]
    [Databases]
    public async Task Provider_without_engagement_cannot_register_a_website_and_is_audited(string kind)
    {
        await using var w = await WorldAsync(kind);
        var r = await w.S.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(w.Outsider, Services.Website("冒名登记"), CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, r.Error!.Kind);
        await using var ctx = w.Db.Context();
        Assert.False(await ctx.Websites.AnyAsync(x => x.Name == "冒名登记"));
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Kind == AuditKinds.AccessDenied && a.ActorUserId == w.Outsider.UserId));
    }

    [Theory]
    [Databases]
    public async Task Ended_engagement_takes_the_website_away(string kind)
    {
        await using var w = await WorldAsync(kind);
        var list = await w.S.In(sp => sp.GetRequiredService<EngagementService>().ListAsync(w.Customer, w.Site.Id, false, CancellationToken.None));
        var provider = list.Value!.Single(e => e.Role == "provider");
        var ended = await w.S.In(sp => sp.GetRequiredService<EngagementService>().EndAsync(w.Customer, w.Site.Id, provider.Id, CancellationToken.None));
        Assert.True(ended.Succeeded);
        Assert.Equal(ErrorKind.NotFound, (await Get(w, w.Provider)).Error!.Kind);
    }

    [Theory]
    [Databases]
    public async Task Customer_cannot_engage_an_assessor_as_provider(string kind)
    {
        await using var w = await WorldAsync(kind);
        var r = await w.S.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(w.Customer, w.Site.Id,
            new EngagementInput(w.Assessor.OrganisationId, "provider", null), CancellationToken.None));
        var field = Assert.Single(r.Error!.Fields);
        Assert.Equal("role", field.Field);
        Assert.Equal("kind_fits_role", field.Rule);
    }
}
