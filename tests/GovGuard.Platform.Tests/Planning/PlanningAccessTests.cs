using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Planning;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Planning;

public sealed class PlanningAccessTests
{
    [Theory]
    [Databases]
    public async Task Assessor_reads_and_reviews_but_cannot_edit_or_approve(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var saved = (await w.Save(w.Customer, ArtefactKind.WebsiteInventory, PlanningSamples.For(ArtefactKind.WebsiteInventory))).Value!;
        Assert.True((await w.Get(w.Assessor, ArtefactKind.WebsiteInventory)).Succeeded);

        var edit = await w.Save(w.Assessor, ArtefactKind.WebsiteInventory, PlanningSamples.For(ArtefactKind.WebsiteInventory));
        Assert.Equal(ErrorKind.Forbidden, edit.Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await w.Approve(w.Assessor, ArtefactKind.WebsiteInventory, 1)).Error!.Kind);

        var review = await w.S.In(sp => sp.GetRequiredService<PlanningService>().ReviewAsync(w.Assessor, w.Site.Id, "website_inventory", 1,
            new ReviewInput("concerns", "网络设备清单缺少交换机。"), CancellationToken.None));
        Assert.True(review.Succeeded, PlanningWorld.Describe(review.Error));
        Assert.Equal(saved.Digest, review.Value!.ArtefactDigest);
        Assert.Single((await w.Get(w.Customer, ArtefactKind.WebsiteInventory)).Value!.Reviews);

        // The customer cannot assess its own work.
        var own = await w.S.In(sp => sp.GetRequiredService<PlanningService>().ReviewAsync(w.Customer, w.Site.Id, "website_inventory", 1,
            new ReviewInput("accepted", "自评"), CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, own.Error!.Kind);

        await using var ctx = w.Db.Context();
        Assert.True(await ctx.AuditRecords.AnyAsync(r => r.Kind == AuditKinds.AccessDenied && r.ActorUserId == w.Assessor.UserId && r.WebsiteId == w.Site.Id));
    }

    [Theory]
    [Databases]
    public async Task An_unengaged_organisation_cannot_read_or_learn_that_anything_exists(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        await w.Save(w.Customer, ArtefactKind.Sla, PlanningSamples.For(ArtefactKind.Sla));
        Assert.Equal(ErrorKind.NotFound, (await w.Get(w.Outsider, ArtefactKind.Sla)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await w.Get(w.Outsider, ArtefactKind.Sla, 1)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await w.Save(w.Outsider, ArtefactKind.Sla, PlanningSamples.For(ArtefactKind.Sla))).Error!.Kind);
        var overview = await w.S.In(sp => sp.GetRequiredService<PlanningService>().OverviewAsync(w.Outsider, w.Site.Id, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, overview.Error!.Kind);
    }

    [Theory]
    [Databases]
    public async Task Provider_drafts_the_migration_plan_but_only_the_customer_admin_approves(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var draft = await w.Save(w.Provider, ArtefactKind.MigrationPlan, PlanningSamples.For(ArtefactKind.MigrationPlan));
        Assert.True(draft.Succeeded, PlanningWorld.Describe(draft.Error));
        Assert.Equal(w.Provider.Name, draft.Value!.AuthorName);
        Assert.True((await w.Submit(w.Provider, ArtefactKind.MigrationPlan, 1)).Succeeded);
        Assert.Equal(ErrorKind.Forbidden, (await w.Approve(w.Provider, ArtefactKind.MigrationPlan, 1)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await w.Approve(w.CustomerMember, ArtefactKind.MigrationPlan, 1)).Error!.Kind);
        Assert.True((await w.Approve(w.Customer, ArtefactKind.MigrationPlan, 1)).Succeeded);

        // The developer writes into the plan (5.6 b) but not the customer's own decision report.
        Assert.True((await w.Save(w.Developer, ArtefactKind.MigrationPlan, PlanningSamples.For(ArtefactKind.MigrationPlan))).Succeeded);
        Assert.Equal(ErrorKind.Forbidden, (await w.Save(w.Developer, ArtefactKind.MigrationDecision, PlanningSamples.For(ArtefactKind.MigrationDecision))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await w.Save(w.Provider, ArtefactKind.ProviderSelection, PlanningSamples.For(ArtefactKind.ProviderSelection))).Error!.Kind);
    }

    [Fact]
    public void Contributors_are_roles_the_catalog_gives_the_kinds_clause()
    {
        foreach (var kind in ArtefactKinds.All)
        {
            var duties = DutyCatalog.Default.Duties.Where(d => d.Id == kind.Clause || d.Id.StartsWith(kind.Clause + ".", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(duties);
            foreach (var role in kind.Contributors)
            {
                Assert.True(duties.Any(d => d.Concerns(role)), $"{kind.Code}: the catalog gives {role} no duty under {kind.Clause}");
            }

            Assert.DoesNotContain(EngagementRole.Assessor, kind.Contributors);
        }
    }
}
