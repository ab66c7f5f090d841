using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Compliance;

public sealed class LifecycleWalkTests
{
    private static void Refused(Lifecycle.TransitionView r, params string[] codes)
    {
        Assert.False(r.Moved);
        Assert.Equal(codes.Order(StringComparer.Ordinal), r.Failures.Select(f => f.Code).Order(StringComparer.Ordinal));
        Assert.All(r.Failures, f => Assert.False(string.IsNullOrEmpty(f.Clause)));
    }

    [Theory]
    [Databases]
    public async Task One_website_walks_all_four_phases_with_four_organisations_each_gate_refused_then_passed(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind, level: 3);

        // Planning → migration: every blocking gate of chapter 5 refuses, then passes once its fact is recorded.
        var r = (await w.Move(w.Customer, "migration")).Value!;
        Refused(r, "provider.security_review", "decision_report.missing", "requirements_report.missing", "contract.unsigned", "migration_plan.missing");
        Assert.Contains(r.Failures, f => f.Code == "provider.security_review" && f.Clause == "5.4.a.1");
        await w.SetFact(w.Assessor, "provider_security_review");
        Refused((await w.Move(w.Customer, "migration")).Value!, "decision_report.missing", "requirements_report.missing", "contract.unsigned", "migration_plan.missing");
        await w.SetFact(w.Customer, "decision_report_approved");
        Refused((await w.Move(w.Customer, "migration")).Value!, "requirements_report.missing", "contract.unsigned", "migration_plan.missing");
        await w.SetFact(w.Customer, "requirements_report_approved");
        Refused((await w.Move(w.Customer, "migration")).Value!, "contract.unsigned", "migration_plan.missing");
        await w.SetFact(w.Customer, "contract_signed");
        Refused((await w.Move(w.Customer, "migration")).Value!, "migration_plan.missing");
        var assessorTries = await w.TrySetFact(w.Assessor, "migration_plan_approved");
        Assert.Equal(ErrorKind.Forbidden, assessorTries.Error!.Kind);
        await w.SetFact(w.Customer, "migration_plan_approved");
        r = (await w.Move(w.Customer, "migration")).Value!;
        Assert.True(r.Moved);
        // Level 3 without the enhanced review warns (5.4 a 2); the contract has no exit terms (5.5.1 a 3).
        Assert.Contains(r.Warnings, i => i.Code == "provider.enhanced_review" && i.Clause == "5.4.a.2");
        Assert.Contains(r.Warnings, i => i.Code == "contract.exit_terms");

        // Migration → operation: the acceptance test (6.4.2 b) must pass and an assessor must sign.
        Refused((await w.Move(w.Customer, "operation")).Value!, "acceptance.not_passed");
        await w.SetFact(w.Assessor, "acceptance_test_passed");
        Refused((await w.Move(w.Customer, "operation")).Value!, "acceptance.not_signed");
        var integratorSigns = await w.SignOff(w.Integrator, "migration");
        Assert.Equal(ErrorKind.Forbidden, integratorSigns.Error!.Kind);
        Assert.True((await w.SignOff(w.Assessor, "migration")).Succeeded);
        r = (await w.Move(w.Customer, "operation")).Value!;
        Assert.True(r.Moved);
        Assert.Contains(r.Warnings, i => i.Code == "protection_level.not_refiled");

        // Operation → exit: no phase may be skipped (4.2); leaving is then always allowed, with warnings.
        Refused((await w.Move(w.Customer, "closed")).Value!, "transition.not_next");
        r = (await w.Move(w.Customer, "exit")).Value!;
        Assert.True(r.Moved);
        Assert.Contains(r.Warnings, i => i.Code == "exit_plan.missing" && i.Clause == "8.3.2");

