using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Catalog.Tests.Lifecycle;

public class LifecycleGatesTests
{
    /// <summary>A website for which every gate is satisfied: level 3 on the government cloud, everything recorded.</summary>
    private static readonly LifecycleFacts Ready = new()
    {
        ProtectionLevel = 3,
        DeploymentModel = DeploymentModel.GovCloud,
        ProviderPassedSecurityReview = true,
        ProviderPassedEnhancedReview = true,
        DecisionReportApproved = true,
        RequirementsReportApproved = true,
        ContractSigned = true,
        ContractHasExitTerms = true,
        ConfidentialityAgreementsSigned = true,
        MigrationPlanApproved = true,
        EmergencyPlanInPlace = true,
        AcceptanceTestPassed = true,
        AcceptanceSignedByAssessor = true,
        ProtectionLevelRefiled = true,
        DeliveryDocumentsReceived = true,
        ExitPlanApproved = true,
        PreExitBackupDone = true,
        DataReturnVerified = true,
        DestructionProven = true,
        ExitAuditDone = true,
        ServiceContinuityConfirmed = true,
    };

    /// <summary>For each gate: the move it guards, whether it blocks, and facts that break only it.</summary>
    private static readonly Dictionary<string, (LifecycleState To, bool Blocks, Func<LifecycleFacts, LifecycleFacts> Break)> Cases = new()
    {
        ["protection_level.missing"] = (LifecycleState.Migration, true, f => f with { ProtectionLevel = null }),
        ["protection_level.invalid"] = (LifecycleState.Migration, true, f => f with { ProtectionLevel = 6 }),
        ["deployment_model.missing"] = (LifecycleState.Migration, true, f => f with { DeploymentModel = null }),
        ["level4_on_public_cloud"] = (LifecycleState.Migration, true, f => f with { ProtectionLevel = 4, DeploymentModel = DeploymentModel.PublicCloud }),
        ["level4_on_hybrid_cloud"] = (LifecycleState.Migration, false, f => f with { ProtectionLevel = 4, DeploymentModel = DeploymentModel.Hybrid }),
        ["provider.security_review"] = (LifecycleState.Migration, true, f => f with { ProviderPassedSecurityReview = false }),
        ["provider.enhanced_review"] = (LifecycleState.Migration, false, f => f with { ProviderPassedEnhancedReview = false }),
        ["decision_report.missing"] = (LifecycleState.Migration, true, f => f with { DecisionReportApproved = false }),
        ["requirements_report.missing"] = (LifecycleState.Migration, true, f => f with { RequirementsReportApproved = false }),
        ["contract.unsigned"] = (LifecycleState.Migration, true, f => f with { ContractSigned = false }),
        ["contract.exit_terms"] = (LifecycleState.Migration, false, f => f with { ContractHasExitTerms = false }),
        ["confidentiality.unsigned"] = (LifecycleState.Migration, false, f => f with { ConfidentialityAgreementsSigned = false }),
        ["migration_plan.missing"] = (LifecycleState.Migration, true, f => f with { MigrationPlanApproved = false }),
        ["acceptance.not_passed"] = (LifecycleState.Operation, true, f => f with { AcceptanceTestPassed = false, AcceptanceSignedByAssessor = false }),
        ["acceptance.not_signed"] = (LifecycleState.Operation, true, f => f with { AcceptanceSignedByAssessor = false }),
        ["protection_level.not_refiled"] = (LifecycleState.Operation, false, f => f with { ProtectionLevelRefiled = false }),
        ["emergency_plan.missing"] = (LifecycleState.Operation, false, f => f with { EmergencyPlanInPlace = false }),
        ["delivery_documents.missing"] = (LifecycleState.Operation, false, f => f with { DeliveryDocumentsReceived = false }),
        ["exit_plan.missing"] = (LifecycleState.Exit, false, f => f with { ExitPlanApproved = false }),
        ["pre_exit_backup.missing"] = (LifecycleState.Exit, false, f => f with { PreExitBackupDone = false }),
        ["data_return.unverified"] = (LifecycleState.Closed, true, f => f with { DataReturnVerified = false }),
        ["destruction.unproven"] = (LifecycleState.Closed, true, f => f with { DestructionProven = false }),
        ["exit_audit.missing"] = (LifecycleState.Closed, false, f => f with { ExitAuditDone = false }),
        ["service_continuity.unconfirmed"] = (LifecycleState.Closed, false, f => f with { ServiceContinuityConfirmed = false }),
    };

    public static TheoryData<string> Codes => new(Cases.Keys);

