using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Common;
using GovGuard.Platform.Lifecycle;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Planning;

public sealed class PlanningFactsTests
{
    private static async Task<PlanningFacts> Facts(PlanningWorld w)
    {
        await using var ctx = w.Db.Context();
        return await PlanningFacts.ReadAsync(ctx, w.Site.Id, DateOnly.FromDateTime(PlanningWorld.Now.UtcDateTime), CancellationToken.None);
    }

    [Theory]
    [Databases]
    public async Task Approved_artefacts_open_the_planning_gate_and_drafts_do_not(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var facts = new LifecycleFacts { ProtectionLevel = 2, DeploymentModel = DeploymentModel.GovCloud };
        Assert.False(LifecycleGates.Evaluate(LifecycleState.Planning, LifecycleState.Migration, (await Facts(w)).ApplyTo(facts)).Allowed);

        foreach (var k in new[] { ArtefactKind.WebsiteInventory, ArtefactKind.MigrationDecision, ArtefactKind.ResourceNeeds, ArtefactKind.SecurityRequirements,
                     ArtefactKind.RequirementsReport, ArtefactKind.ProviderSelection, ArtefactKind.ContractChecklist })
        {
            await w.Approved(k);
        }

        // Drafts are not facts.
        await w.Save(w.Customer, ArtefactKind.MigrationPlan, PlanningSamples.For(ArtefactKind.MigrationPlan));
        var gate = LifecycleGates.Evaluate(LifecycleState.Planning, LifecycleState.Migration, (await Facts(w)).ApplyTo(facts));
        Assert.Equal(["migration_plan.missing"], gate.Failures.Select(f => f.Code));

        await w.Approve(w.Customer, ArtefactKind.MigrationPlan, 1);
        var read = await Facts(w);
        Assert.True(read.ProviderPassedSecurityReview && read.ProviderPassedEnhancedReview && read.ContractSigned && read.ContractHasExitTerms);
        gate = LifecycleGates.Evaluate(LifecycleState.Planning, LifecycleState.Migration, read.ApplyTo(facts));
        Assert.True(gate.Allowed);
        // The developer and the provider are engaged; only the provider has signed (sample register is not approved yet).
        Assert.Contains(gate.Warnings, i => i.Code == "confidentiality.unsigned");
    }

    [Theory]
    [Databases]
    public async Task Confidentiality_holds_when_every_engaged_supplier_has_an_agreement_in_force(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        await w.Approved(ArtefactKind.Confidentiality);
        Assert.False((await Facts(w)).ConfidentialityAgreementsSigned);
        var register = PlanningSamples.For(ArtefactKind.Confidentiality);
        register["agreements"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{"party":"某网站开发公司","signatory":"company","scope":"源代码和数据","signedOn":"2026-03-01"}"""));
        await w.Approved(ArtefactKind.Confidentiality, register);
        Assert.True((await Facts(w)).ConfidentialityAgreementsSigned);
    }

    [Theory]
    [Databases]
    public async Task A_decision_not_to_migrate_is_no_decision_to_migrate(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var decision = PlanningSamples.For(ArtefactKind.MigrationDecision);
        decision["decision"] = "defer";
        await w.Approved(ArtefactKind.MigrationDecision, decision);
        var facts = await Facts(w);
        Assert.False(facts.DecisionReportApproved);
        Assert.Contains("migration_decision", facts.ApprovedKinds);
    }

    [Theory]
    [Databases]
    public async Task The_lifecycle_gate_reads_the_approved_artefacts_without_facts_recorded_by_hand(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        Task<Outcome<TransitionView>> Move() => w.S.In(sp => sp.GetRequiredService<LifecycleService>()
            .TransitionAsync(w.Customer, w.Site.Id, new TransitionInput("migration"), CancellationToken.None));

        var refused = (await Move()).Value!;
        Assert.False(refused.Moved);
        Assert.Contains(refused.Failures, f => f.Code == "migration_plan.missing");

        foreach (var k in new[] { ArtefactKind.WebsiteInventory, ArtefactKind.MigrationDecision, ArtefactKind.ResourceNeeds, ArtefactKind.SecurityRequirements,
                     ArtefactKind.RequirementsReport, ArtefactKind.ProviderSelection, ArtefactKind.ContractChecklist })
        {
            await w.Approved(k);
        }

        // A submitted, not approved, migration plan still blocks.
        var plan = await w.Save(w.Customer, ArtefactKind.MigrationPlan, PlanningSamples.For(ArtefactKind.MigrationPlan));
        await w.Submit(w.Customer, ArtefactKind.MigrationPlan, plan.Value!.Number);
        refused = (await Move()).Value!;
        Assert.Equal(["migration_plan.missing"], refused.Failures.Select(f => f.Code));

        await w.Approve(w.Customer, ArtefactKind.MigrationPlan, plan.Value!.Number);
        var moved = (await Move()).Value!;
        Assert.True(moved.Moved, string.Join(", ", moved.Failures.Select(f => f.Code)));
        await using var ctx = w.Db.Context();
        Assert.Empty(ctx.LifecycleFacts.Where(f => f.WebsiteId == w.Site.Id));
    }
}
