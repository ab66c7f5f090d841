using GovGuard.Platform.Changes;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites/{id}/changes and /risk-assessments: major change notices and risk assessments (GB/T 38249 7.2.1 e, 7.2.2 i, 7.6 d).</summary>
public static class ChangesApi
{
    public static RouteGroupBuilder MapChangesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/changes").WithTags("changes");
        g.MapGet("/", List).WithSummary("重大变更和风险评估 / major changes and risk assessments");
        g.MapPost("/", Notify).WithSummary("发出重大变更通知（云服务商；须提前通知） / notify a major change (provider; advance notice required)");
        g.MapGet("/{id:guid}", Get).WithSummary("查看变更通知 / get a change notice");
        g.MapPost("/{id:guid}/supervisor-review", Review).WithSummary("登记监管部门审核（所属单位） / record the supervisor's review (owner)");
        g.MapPost("/{id:guid}/decision", Decide).WithSummary("批准或拒绝变更（所属单位；批准即安排维护时段） / approve or reject (owner; approval plans the maintenance window)");
        g.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("撤回尚未决定的变更（云服务商） / withdraw an undecided change (provider)");

        var r = api.MapGroup("/websites/{websiteId:guid}/risk-assessments").WithTags("changes");
        r.MapPost("/", RecordRisk).WithSummary("登记一次周期性风险评估（所属单位） / record a periodic risk assessment (owner)");
        r.MapPost("/{id:guid}/complete", CompleteRisk).WithSummary("完成待办的风险评估（所属单位） / complete a pending risk assessment (owner)");
        return api;
    }

    private static async Task<Results<Ok<ChangesOverview>, ProblemHttpResult>> List(HttpContext http, ChangeService service, Guid websiteId, CancellationToken ct) =>
        AlertsApi.Reply(await service.ListAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Created<ChangeView>, ProblemHttpResult>> Notify(HttpContext http, ChangeService service, Guid websiteId, ChangeInput input, CancellationToken ct)
    {
        var r = await service.NotifyAsync(http.Caller(), websiteId, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/changes/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<ChangeView>, ProblemHttpResult>> Get(HttpContext http, ChangeService service, Guid websiteId, Guid id, CancellationToken ct) =>
        AlertsApi.Reply(await service.GetAsync(http.Caller(), websiteId, id, ct));

    private static async Task<Results<Ok<ChangeView>, ProblemHttpResult>> Review(HttpContext http, ChangeService service, Guid websiteId, Guid id, SupervisorReviewInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.RecordSupervisorReviewAsync(http.Caller(), websiteId, id, input, ct));

    private static async Task<Results<Ok<ChangeView>, ProblemHttpResult>> Decide(HttpContext http, ChangeService service, Guid websiteId, Guid id, DecisionInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.DecideAsync(http.Caller(), websiteId, id, input, ct));

    private static async Task<Results<Ok<ChangeView>, ProblemHttpResult>> Withdraw(HttpContext http, ChangeService service, Guid websiteId, Guid id, CancellationToken ct) =>
        AlertsApi.Reply(await service.WithdrawAsync(http.Caller(), websiteId, id, ct));

    private static async Task<Results<Created<RiskAssessmentView>, ProblemHttpResult>> RecordRisk(HttpContext http, ChangeService service, Guid websiteId, RiskAssessmentInput input, CancellationToken ct) =>
        EmergencyApi.CreatedOr(await service.RecordRiskAssessmentAsync(http.Caller(), websiteId, input, ct), $"/api/v1/websites/{websiteId}/changes");

    private static async Task<Results<Ok<RiskAssessmentView>, ProblemHttpResult>> CompleteRisk(HttpContext http, ChangeService service, Guid websiteId, Guid id, RiskAssessmentInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.CompleteRiskAssessmentAsync(http.Caller(), websiteId, id, input, ct));
}
