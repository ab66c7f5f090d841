using GovGuard.Platform.Common;
using GovGuard.Platform.Improvement;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// Inspection and improvement of a website (GB/T 38249 7.6, 7.2.1 a): improvement actions, inspection plans and
/// results, the business continuity plan, confidentiality reviews.
/// </summary>
public static class ImprovementApi
{
    public static RouteGroupBuilder MapImprovementApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var w = api.MapGroup("/websites/{websiteId:guid}").WithTags("improvement");
        w.MapGet("/improvement", Get).WithSummary("检查与改进总览：改进措施、检查计划、检查记录、业务连续性计划、保密审查 / inspection and improvement overview");
        w.MapPost("/improvement-actions", CreateAction).WithSummary("登记改进措施（手工或来自风险评估） / open an improvement action");
        w.MapPost("/inspection-plans", CreatePlan).WithSummary("制定安全检查计划和方案 / add an inspection plan");
        w.MapPost("/inspections", RecordInspection).WithSummary("登记安全检查及报告；发现的问题生成改进措施 / record an inspection and its findings");
        w.MapPut("/continuity-plan", SaveContinuityPlan).WithSummary("保存业务连续性计划新版本 / save a new version of the business continuity plan");
        w.MapGet("/continuity-plan/versions/{number:int}", GetContinuityVersion).WithSummary("查看业务连续性计划某一版本 / get one version of the continuity plan");
        w.MapPost("/confidentiality-reviews", RecordConfidentialityReview).WithSummary("登记保密审查 / record a confidentiality review");
        api.MapPost("/improvement-actions/{id:guid}/status", SetStatus).WithTags("improvement")
            .WithSummary("更新改进措施状态（in_progress，或 closed 并填写完成说明） / move an improvement action on, or close it with a note");
        return api;
    }

    private static async Task<Results<Ok<ImprovementOverview>, ProblemHttpResult>> Get(HttpContext http, ImprovementService service, Guid websiteId, CancellationToken ct) =>
        AlertsApi.Reply(await service.GetAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Created<ImprovementActionView>, ProblemHttpResult>> CreateAction(HttpContext http, ImprovementService service, Guid websiteId, ImprovementActionInput input, CancellationToken ct) =>
        Created(await service.CreateActionAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static async Task<Results<Ok<ImprovementActionView>, ProblemHttpResult>> SetStatus(HttpContext http, ImprovementService service, Guid id, ImprovementStatusInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.SetStatusAsync(http.Caller(), id, input, ct));

    private static async Task<Results<Created<InspectionPlanView>, ProblemHttpResult>> CreatePlan(HttpContext http, ImprovementService service, Guid websiteId, InspectionPlanInput input, CancellationToken ct) =>
        Created(await service.CreatePlanAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static async Task<Results<Created<InspectionView>, ProblemHttpResult>> RecordInspection(HttpContext http, ImprovementService service, Guid websiteId, InspectionInput input, CancellationToken ct) =>
        Created(await service.RecordInspectionAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static async Task<Results<Ok<ContinuityPlanView>, ProblemHttpResult>> SaveContinuityPlan(HttpContext http, ImprovementService service, Guid websiteId, ContinuityPlanInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.SaveContinuityPlanAsync(http.Caller(), websiteId, input, ct));

    private static async Task<Results<Ok<ContinuityPlanView>, ProblemHttpResult>> GetContinuityVersion(HttpContext http, ImprovementService service, Guid websiteId, int number, CancellationToken ct) =>
        AlertsApi.Reply(await service.GetContinuityVersionAsync(http.Caller(), websiteId, number, ct));

    private static async Task<Results<Created<ConfidentialityReviewView>, ProblemHttpResult>> RecordConfidentialityReview(HttpContext http, ImprovementService service, Guid websiteId, ConfidentialityReviewInput input, CancellationToken ct) =>
        Created(await service.RecordConfidentialityReviewAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static Results<Created<T>, ProblemHttpResult> Created<T>(Outcome<T> r, Guid websiteId) =>
        r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/improvement", r.Value) : ApiResults.Problem(r.Error!);
}