        // Exit → closed: returned data verified (8.3.4) and destruction proven (8.3.5).
        Refused((await w.Move(w.Customer, "closed")).Value!, "data_return.unverified", "destruction.unproven");
        await w.SetFact(w.Customer, "data_return_verified");
        Refused((await w.Move(w.Customer, "closed")).Value!, "destruction.unproven");
        await w.SetFact(w.Assessor, "destruction_proven");
        Assert.Equal(ErrorKind.Forbidden, (await w.TrySetFact(w.Customer, "exit_audit_done")).Error!.Kind);
        await w.SetFact(w.Assessor, "exit_audit_done");
        r = (await w.Move(w.Customer, "closed")).Value!;
        Assert.True(r.Moved);
        Assert.DoesNotContain(r.Warnings, i => i.Code == "exit_audit.missing");
        Refused((await w.Move(w.Customer, "planning")).Value!, "transition.closed");

        await using var db = w.Db.Context();
        Assert.Equal("Closed", (await db.Websites.SingleAsync()).Phase.ToString());
        Assert.Equal(4, await db.WebsiteTransitions.CountAsync());
        Assert.True(await db.AuditRecords.CountAsync(a => a.Kind == AuditKinds.LifecycleTransition && a.Outcome == AuditOutcomes.Denied) >= 10);
        Assert.Equal(4, await db.AuditRecords.CountAsync(a => a.Kind == AuditKinds.LifecycleTransition && a.Outcome == AuditOutcomes.Success));
    }

    [Theory]
    [Databases]
    public async Task Only_a_platform_administrator_overrides_gates_with_a_reason_and_the_override_is_audited(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var customer = await w.Move(w.Customer, "migration", "急需上线");
        Assert.Equal(ErrorKind.Forbidden, customer.Error!.Kind);
        var noReason = await w.Move(w.Admin, "migration", asOverride: true);
        Assert.Equal(ErrorKind.Validation, noReason.Error!.Kind);
        Assert.Contains(noReason.Error.Fields, f => f.Field == "override.reason");
        var skip = (await w.Move(w.Admin, "operation", "跳过")).Value!;
        Assert.False(skip.Moved);

        var r = (await w.Move(w.Admin, "migration", "省政府紧急部署，材料后补")).Value!;
        Assert.True(r.Moved);
        Assert.True(r.Overridden);
        Assert.Contains(r.Failures, f => f.Code == "contract.unsigned");

        await using var db = w.Db.Context();
        var audit = await db.AuditRecords.SingleAsync(a => a.Kind == AuditKinds.LifecycleOverride);
        Assert.Contains("contract.unsigned@5.5.1", audit.Summary, StringComparison.Ordinal);
        Assert.Contains("省政府紧急部署", audit.Summary, StringComparison.Ordinal);
        var t = await db.WebsiteTransitions.SingleAsync();
        Assert.True(t.Overridden);
        Assert.Equal("省政府紧急部署，材料后补", t.Reason);
    }

    [Theory]
    [Databases]
    public async Task A_level_four_website_is_refused_public_cloud_at_registration_and_edit(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var create = await w.S.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(w.Customer,
            Services.Website("四级网站", level: 4, deployment: "public_cloud"), CancellationToken.None));
        var field = Assert.Single(create.Error!.Fields);
        Assert.Equal(("deploymentModel", "level4_on_public_cloud"), (field.Field, field.Rule));
        Assert.Contains("5.3.2.c", field.Message.Zh, StringComparison.Ordinal);

        var edit = await w.S.In(sp => sp.GetRequiredService<WebsiteService>().UpdateAsync(w.Customer, w.Site.Id,
            Services.Website(w.Site.Name, level: 4, deployment: "public_cloud") with { Domains = w.Site.Domains }, CancellationToken.None));
        Assert.Contains(edit.Error!.Fields, f => f.Rule == "level4_on_public_cloud");
        var hybrid = await w.S.In(sp => sp.GetRequiredService<WebsiteService>().UpdateAsync(w.Customer, w.Site.Id,
            Services.Website(w.Site.Name, level: 4, deployment: "hybrid") with { Domains = w.Site.Domains }, CancellationToken.None));
        Assert.True(hybrid.Succeeded);
    }
}
