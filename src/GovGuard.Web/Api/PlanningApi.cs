using System.Text.Json;
using GovGuard.Platform.Planning;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// /api/v1/websites/{id}/planning: the planning artefacts of GB/T 38249 5.3–5.6 (kinds by wire code:
/// website_inventory, migration_decision, resource_needs, security_requirements, requirements_report, service_model,
/// provider_selection, contract_checklist, sla, confidentiality, migration_plan), their versions, approval and review.
/// </summary>
public static class PlanningApi
{
    public static RouteGroupBuilder MapPlanningApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/planning").WithTags("planning");
        g.MapGet("/", Overview).WithSummary("规划材料一览和关口事实 / planning artefacts of a website and the gate facts they establish");
        g.MapGet("/sla-terms", SlaTerms).WithSummary("现行服务水平协议的参数 / the parameters of the SLA in force, typed");
        g.MapGet("/{kind}", Latest).WithSummary("最新版本 / the latest version of an artefact");
        g.MapGet("/{kind}/start", Start).WithSummary("编辑起点：最新内容或模板 / what an edit starts from: the latest payload or the template");
        g.MapPut("/{kind}", Save).WithSummary("保存草稿（批准后的修改生成新版本） / save a draft (after an approval, a new version)");
        g.MapGet("/{kind}/versions", History).WithSummary("版本历史 / version history");
        g.MapGet("/{kind}/versions/{number:int}", Version).WithSummary("查看某一版本 / get one version");
        g.MapPost("/{kind}/versions/{number:int}/submit", Submit).WithSummary("提交审批 / submit for approval");
        g.MapPost("/{kind}/versions/{number:int}/approve", Approve).WithSummary("批准并冻结（网站所属单位管理员） / approve and freeze (customer administrator)");
        g.MapPost("/{kind}/versions/{number:int}/reviews", Review).WithSummary("评审意见（第三方评估机构） / review note (assessor)");
        return api;
    }

    private static async Task<Results<Ok<PlanningOverview>, ProblemHttpResult>> Overview(HttpContext http, PlanningService service, Guid websiteId, CancellationToken ct) =>
        Answer(await service.OverviewAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Ok<SlaTermsView>, ProblemHttpResult>> SlaTerms(HttpContext http, PlanningService service, Guid websiteId, CancellationToken ct) =>
        Answer(await service.SlaTermsAsync(http.Caller(), websiteId, ct));

    private static Task<Results<Ok<ArtefactView>, ProblemHttpResult>> Latest(HttpContext http, PlanningService service, Guid websiteId, string kind, CancellationToken ct) =>
        Get(http, service, websiteId, kind, null, ct);

    private static Task<Results<Ok<ArtefactView>, ProblemHttpResult>> Version(HttpContext http, PlanningService service, Guid websiteId, string kind, int number, CancellationToken ct) =>
        Get(http, service, websiteId, kind, number, ct);

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> Start(HttpContext http, PlanningService service, Guid websiteId, string kind, CancellationToken ct)
    {
        var r = await service.DraftStartAsync(http.Caller(), websiteId, kind, ct);
        return r.Succeeded ? TypedResults.Ok(JsonSerializer.SerializeToElement(r.Value!, r.Value!.GetType(), PayloadJson.Options)) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<ArtefactView>, ProblemHttpResult>> Save(HttpContext http, PlanningService service, Guid websiteId, string kind, ArtefactInput input, CancellationToken ct) =>
        Answer(await service.SaveAsync(http.Caller(), websiteId, kind, input, ct));

    private static async Task<Results<Ok<IReadOnlyList<ArtefactVersion>>, ProblemHttpResult>> History(HttpContext http, PlanningService service, Guid websiteId, string kind, CancellationToken ct) =>
        Answer(await service.HistoryAsync(http.Caller(), websiteId, kind, ct));

    private static async Task<Results<Ok<ArtefactView>, ProblemHttpResult>> Submit(HttpContext http, PlanningService service, Guid websiteId, string kind, int number, CancellationToken ct) =>
        Answer(await service.SubmitAsync(http.Caller(), websiteId, kind, number, ct));

    private static async Task<Results<Ok<ArtefactView>, ProblemHttpResult>> Approve(HttpContext http, PlanningService service, Guid websiteId, string kind, int number, CancellationToken ct) =>
        Answer(await service.ApproveAsync(http.Caller(), websiteId, kind, number, ct));

    private static async Task<Results<Created<ReviewView>, ProblemHttpResult>> Review(HttpContext http, PlanningService service, Guid websiteId, string kind, int number, ReviewInput input, CancellationToken ct)
    {
        var r = await service.ReviewAsync(http.Caller(), websiteId, kind, number, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/planning/{kind}/versions/{number}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<ArtefactView>, ProblemHttpResult>> Get(HttpContext http, PlanningService service, Guid websiteId, string kind, int? number, CancellationToken ct) =>
        Answer(await service.GetAsync(http.Caller(), websiteId, kind, number, ct));

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Platform.Common.Outcome<T> r) =>
        r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
}
