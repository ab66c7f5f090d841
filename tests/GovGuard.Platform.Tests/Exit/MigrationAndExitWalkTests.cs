using System.Text;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.CloudMigration;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Exit;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Lifecycle;
using GovGuard.Platform.Tests.Compliance;
using GovGuard.Platform.Tests.Migration;
using GovGuard.Platform.Tests.TestServers;
using GovGuard.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Exit;

/// <summary>
/// One website taken from planning through migration (6.3–6.4) and exit (8) to closed with four organisations, the
/// gates reading the records: a restore that differs from its backup, a refused destruction without authorisation, a
/// failed return check (one altered, one missing, one extra file) that is then fixed, and closing only at the end.
/// </summary>
public sealed class MigrationAndExitWalkTests
{
    private const string CustomerContent = "某省人民政府门户网站 政务公开 第2026-118号通知";

    [Theory]
    [Databases]
    public async Task A_website_migrates_and_exits_with_proof_and_closes_only_at_the_end(string kind)
    {
        var clock = new TickingClock(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        await using var oldSite = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Content($"<html><body><h1>{CustomerContent}</h1></body></html>", "text/html; charset=utf-8"));
            app.MapGet("/gone", () => Results.NotFound());
        });
        await using var w = await ComplianceWorld.CreateAsync(kind, level: 3, time: clock,
            configure: s => s.Configure<FetchOptions>(o => o.AllowedRanges.Add("127.0.0.0/8")));
        using var trees = new ManifestTrees();
        var site = w.Site.Id;
        var clerk = await w.S.User("customer.clerk", w.Customer.OrganisationId, OrgRole.Member);

        // Planning done (chapter 5 is another feature's): into migration.
        await w.SetFact(w.Assessor, "provider_security_review");
        foreach (var fact in new[] { "decision_report_approved", "requirements_report_approved", "contract_signed", "migration_plan_approved" })
        {
            await w.SetFact(w.Customer, fact);
        }

        Assert.True((await w.Move(w.Customer, "migration")).Value!.Moved);

        // 6.3.1 a–g with evidence; the assessor does not prepare the migration, an outsider does not see it.
        var notice = (await w.Upload(w.Customer, "6.3.1.a", "notice.pdf", ComplianceWorld.Pdf("迁移通知"))).Value!;
        foreach (var item in MigrationService.PreparationItems.Select(p => p.Item))
        {
            Ok(await Migration(w, w.Integrator, new MigrationRecordInput("preparation", item, "完成 " + item, "见附件", EvidenceId: notice.Id)));
        }

        Assert.Equal(ErrorKind.Forbidden, (await Migration(w, w.Assessor, new MigrationRecordInput("preparation", "6.3.1.a", "x", null))).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Migration(w, w.Outsider, new MigrationRecordInput("preparation", "6.3.1.a", "x", null))).Error!.Kind);
        var badItem = await Migration(w, w.Integrator, new MigrationRecordInput("preparation", "6.3.1.z", "x", null));
        Assert.Contains(badItem.Error!.Fields, f => f.Field == "item" && f.Rule == "one_of");

        // Backup before migration, with its manifest; a file that is not a manifest is refused naming the field.
        var www = trees.Tree("www", ("index.html", "<h1>首页</h1>"), ("news/1.html", "通知一"), ("db/dump.sql", "insert into t values (1);"));
        var backupManifest = trees.Manifest(www);
        var backup = Ok(await w.S.In(sp => sp.GetRequiredService<MigrationService>().AddBackupAsync(w.Provider, site, new BackupInput("pre_migration", "迁移前全量备份"),
            new MemoryStream(backupManifest), CancellationToken.None)));
        Assert.Equal(ManifestTrees.SelfHash(backupManifest), backup.ManifestSelfHash);
        Assert.Equal(5, backup.Entries);
        var notManifest = await w.S.In(sp => sp.GetRequiredService<MigrationService>().AddBackupAsync(w.Provider, site, new BackupInput("pre_migration", "假备份"),
            new MemoryStream(Encoding.UTF8.GetBytes("hello")), CancellationToken.None));
        Assert.Contains(notManifest.Error!.Fields, f => f.Field == "manifest" && f.Rule == "manifest");

        // Switchover (6.3.3) and rollback (6.3.4): the first restore differs from the backup, the second matches.
        Ok(await Migration(w, w.Customer, new MigrationRecordInput("switchover_plan", null, "切换方案", "先切静态页，再切数据库")));
        Ok(await Migration(w, w.Provider, new MigrationRecordInput("switchover_test", null, "切换测试", "数据同步正常", Passed: true)));
        Ok(await Migration(w, w.Provider, new MigrationRecordInput("rollback_plan", null, "回退方案", "DNS 切回原机房，按备份恢复")));
        var restored = trees.Tree("restored", ("index.html", "<h1>首页</h1>"), ("news/1.html", "通知一（被改）"), ("db/dump.sql", "insert into t values (1);"));
        var bad = Ok(await Rollback(w, w.Integrator, backup.Id, trees.Manifest(restored)));
        Assert.False(bad.Match);
        Assert.Equal((0, 0, 1), (bad.Missing, bad.Extra, bad.Altered));
        Assert.Equal("news/1.html", Assert.Single(bad.Differences).Path);
        ManifestTrees.Write(restored, "news/1.html", "通知一");
        var good = Ok(await Rollback(w, w.Integrator, backup.Id, trees.VerifyResult(restored, backupManifest)));
        Assert.True(good.Match);
        Assert.Equal("verify_result", good.Source);
        var other = trees.Manifest(trees.Tree("other", ("a.txt", "a")));
        var wrongManifest = await Rollback(w, w.Integrator, backup.Id, trees.VerifyResult(restored, other));
        Assert.Contains(wrongManifest.Error!.Fields, f => f.Field == "file" && f.Rule == "other_manifest");

        // Trial run (6.4.1): monitors raised for the period, put back by the due-trial sweep once it ends.
        var (slow, fast) = await Monitors(w, site, 3600, 20);
        var trialPlan = new TrialInput("试运行两周，模拟实际访问", clock.GetUtcNow().AddDays(14), 30, 4);
        Assert.Equal(ErrorKind.Forbidden, (await w.S.In(sp => sp.GetRequiredService<TrialService>().StartAsync(w.Provider, site, trialPlan, CancellationToken.None))).Error!.Kind);
        var trial = Ok(await w.S.In(sp => sp.GetRequiredService<TrialService>().StartAsync(w.Customer, site, trialPlan, CancellationToken.None)));
        Assert.Equal(slow, Assert.Single(trial.Monitors).MonitorId);
        Assert.Equal((30, 20), await Intervals(w, slow, fast));
        Ok(await Migration(w, w.Assessor, new MigrationRecordInput("trial_security_test", null, "全面安全测试", "渗透测试无高危", Passed: true)));
        Ok(await Migration(w, w.Provider, new MigrationRecordInput("trial_log_review", null, "日志审查", "已查看全部访问与安全日志", Passed: true)));
        Assert.Equal(0, await w.S.In(sp => sp.GetRequiredService<TrialService>().RevertDueAsync(CancellationToken.None)));
        clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(1, await w.S.In(sp => sp.GetRequiredService<TrialService>().RevertDueAsync(CancellationToken.None)));
        Assert.Equal((3600, 20), await Intervals(w, slow, fast));

        // Acceptance (6.4.2): the gate reads the assessor's verdict, not a hand-set fact.
        Refused(await w.Move(w.Customer, "operation"), "acceptance.not_passed");
        Assert.Equal(ErrorKind.Forbidden, (await Verdict(w, w.Provider, true)).Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, (await Verdict(w, w.Assessor, true)).Error!.Kind);
        Ok(await Migration(w, w.Customer, new MigrationRecordInput("acceptance_requirements", null, "验收要求", "按等保三级要求验收")));
        Ok(await Migration(w, w.Assessor, new MigrationRecordInput("acceptance_test", null, "验收测试", "一项中危", Passed: false)));
        Assert.Equal(ErrorKind.Conflict, (await Verdict(w, w.Assessor, true)).Error!.Kind);
        Ok(await Verdict(w, w.Assessor, false));
        Refused(await w.Move(w.Customer, "operation"), "acceptance.not_passed");
        Ok(await Migration(w, w.Assessor, new MigrationRecordInput("acceptance_test", null, "复测", "已整改", Passed: true)));
        Ok(await Verdict(w, w.Assessor, true));
        Refused(await w.Move(w.Customer, "operation"), "acceptance.not_signed");
        Assert.True((await w.SignOff(w.Assessor, "migration")).Succeeded);
        Ok(await Migration(w, w.Customer, new MigrationRecordInput("level_reconfirmation", null, "重新定级", "仍为三级，已报备公安机关")));
        foreach (var doc in new[] { "implementation_plan", "resource_list", "configuration_list", "manual", "contingency_plan" })
        {
            Ok(await Migration(w, w.Integrator, new MigrationRecordInput("delivery_document", doc, doc, null, EvidenceId: notice.Id)));
        }

        var intoOperation = (await w.Move(w.Customer, "operation")).Value!;
        Assert.True(intoOperation.Moved);
        Assert.DoesNotContain(intoOperation.Warnings, i => i.Code is "protection_level.not_refiled" or "delivery_documents.missing");
        var migration = Ok(await w.S.In(sp => sp.GetRequiredService<MigrationService>().GetAsync(w.Assessor, site, CancellationToken.None)));
        Assert.All(migration.Preparation, p => Assert.True(p.Done));
        Assert.True(migration.AcceptancePassed && migration.DeliveryComplete && migration.LevelReconfirmed);

        // Exit (8): plan, approval by a customer administrator, backup before exit.
        Assert.True((await w.Move(w.Customer, "exit")).Value!.Moved);
        var exit = w.S;
        Ok(await exit.In(sp => sp.GetRequiredService<ExitService>().SavePlanAsync(w.Customer, site,
            new ExitPlanInput("客户：组织与验收；云服务商：返还与清除；评估机构：审计", "12 月 10 日前返还，12 月 20 日前清除", "合同第 9 条：退出时返还全部数据并清除"), CancellationToken.None)));
        Assert.Equal(ErrorKind.Forbidden, (await exit.In(sp => sp.GetRequiredService<ExitService>().ApprovePlanAsync(clerk, site, CancellationToken.None))).Error!.Kind);
        Assert.True(Ok(await exit.In(sp => sp.GetRequiredService<ExitService>().ApprovePlanAsync(w.Customer, site, CancellationToken.None))).Approved);
        Ok(await w.S.In(sp => sp.GetRequiredService<MigrationService>().AddBackupAsync(w.Provider, site, new BackupInput("pre_exit", "退出前备份"),
            new MemoryStream(trees.Manifest(www)), CancellationToken.None)));

        // Handover inventory and return checks: the provider hands over with manifests, the customer checks what arrived.
        var dbItem = Ok(await Exit(w, sp => sp.AddItemAsync(w.Provider, site, new HandoverItemInput("dataset", "业务数据库", "云服务商 DBA 王五"), CancellationToken.None)));
        var filesItem = Ok(await Exit(w, sp => sp.AddItemAsync(w.Customer, site, new HandoverItemInput("dataset", "网站附件", "办公厅信息处 李四"), CancellationToken.None)));
        Assert.Equal(ErrorKind.Forbidden, (await Exit(w, sp => sp.AddItemAsync(w.Assessor, site, new HandoverItemInput("archive", "x", "y"), CancellationToken.None))).Error!.Kind);
        var dbTree = trees.Tree("db-out", ("orders.csv", "1,2,3"), ("users.csv", "a,b"));
        var filesTree = trees.Tree("files-out", ("a.pdf", "pdf-a"), ("b.pdf", "pdf-b"), ("c.pdf", "pdf-c"));
        var dbManifest = trees.Manifest(dbTree);
        var filesManifest = trees.Manifest(filesTree);
        Assert.Equal(ErrorKind.Forbidden, (await Exit(w, sp => sp.HandOverAsync(w.Customer, site, dbItem.Id, new MemoryStream(dbManifest), CancellationToken.None))).Error!.Kind);
        Ok(await Exit(w, sp => sp.HandOverAsync(w.Provider, site, dbItem.Id, new MemoryStream(dbManifest), CancellationToken.None)));
        Ok(await Exit(w, sp => sp.HandOverAsync(w.Provider, site, filesItem.Id, new MemoryStream(filesManifest), CancellationToken.None)));

        var received = trees.Tree("files-in", ("a.pdf", "pdf-a"), ("b.pdf", "pdf-b 改"), ("d.pdf", "pdf-d"));
        var failed = Ok(await Exit(w, sp => sp.VerifyReturnAsync(w.Customer, site, filesItem.Id, new MemoryStream(trees.Manifest(received)), CancellationToken.None)));
        Assert.False(failed.Match);
        Assert.Equal((1, 1, 1), (failed.Missing, failed.Extra, failed.Altered));
        Assert.Equal(["altered b.pdf", "missing c.pdf", "extra d.pdf"], failed.Differences.Select(d => $"{d.Kind} {d.Path}"));
        Assert.Matches("^[0-9a-f]{64}$", failed.Signature);
        Assert.Equal(ErrorKind.Forbidden, (await Exit(w, sp => sp.VerifyReturnAsync(w.Provider, site, filesItem.Id, new MemoryStream(dbManifest), CancellationToken.None))).Error!.Kind);
        var view = Ok(await Exit(w, sp => sp.GetAsync(w.Assessor, site, CancellationToken.None)));
        Assert.False(view.Items.Single(i => i.Name == "网站附件").Verified);
        Assert.Equal(3, view.Items.Single(i => i.Name == "网站附件").LatestCheck!.Differences.Count);
        Assert.Null(view.Items.Single(i => i.Name == "业务数据库").LatestCheck);
        Refused(await w.Move(w.Customer, "closed"), "data_return.unverified");

        // The provider sends the missing file and the right one; the customer checks again (as verify JSON for the database).
        File.Delete(Path.Combine(received, "d.pdf"));
        ManifestTrees.Write(received, "b.pdf", "pdf-b");
        ManifestTrees.Write(received, "c.pdf", "pdf-c");
        Assert.True(Ok(await Exit(w, sp => sp.VerifyReturnAsync(w.Customer, site, filesItem.Id, new MemoryStream(trees.Manifest(received)), CancellationToken.None))).Match);
        Assert.True(Ok(await Exit(w, sp => sp.VerifyReturnAsync(w.Customer, site, dbItem.Id, new MemoryStream(trees.VerifyResult(dbTree, dbManifest)), CancellationToken.None))).Match);

        // Destruction (8.3.5): refused without the customer's written authorisation, then authorised by an administrator.
        var early = await ExitRecord(w, w.Provider, new ExitRecordInput("destruction", "清除云主机磁盘", Target: "vd-01 系统盘", TargetKind: "storage_medium", Method: "三次覆写"));
        Assert.Equal(ErrorKind.Conflict, early.Error!.Kind);
        Assert.Contains("8.3.5", early.Error.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("written authorisation", early.Error.Message.En, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Forbidden, (await ExitRecord(w, clerk, new ExitRecordInput("authorisation", "授权"), Upload("授权书.pdf"))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await ExitRecord(w, w.Provider, new ExitRecordInput("authorisation", "授权"), Upload("授权书.pdf"))).Error!.Kind);
        Assert.Contains((await ExitRecord(w, w.Customer, new ExitRecordInput("authorisation", "授权"))).Error!.Fields, f => f.Field == "file" && f.Rule == "required");
        var authorisation = Ok(await ExitRecord(w, w.Customer, new ExitRecordInput("authorisation", "关于清除门户网站数据的授权书", "同意清除全部数据、备份及介质"), Upload("授权书.pdf")));
        Assert.NotNull(authorisation.FileSha256);
        Ok(await ExitRecord(w, w.Provider, new ExitRecordInput("deletion_plan", "数据清除方案", "逐一清除云主机磁盘、对象存储与快照")));
        Ok(await ExitRecord(w, w.Provider, new ExitRecordInput("destruction", "清除云主机磁盘", Target: "vd-01 系统盘", TargetKind: "storage_medium", Method: "三次覆写")));
        Ok(await ExitRecord(w, w.Provider, new ExitRecordInput("destruction", "删除备份快照", Target: "snap-20261201", TargetKind: "backup", Method: "删除并校验不可恢复")));
        Assert.Equal(ErrorKind.Forbidden, (await ExitRecord(w, w.Provider, new ExitRecordInput("destruction_verification", "核验", Passed: true))).Error!.Kind);
        Ok(await ExitRecord(w, w.Assessor, new ExitRecordInput("destruction_verification", "清除结果核验", "抽查介质无残留", Passed: true)));

        // The post-exit check fetches the old endpoints: the first still serves the customer's content.
        var stillServed = Ok(await PostExit(w, w.Assessor, oldSite.Url("/"), CustomerContent));
        Assert.False(stillServed.Passed);
        Refused(await w.Move(w.Customer, "closed"), "destruction.unproven");
        var incomplete = await PostExit(w, w.Assessor, oldSite.Url("/"), "短");
        Assert.Contains(incomplete.Error!.Fields, f => f.Field == "sample" && f.Rule == "min_length");
        Assert.True(Ok(await PostExit(w, w.Assessor, oldSite.Url("/gone"), CustomerContent)).Passed);

        // The certificate lists every record it rests on with its SHA-256.
        var certificate = Ok(await w.S.In(sp => sp.GetRequiredService<DestructionCertificates>().BuildAsync(w.Customer, site, CancellationToken.None)));
        Assert.True(certificate.Complete);
        await using (var db = w.Db.Context())
        {
            var basis = await db.ExitRecords.Where(r => r.WebsiteId == site && r.Kind != ExitRecordKind.ExitAudit).ToListAsync();
            Assert.Equal(basis.Select(r => r.Sha256).Order(StringComparer.Ordinal), certificate.Lines.Select(l => l.Sha256).Order(StringComparer.Ordinal));
            Assert.All(basis, r => Assert.Equal(ExitService.Digest(r), r.Sha256));
        }

        var html = DestructionCertificates.Html(certificate);
        Assert.All(certificate.Lines, l => Assert.Contains(l.Sha256, html, StringComparison.Ordinal));
        Assert.Contains(certificate.Digest, html, StringComparison.Ordinal);

        // Exit audit (8.2.4) and the final report by the assessor; then, and only then, the website closes.
        Assert.Equal(ErrorKind.Forbidden, (await ExitRecord(w, w.Customer, new ExitRecordInput("exit_audit", "退出审计", Passed: true))).Error!.Kind);
        Ok(await ExitRecord(w, w.Assessor, new ExitRecordInput("exit_audit", "退出审计", "过程符合合同与标准", Passed: true)));
        var preview = Ok(await w.S.In(sp => sp.GetRequiredService<LifecycleService>().GetAsync(w.Customer, site, CancellationToken.None)));
        Assert.Empty(preview.NextFailures);
        Assert.Contains(preview.NextWarnings, i => i.Code == "exit_audit.missing");
        Ok(await ExitRecord(w, w.Assessor, new ExitRecordInput("final_report", "退出总结报告", "返还、清除、审计均已完成")));
        Ok(await ExitRecord(w, w.Customer, new ExitRecordInput("continuity", "业务连续性确认", "新平台运行正常")));
        var closed = (await w.Move(w.Customer, "closed")).Value!;
        Assert.True(closed.Moved);
        Assert.Empty(closed.Warnings);

        // The evidence the compliance workspace gathers by itself.
        var returned = (await w.Duty(w.Customer, "8.2.1.b")).Value!;
        Assert.Contains(returned.Automatic, a => a.Source == "data_return_verification" && a.Satisfied);
        var destroyed = (await w.Duty(w.Customer, "8.2.2.b")).Value!;
        Assert.Contains(destroyed.Automatic, a => a.Source == "data_destruction_proof" && a.Satisfied);
        var accepted = (await w.Duty(w.Customer, "6.4.2.b")).Value!;
        Assert.Contains(accepted.Automatic, a => a.Source == "acceptance_test" && a.Satisfied);
        var backedUp = (await w.Duty(w.Customer, "6.3.1.b")).Value!;
        Assert.Contains(backedUp.Automatic, a => a.Source == "backup" && a.Satisfied);
        var audited = (await w.Duty(w.Customer, "8.2.4.a")).Value!;
        Assert.Contains(audited.Automatic, a => a.Source == "exit_audit" && a.Satisfied);

        await using (var db = w.Db.Context())
        {
            var checks = await db.DataReturnChecks.Where(c => c.WebsiteId == site).ToListAsync();
            Assert.Equal(3, checks.Count);
            // Each check's signature is in the SM3-chained audit log.
            var summaries = await db.AuditRecords.Where(a => a.Kind == ExitAudit.ReturnVerified).Select(a => a.Summary).ToListAsync();
            Assert.All(checks, c => Assert.Contains(summaries, s => s.Contains(c.Signature, StringComparison.Ordinal)));
            Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Kind == ExitAudit.Recorded && a.Outcome == AuditOutcomes.Denied));
            Assert.Equal(2, await db.ExitRecords.CountAsync(r => r.Kind == ExitRecordKind.Destruction));
            Assert.Equal("Closed", (await db.Websites.SingleAsync()).Phase.ToString());
        }
    }

    [Theory]
    [Databases]
    public async Task Ending_a_trial_early_puts_back_the_intervals_and_a_later_edit_by_hand_stands(string kind)
    {
        var clock = new TickingClock(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        await using var w = await ComplianceWorld.CreateAsync(kind, time: clock);
        var (slow, other) = await Monitors(w, w.Site.Id, 600, 900);
        var trial = Ok(await w.S.In(sp => sp.GetRequiredService<TrialService>().StartAsync(w.Customer, w.Site.Id,
            new TrialInput("试运行", clock.GetUtcNow().AddDays(7), 60, 6), CancellationToken.None)));
        Assert.Equal((60, 60), await Intervals(w, slow, other));
        var again = await w.S.In(sp => sp.GetRequiredService<TrialService>().StartAsync(w.Customer, w.Site.Id,
            new TrialInput("再来一次", clock.GetUtcNow().AddDays(7), 60, 6), CancellationToken.None));
        Assert.Equal(ErrorKind.Conflict, again.Error!.Kind);
        await using (var db = w.Db.Context())
        {
            var m = await db.Monitors.SingleAsync(x => x.Id == other);
            m.IntervalSeconds = 120;
            await db.SaveChangesAsync();
        }

        var ended = Ok(await w.S.In(sp => sp.GetRequiredService<TrialService>().EndAsync(w.Customer, w.Site.Id, trial.Id, CancellationToken.None)));
        Assert.False(ended.Active);
        Assert.Equal((600, 120), await Intervals(w, slow, other));
        Assert.Equal(ErrorKind.Conflict, (await w.S.In(sp => sp.GetRequiredService<TrialService>().EndAsync(w.Customer, w.Site.Id, trial.Id, CancellationToken.None))).Error!.Kind);
        Assert.Equal(0, await w.S.In(sp => sp.GetRequiredService<TrialService>().RevertDueAsync(CancellationToken.None)));
    }

    private static T Ok<T>(Outcome<T> r)
    {
        Assert.True(r.Succeeded, r.Error is null ? null : r.Error.Message.En + " " + string.Join("; ", r.Error.Fields.Select(f => f.Message.En)));
        return r.Value!;
    }

    private static void Refused(Outcome<TransitionView> r, string code)
    {
        Assert.False(r.Value!.Moved);
        Assert.Contains(r.Value.Failures, f => f.Code == code);
    }

    private static ExitUpload Upload(string name) => new(name, new MemoryStream(ComplianceWorld.Pdf("授权书 盖章")), null);

    private static Task<Outcome<MigrationRecordView>> Migration(ComplianceWorld w, Caller c, MigrationRecordInput input) =>
        w.S.In(sp => sp.GetRequiredService<MigrationService>().RecordAsync(c, w.Site.Id, input, CancellationToken.None));

    private static Task<Outcome<RollbackView>> Rollback(ComplianceWorld w, Caller c, Guid backup, byte[] received) =>
        w.S.In(sp => sp.GetRequiredService<MigrationService>().RollbackAsync(c, w.Site.Id, new RollbackInput(backup, "迁移后数据库连接失败"), new MemoryStream(received), CancellationToken.None));

    private static Task<Outcome<VerdictView>> Verdict(ComplianceWorld w, Caller c, bool passed) =>
        w.S.In(sp => sp.GetRequiredService<MigrationService>().VerdictAsync(c, w.Site.Id, new VerdictInput(passed, passed ? "风险已受控，同意上线" : "尚有中危未整改"), CancellationToken.None));

    private static Task<Outcome<T>> Exit<T>(ComplianceWorld w, Func<ExitService, Task<Outcome<T>>> work) =>
        w.S.In(sp => work(sp.GetRequiredService<ExitService>()));

    private static Task<Outcome<ExitRecordView>> ExitRecord(ComplianceWorld w, Caller c, ExitRecordInput input, ExitUpload? upload = null) =>
        Exit(w, s => s.RecordAsync(c, w.Site.Id, input, upload, CancellationToken.None));

    private static Task<Outcome<ExitRecordView>> PostExit(ComplianceWorld w, Caller c, string url, string sample) =>
        w.S.In(sp => sp.GetRequiredService<PostExitChecks>().RunAsync(c, w.Site.Id, new PostExitCheckInput(url, sample), CancellationToken.None));

    /// <summary>Two enabled monitors of the website, seeded directly.</summary>
    private static async Task<(Guid, Guid)> Monitors(ComplianceWorld w, Guid site, int first, int second)
    {
        await using var db = w.Db.Context();
        var now = DateTimeOffset.UtcNow;
        Platform.Monitoring.Monitor M(string name, int interval) => new()
        {
            Id = Guid.NewGuid(), WebsiteId = site, Kind = Platform.Monitoring.MonitorKind.Availability, Name = name, Target = "https://www.example.gov.cn/",
            IntervalSeconds = interval, Enabled = true, FailuresBeforeDown = 2, SuccessesBeforeUp = 1, TimeoutSeconds = 10, CreatedAt = now, UpdatedAt = now,
        };
        var a = M("首页可用性", first);
        var b = M("首页可用性（备）", second);
        db.Monitors.AddRange(a, b);
        await db.SaveChangesAsync();
        return (a.Id, b.Id);
    }

    private static async Task<(int, int)> Intervals(ComplianceWorld w, Guid a, Guid b)
    {
        await using var db = w.Db.Context();
        var m = await db.Monitors.AsNoTracking().Where(x => x.Id == a || x.Id == b).ToDictionaryAsync(x => x.Id, x => x.IntervalSeconds);
        return (m[a], m[b]);
    }
}
