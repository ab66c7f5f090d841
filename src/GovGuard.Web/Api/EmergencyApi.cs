using GovGuard.Platform.Emergency;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites/{id}/emergency: plans, drills, backup strategy and restore drills (GB/T 38249 7.5 a–b, 6.3.6 a).</summary>
public static class EmergencyApi
{
    public static RouteGroupBuilder MapEmergencyApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/emergency").WithTags("emergency");
        g.MapGet("/", Overview).WithSummary("应急预案、演练、备份策略和恢复演练概览 / emergency plans, drills, backup strategy and restore drills");
        g.MapPut("/plans", SavePlan).WithSummary("保存某事件类别应急预案的草稿（云服务商） / save the draft plan of an incident category (provider)");
        g.MapGet("/plans/{planId:guid}", GetPlan).WithSummary("查看应急预案的一个版本 / get one version of a plan");
        g.MapPost("/plans/{planId:guid}/approve", ApprovePlan).WithSummary("批准应急预案（所属单位管理员；六个章节须完整） / approve a plan (owner's administrator; all six sections required)");
        g.MapPost("/drills", RecordDrill).WithSummary("登记应急演练（云服务商） / record a drill (provider)");
        g.MapPut("/backup-strategy", SetBackup).WithSummary("设置备份策略（云服务商） / set the backup strategy (provider)");
        g.MapPost("/restore-drills", RecordRestore).WithSummary("登记备份恢复演练（云服务商） / record a restore drill (provider)");
        return api;
    }

    /// <summary>201 with the created record, or the ProblemDetails.</summary>
    internal static Results<Created<T>, ProblemHttpResult> CreatedOr<T>(Platform.Common.Outcome<T> r, string location) =>
        r.Succeeded ? TypedResults.Created(location, r.Value) : ApiResults.Problem(r.Error!);

    /// <summary>204, or the ProblemDetails.</summary>
    internal static Results<NoContent, ProblemHttpResult> NoContentOr(Platform.Common.Outcome<bool> r) =>
        r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);

    private static async Task<Results<Ok<EmergencyOverview>, ProblemHttpResult>> Overview(HttpContext http, EmergencyService service, Guid websiteId, CancellationToken ct) =>
        AlertsApi.Reply(await service.OverviewAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> SavePlan(HttpContext http, EmergencyService service, Guid websiteId, PlanInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.SaveDraftAsync(http.Caller(), websiteId, input, ct));

    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> GetPlan(HttpContext http, EmergencyService service, Guid websiteId, Guid planId, CancellationToken ct) =>
        AlertsApi.Reply(await service.GetPlanAsync(http.Caller(), websiteId, planId, ct));

    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> ApprovePlan(HttpContext http, EmergencyService service, Guid websiteId, Guid planId, CancellationToken ct) =>
        AlertsApi.Reply(await service.ApproveAsync(http.Caller(), websiteId, planId, ct));

    private static async Task<Results<Created<DrillView>, ProblemHttpResult>> RecordDrill(HttpContext http, EmergencyService service, Guid websiteId, DrillInput input, CancellationToken ct) =>
        CreatedOr(await service.RecordDrillAsync(http.Caller(), websiteId, input, ct), $"/api/v1/websites/{websiteId}/emergency");

    private static async Task<Results<Ok<BackupStrategyView>, ProblemHttpResult>> SetBackup(HttpContext http, EmergencyService service, Guid websiteId, BackupStrategyInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.SetBackupStrategyAsync(http.Caller(), websiteId, input, ct));

    private static async Task<Results<Created<RestoreDrillView>, ProblemHttpResult>> RecordRestore(HttpContext http, EmergencyService service, Guid websiteId, RestoreDrillInput input, CancellationToken ct) =>
        CreatedOr(await service.RecordRestoreDrillAsync(http.Caller(), websiteId, input, ct), $"/api/v1/websites/{websiteId}/emergency");
}