    private static GateResult Step(LifecycleState to, LifecycleFacts facts)
    {
        var from = Terms.All<LifecycleState>().Single(s => s.Next() == to);
        return LifecycleGates.Evaluate(from, to, facts);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_gate_is_raised_when_its_fact_is_missing_and_quiet_when_it_is_recorded(string code)
    {
        var (to, blocks, breakIt) = Cases[code];
        var refused = Step(to, breakIt(Ready));
        var raised = blocks ? refused.Failures : refused.Warnings;
        var issue = Assert.Single(raised, i => i.Code == code);
        Assert.False(string.IsNullOrWhiteSpace(issue.MessageZh));
        Assert.False(string.IsNullOrWhiteSpace(issue.MessageEn));
        Assert.Equal(!blocks, refused.Allowed);

        var passed = Step(to, Ready);
        Assert.True(passed.Allowed);
        Assert.DoesNotContain(passed.Failures.Concat(passed.Warnings), i => i.Code == code);
    }

    [Fact]
    public void Every_gate_has_a_case_here()
    {
        Assert.Equal(LifecycleGates.AllIssues.Select(i => i.Code).Distinct().Order(), Cases.Keys.Order());
    }

    [Fact]
    public void Every_gate_cites_a_clause_of_the_catalog()
    {
        var catalog = DutyCatalog.Default;
        Assert.All(LifecycleGates.AllIssues, i =>
            Assert.True(catalog.TryGet(i.Clause, out _) || catalog.TryGetSection(i.Clause, out _), $"{i.Code} cites {i.Clause}"));
    }

    [Fact]
    public void Level_4_on_public_cloud_is_refused_again_at_acceptance_after_regrading()
    {
        var regraded = Ready with { ProtectionLevel = 4, DeploymentModel = DeploymentModel.PublicCloud };
        var r = LifecycleGates.Evaluate(LifecycleState.Migration, LifecycleState.Operation, regraded);
        Assert.Contains(r.Failures, i => i.Code == "level4_on_public_cloud" && i.Clause == "5.3.2.c");
    }

    [Fact]
    public void Level_3_on_public_cloud_is_allowed_with_enhanced_review_and_warned_without()
    {
        var level3 = Ready with { DeploymentModel = DeploymentModel.PublicCloud };
        Assert.Empty(Step(LifecycleState.Migration, level3).Warnings);
        var warned = Step(LifecycleState.Migration, level3 with { ProviderPassedEnhancedReview = false });
        Assert.True(warned.Allowed);
        Assert.Equal("5.4.a.2", Assert.Single(warned.Warnings).Clause);
        Assert.Empty(Step(LifecycleState.Migration, level3 with { ProtectionLevel = 2, ProviderPassedEnhancedReview = false }).Warnings);
    }

    [Fact]
    public void A_fresh_website_cannot_start_migrating()
    {
        var r = LifecycleGates.Evaluate(LifecycleState.Planning, LifecycleState.Migration, new LifecycleFacts());
        Assert.False(r.Allowed);
        Assert.Contains(r.Failures, i => i.Code == "contract.unsigned");
    }

    [Theory]
    [InlineData(LifecycleState.Planning, LifecycleState.Operation)]
    [InlineData(LifecycleState.Planning, LifecycleState.Closed)]
    [InlineData(LifecycleState.Migration, LifecycleState.Planning)]
    [InlineData(LifecycleState.Operation, LifecycleState.Operation)]
    [InlineData(LifecycleState.Operation, LifecycleState.Closed)]
    [InlineData(LifecycleState.Exit, LifecycleState.Operation)]
    public void Only_one_step_forward_is_allowed(LifecycleState from, LifecycleState to)
    {
        var r = LifecycleGates.Evaluate(from, to, Ready);
        var issue = Assert.Single(r.Failures);
        Assert.Equal("transition.not_next", issue.Code);
        Assert.Contains(from.Next()!.Value.ToWire(), issue.MessageEn, StringComparison.Ordinal);
        Assert.Contains(from.Next()!.Value.NameZh(), issue.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_website_stays_closed()
    {
        foreach (var to in Terms.All<LifecycleState>())
        {
            Assert.Equal("transition.closed", Assert.Single(LifecycleGates.Evaluate(LifecycleState.Closed, to, Ready).Failures).Code);
        }
    }

    [Fact]
    public void Every_forward_step_passes_with_everything_recorded()
    {
        for (LifecycleState? s = LifecycleState.Planning; s.Value.Next() is { } next; s = next)
        {
            var r = LifecycleGates.Evaluate(s.Value, next, Ready);
            Assert.True(r.Allowed && r.Warnings.Count == 0, $"{s} -> {next}: {string.Join("; ", r.Failures.Concat(r.Warnings))}");
        }
    }
}
