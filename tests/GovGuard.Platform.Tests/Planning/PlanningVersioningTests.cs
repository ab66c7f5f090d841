using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Planning;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Tests.Planning;

public sealed class PlanningVersioningTests
{
    [Theory]
    [Databases]
    public async Task Approval_freezes_a_version_and_the_next_edit_starts_a_new_one(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var v1 = await w.Approved(ArtefactKind.Sla);
        Assert.Equal(("approved", 1), (v1.Status, v1.Number));

        var edited = PlanningSamples.For(ArtefactKind.Sla);
        edited["availability"] = 99.9;
        var v2 = await w.Save(w.Customer, ArtefactKind.Sla, edited, basedOn: 1);
        Assert.True(v2.Succeeded, PlanningWorld.Describe(v2.Error));
        Assert.Equal(("draft", 2), (v2.Value!.Status, v2.Value.Number));
        Assert.NotEqual(v1.Digest, v2.Value.Digest);

        // v1 is untouched: same status, same payload, same digest, and the digest still matches the payload.
        var again = (await w.Get(w.Customer, ArtefactKind.Sla, 1)).Value!;
        Assert.Equal(("approved", v1.Digest), (again.Status, again.Digest));
        Assert.Equal(99.95m, again.Payload.GetProperty("availability").GetDecimal());
        Assert.Equal(again.Digest, PayloadJson.Digest(again.Payload.GetRawText()));

        // A second edit changes the open draft in place rather than adding v3.
        edited["availability"] = 99.99;
        var stillV2 = await w.Save(w.Customer, ArtefactKind.Sla, edited, basedOn: 2);
        Assert.Equal(2, stillV2.Value!.Number);

        // Approving v2 supersedes v1, which keeps its digest.
        Assert.True((await w.Approve(w.Customer, ArtefactKind.Sla, 2)).Succeeded);
        var old = (await w.Get(w.Customer, ArtefactKind.Sla, 1)).Value!;
        Assert.Equal(("superseded", v1.Digest), (old.Status, old.Digest));
        Assert.NotNull(old.SupersededAt);
    }

    [Theory]
    [Databases]
    public async Task A_stale_edit_and_an_approved_version_cannot_be_changed_again(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        await w.Approved(ArtefactKind.ResourceNeeds);
        await w.Save(w.Customer, ArtefactKind.ResourceNeeds, PlanningSamples.For(ArtefactKind.ResourceNeeds), basedOn: 1);
        var stale = await w.Save(w.Customer, ArtefactKind.ResourceNeeds, PlanningSamples.For(ArtefactKind.ResourceNeeds), basedOn: 1);
        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        var reapprove = await w.Approve(w.Customer, ArtefactKind.ResourceNeeds, 1);
        Assert.Equal(ErrorKind.Conflict, reapprove.Error!.Kind);
    }

    [Theory]
    [Databases]
    public async Task Every_step_is_audited(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var saved = (await w.Save(w.Customer, ArtefactKind.MigrationPlan, PlanningSamples.For(ArtefactKind.MigrationPlan))).Value!;
        Assert.True((await w.Submit(w.Customer, ArtefactKind.MigrationPlan, 1)).Succeeded);
        Assert.True((await w.Approve(w.Customer, ArtefactKind.MigrationPlan, 1)).Succeeded);
        await using var ctx = w.Db.Context();
        var kinds = await ctx.AuditRecords.Where(r => r.ObjectId == saved.Id.ToString()).OrderBy(r => r.Seq).Select(r => r.Kind).ToListAsync();
        Assert.Equal([AuditKinds.PlanningSaved, AuditKinds.PlanningSubmitted, AuditKinds.PlanningApproved], kinds);
    }

    [Theory]
    [Databases]
    public async Task Approved_sla_is_projected_as_typed_terms(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var v1 = await w.Approved(ArtefactKind.Sla);
        await using var ctx = w.Db.Context();
        var terms = await ctx.SlaTerms.SingleAsync(t => t.WebsiteId == w.Site.Id);
        Assert.Equal((99.95m, 800, 95, 240, 15), (terms.AvailabilityPercent, terms.ResponseTimeMs, terms.ResponseTimePercentile, terms.RtoMinutes, terms.RpoMinutes));
        Assert.Equal((15, 30, 60, 240), (terms.EspeciallyMajorResponseMinutes, terms.MajorResponseMinutes, terms.RelativelyMajorResponseMinutes, terms.GeneralResponseMinutes));
        Assert.Equal((1, v1.Digest), (terms.Number, terms.Digest));

        // A draft never reaches the monitoring side; the next approval does.
        var edited = PlanningSamples.For(ArtefactKind.Sla);
        edited["availability"] = 99.5;
        await w.Save(w.Customer, ArtefactKind.Sla, edited);
        Assert.Equal(99.95m, (await ctx.SlaTerms.AsNoTracking().SingleAsync()).AvailabilityPercent);
        await w.Approve(w.Customer, ArtefactKind.Sla, 2);
        var now = await ctx.SlaTerms.AsNoTracking().SingleAsync();
        Assert.Equal((99.5m, 2), (now.AvailabilityPercent, now.Number));
    }

    [Theory]
    [Databases]
    public async Task Requirements_report_is_formed_from_the_approved_analyses(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var missing = await w.Save(w.Customer, ArtefactKind.RequirementsReport, PlanningSamples.For(ArtefactKind.RequirementsReport));
        Assert.Equal(4, missing.Error!.Fields.Count(f => f.Field == "sources" && f.Rule == "missing_source"));

        foreach (var k in new[] { ArtefactKind.WebsiteInventory, ArtefactKind.MigrationDecision, ArtefactKind.ResourceNeeds })
        {
            await w.Approved(k);
        }

        await w.Save(w.Customer, ArtefactKind.SecurityRequirements, PlanningSamples.For(ArtefactKind.SecurityRequirements));
        var report = await w.Save(w.Customer, ArtefactKind.RequirementsReport, PlanningSamples.For(ArtefactKind.RequirementsReport));
        Assert.True(report.Succeeded, PlanningWorld.Describe(report.Error));
        var refused = await w.Approve(w.Customer, ArtefactKind.RequirementsReport, 1);
        Assert.Equal(ErrorKind.Conflict, refused.Error!.Kind);
        Assert.Contains("security_requirements", refused.Error.Message.En, StringComparison.Ordinal);

        await w.Approve(w.Customer, ArtefactKind.SecurityRequirements, 1);
        var resaved = (await w.Save(w.Customer, ArtefactKind.RequirementsReport, PlanningSamples.For(ArtefactKind.RequirementsReport))).Value!;
        var sources = ((GovGuard.Platform.Planning.Payloads.RequirementsReport)resaved.Data).Sources;
        Assert.Equal(4, sources.Count);
        Assert.All(sources, s => Assert.Equal(ArtefactStatus.Approved, s.Status));
        Assert.True((await w.Approve(w.Customer, ArtefactKind.RequirementsReport, 1)).Succeeded);
    }
}
