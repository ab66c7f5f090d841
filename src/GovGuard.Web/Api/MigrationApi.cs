using GovGuard.Platform.CloudMigration;
using GovGuard.Platform.Common;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// /api/v1/websites/{id}/migration: the migration and delivery records of GB/T 38249 6.3–6.4 — preparation checklist,
/// backups with their manifests, switchover, rollback with the restore checked against the backup, trial run with raised
/// monitoring, acceptance and the assessor's verdict, level re-confirmation, delivery documents.
/// </summary>
public static class MigrationApi
{
    public static RouteGroupBuilder MapMigrationApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/migration").WithTags("migration");
        g.MapGet("/", Get).WithSummary("迁移与交付记录一览 / the migration and delivery records of a website");
        g.MapPost("/records", Record).WithSummary("记录准备事项、方案、测试结果、日志审查、验收要求、重新定级或交付文档 / write a checklist item, plan, test result, review, requirement, re-confirmation or delivery document");
        g.MapPost("/backups", AddBackup).DisableAntiforgery()
            .WithSummary("登记备份：multipart（purpose、label、manifest = govguard manifest create 生成的清单） / record a backup with its manifest (multipart)");
        g.MapPost("/rollbacks", Rollback).DisableAntiforgery()
            .WithSummary("记录回退：multipart（backupId、reason、file = 恢复后目录的清单或 manifest verify --format json 结果），与备份清单比对 / record a rollback; the restore is checked against the backup's manifest");
        g.MapPost("/trials", StartTrial).WithSummary("开始试运行：提高网站各监测项的检查频率，到期自动恢复 / start the trial run: raise the website's monitors until it ends");
        g.MapPost("/trials/{trialId:guid}/end", EndTrial).WithSummary("结束试运行并恢复检查间隔 / end the trial run and put the intervals back");
        g.MapPost("/acceptance/verdicts", Verdict).WithSummary("验收结论（本网站聘请的评估机构），迁移→运行关口据此判断 / the acceptance verdict (engaged assessor), read by the migration → operation gate");
        return api;
    }

    private static async Task<Results<Ok<MigrationView>, ProblemHttpResult>> Get(HttpContext http, MigrationService service, Guid websiteId, CancellationToken ct) =>
        Answer(await service.GetAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Created<MigrationRecordView>, ProblemHttpResult>> Record(HttpContext http, MigrationService service, Guid websiteId, MigrationRecordInput input, CancellationToken ct) =>
        Created(await service.RecordAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static async Task<Results<Created<BackupView>, ProblemHttpResult>> AddBackup(HttpContext http, MigrationService service, IAntiforgery antiforgery, Guid websiteId, CancellationToken ct)
    {
        var (form, problem) = await UploadForm.ReadAsync(http, antiforgery, "manifest", ct);
        if (problem is not null)
        {
            return problem;
        }

        await using var content = form!.Open();
        return Created(await service.AddBackupAsync(http.Caller(), websiteId, new BackupInput(form["purpose"], form["label"]), content, ct), websiteId);
    }

    private static async Task<Results<Created<RollbackView>, ProblemHttpResult>> Rollback(HttpContext http, MigrationService service, IAntiforgery antiforgery, Guid websiteId, CancellationToken ct)
    {
        var (form, problem) = await UploadForm.ReadAsync(http, antiforgery, "file", ct);
        if (problem is not null)
        {
            return problem;
        }

        await using var content = form!.Open();
        var input = new RollbackInput(Guid.TryParse(form["backupId"], out var b) ? b : null, form["reason"]);
        return Created(await service.RollbackAsync(http.Caller(), websiteId, input, content, ct), websiteId);
    }

    private static async Task<Results<Created<TrialView>, ProblemHttpResult>> StartTrial(HttpContext http, TrialService service, Guid websiteId, TrialInput input, CancellationToken ct) =>
        Created(await service.StartAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static async Task<Results<Ok<TrialView>, ProblemHttpResult>> EndTrial(HttpContext http, TrialService service, Guid websiteId, Guid trialId, CancellationToken ct) =>
        Answer(await service.EndAsync(http.Caller(), websiteId, trialId, ct));

    private static async Task<Results<Created<VerdictView>, ProblemHttpResult>> Verdict(HttpContext http, MigrationService service, Guid websiteId, VerdictInput input, CancellationToken ct) =>
        Created(await service.VerdictAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Outcome<T> r) =>
        r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);

    private static Results<Created<T>, ProblemHttpResult> Created<T>(Outcome<T> r, Guid websiteId) =>
        r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/migration", r.Value) : ApiResults.Problem(r.Error!);
}
