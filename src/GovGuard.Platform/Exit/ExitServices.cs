using GovGuard.Catalog;
using GovGuard.Catalog.Duties;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Lifecycle;
using GovGuard.Platform.CloudMigration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovGuard.Platform.Exit;

/// <summary>Registers the exit records (GB/T 38249 chapter 8).</summary>
public static class ExitServices
{
    public static IServiceCollection AddGovGuardExit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ExitAudit.Register();
        services.TryAddSingleton<ManifestUploads>();
        services.AddScoped<ExitService>();
        services.AddScoped<PostExitChecks>();
        services.AddScoped<DestructionCertificates>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ILifecycleFactsContributor, ExitFactsContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAutomaticEvidenceSource, ExitEvidenceSource>());
        return services;
    }
}

/// <summary>The audit kinds of the exit records.</summary>
public static class ExitAudit
{
    public const string PlanSaved = "exit.plan_saved";
    public const string PlanApproved = "exit.plan_approved";
    public const string ItemAdded = "exit.handover_item_added";
    public const string HandedOver = "exit.handed_over";
    public const string ReturnVerified = "exit.return_verified";
    public const string Recorded = "exit.recorded";
    public const string CertificateExported = "exit.certificate_exported";

    public static void Register()
    {
        AuditKinds.Register(new AuditKind(PlanSaved, new("保存退出方案", "Exit plan saved"), true));
        AuditKinds.Register(new AuditKind(PlanApproved, new("批准退出方案", "Exit plan approved"), true));
        AuditKinds.Register(new AuditKind(ItemAdded, new("编制移交清单", "Handover item added"), true));
        AuditKinds.Register(new AuditKind(HandedOver, new("移交数据并提交清单", "Data handed over with its manifest"), true));
        AuditKinds.Register(new AuditKind(ReturnVerified, new("校验返还数据", "Returned data verified"), true));
        AuditKinds.Register(new AuditKind(Recorded, new("记录退出材料", "Exit record written"), true));
        AuditKinds.Register(new AuditKind(CertificateExported, new("导出数据清除证明", "Destruction certificate exported"), true));
    }
}

/// <summary>Automatic evidence from the exit records: <c>data_return_verification</c>, <c>data_destruction_proof</c> and <c>exit_audit</c>.</summary>
public sealed class ExitEvidenceSource(GovGuardDbContext db) : IAutomaticEvidenceSource
{
    public async Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Duty duty, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var kind = duty.Automatic?.Record;
        if (kind is not (RecordKind.DataReturnVerification or RecordKind.DataDestructionProof or RecordKind.ExitAudit))
        {
            return [];
        }

        var facts = await ExitFacts.ReadAsync(db, websiteId, ct).ConfigureAwait(false);
        var source = kind.Value.ToWire();
        switch (kind)
        {
            case RecordKind.DataReturnVerification:
            {
                var checks = await db.Set<DataReturnCheck>().AsNoTracking().Where(c => c.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
                var latest = checks.OrderByDescending(c => c.At).FirstOrDefault();
                var items = await db.Set<HandoverItem>().CountAsync(i => i.WebsiteId == websiteId, ct).ConfigureAwait(false);
                return latest is null
                    ? [new AutomaticEvidenceItem(source, false, new Text("尚无返还数据的校验记录。", "No check of returned data is recorded."), default)]
                    : [new AutomaticEvidenceItem(source, facts.DataReturnVerified == true, facts.DataReturnVerified == true
                        ? new Text($"移交清单 {items} 项均已按清单校验一致（已签名）。", $"All {items} handover items verified against their manifests (signed).")
                        : new Text($"移交清单 {items} 项中尚有未移交、未校验或不一致的项。", $"Of {items} handover items, some are not handed over, not verified, or differ."),
                        latest.At, "data_return_check", latest.Id.ToString())];
            }

            case RecordKind.DataDestructionProof:
            {
                var last = await LatestAsync(websiteId, [ExitRecordKind.Destruction, ExitRecordKind.DestructionVerification, ExitRecordKind.PostExitCheck], ct).ConfigureAwait(false);
                return last is null
                    ? [new AutomaticEvidenceItem(source, false, new Text("尚无数据清除记录。", "No destruction is recorded."), default)]
                    : [new AutomaticEvidenceItem(source, facts.DestructionProven == true, facts.DestructionProven == true
                        ? new Text("已授权、已清除、评估机构核验通过且旧地址不再提供内容。", "Authorised, wiped, verified by the assessor, and the old endpoints no longer serve the content.")
                        : new Text("数据清除尚未完成证明（授权、执行、核验或退出后核查仍缺）。", "Destruction is not proven yet (authorisation, execution, verification or the post-exit check is missing)."),
                        last.At, "exit_record", last.Id.ToString())];
            }

            default:
            {
                var last = await LatestAsync(websiteId, [ExitRecordKind.ExitAudit], ct).ConfigureAwait(false);
                return last is null
                    ? [new AutomaticEvidenceItem(source, false, new Text("第三方评估机构尚未审计退出过程。", "The assessor has not audited the exit."), default)]
                    : [new AutomaticEvidenceItem(source, facts.ExitAuditDone == true, new Text(
                        $"退出审计：{(last.Passed == true ? "通过" : "不通过")}（{last.ByName}）{(facts.ExitAuditDone == true ? "" : "；总结报告未提交或审计未通过")}",
                        $"Exit audit: {(last.Passed == true ? "passed" : "failed")} ({last.ByName}){(facts.ExitAuditDone == true ? "" : "; final report missing or audit failed")}"),
                        last.At, "exit_record", last.Id.ToString())];
            }
        }
    }

    private async Task<ExitRecord?> LatestAsync(Guid websiteId, ExitRecordKind[] kinds, CancellationToken ct)
    {
        var rows = await db.Set<ExitRecord>().AsNoTracking().Where(r => r.WebsiteId == websiteId && kinds.Contains(r.Kind)).ToListAsync(ct).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.At).FirstOrDefault();
    }
}
