using System.Text.Json.Nodes;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Common;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Planning;

/// <summary>A clock standing still at one instant.</summary>
public sealed class StillClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// A customer with a website, an engaged provider, developer and assessor, an unengaged outsider, and helpers to
/// call the planning service as each of them.
/// </summary>
public sealed record PlanningWorld(
    TestDatabase Db,
    Services S,
    Caller Customer,
    Caller CustomerMember,
    Caller Provider,
    Caller Developer,
    Caller Assessor,
    Caller Outsider,
    WebsiteView Site) : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 5, 1, 2, 0, 0, TimeSpan.Zero);

    public static async Task<PlanningWorld> CreateAsync(string kind, int level = 2, string deployment = "gov_cloud")
    {
        var db = await TestDatabase.CreateAsync(kind);
        var s = new Services(db, new StillClock(Now));
        var customerOrg = await s.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var providerOrg = await s.Organisation("某云计算有限公司", OrganisationKind.CloudProvider);
        var developerOrg = await s.Organisation("某网站开发公司", OrganisationKind.WebsiteDeveloper);
        var assessorOrg = await s.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var otherOrg = await s.Organisation("另一云服务商", OrganisationKind.CloudProvider);
        var customer = await s.User("customer.admin", customerOrg.Id, Accounts.OrgRole.Admin);
        var member = await s.User("customer.member", customerOrg.Id);
        var provider = await s.User("provider.ops", providerOrg.Id);
        var developer = await s.User("developer.dev", developerOrg.Id);
        var assessor = await s.User("assessor", assessorOrg.Id);
        var outsider = await s.User("outsider", otherOrg.Id);
        var site = (await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(customer, Services.Website("市政府门户网站", level: level, deployment: deployment), CancellationToken.None))).Value!;
        foreach (var (org, role) in new[] { (providerOrg.Id, "provider"), (developerOrg.Id, "developer"), (assessorOrg.Id, "assessor") })
        {
            var e = await s.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(customer, site.Id, new EngagementInput(org, role, null), CancellationToken.None));
            Assert.True(e.Succeeded, e.Error?.Message.En);
        }

        return new PlanningWorld(db, s, customer, member, provider, developer, assessor, outsider, site);
    }

    public Task<Outcome<ArtefactView>> Save(Caller c, ArtefactKind kind, JsonNode payload, int? basedOn = null) =>
        S.In(sp => sp.GetRequiredService<PlanningService>().SaveAsync(c, Site.Id, ArtefactKinds.Of(kind).Code, new ArtefactInput(payload, basedOn), CancellationToken.None));

    public Task<Outcome<ArtefactView>> Submit(Caller c, ArtefactKind kind, int number) =>
        S.In(sp => sp.GetRequiredService<PlanningService>().SubmitAsync(c, Site.Id, ArtefactKinds.Of(kind).Code, number, CancellationToken.None));

    public Task<Outcome<ArtefactView>> Approve(Caller c, ArtefactKind kind, int number) =>
        S.In(sp => sp.GetRequiredService<PlanningService>().ApproveAsync(c, Site.Id, ArtefactKinds.Of(kind).Code, number, CancellationToken.None));

    public Task<Outcome<ArtefactView>> Get(Caller c, ArtefactKind kind, int? number = null) =>
        S.In(sp => sp.GetRequiredService<PlanningService>().GetAsync(c, Site.Id, ArtefactKinds.Of(kind).Code, number, CancellationToken.None));

    /// <summary>Saves the sample of <paramref name="kind"/> as the customer and approves it.</summary>
    public async Task<ArtefactView> Approved(ArtefactKind kind, JsonNode? payload = null)
    {
        var saved = await Save(Customer, kind, payload ?? PlanningSamples.For(kind));
        Assert.True(saved.Succeeded, Describe(saved.Error));
        var approved = await Approve(Customer, kind, saved.Value!.Number);
        Assert.True(approved.Succeeded, Describe(approved.Error));
        return approved.Value!;
    }

    public static string Describe(Error? e) =>
        e is null ? string.Empty : e.Message.En + " " + string.Join("; ", e.Fields.Select(f => $"{f.Field}/{f.Rule}: {f.Message.En}"));

    public async ValueTask DisposeAsync()
    {
        await S.DisposeAsync();
        await Db.DisposeAsync();
    }
}
