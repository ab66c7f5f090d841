using GovGuard.Platform.Monitoring.Tamper;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/…/tamper: page baselines of tamper monitors, the changes they reported, approval and fresh baselines (GB/T 38249 7.4.3 b).</summary>
public static class TamperApi
{
    public static RouteGroupBuilder MapTamperApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var monitor = api.MapGroup("/monitors/{id:guid}/tamper").WithTags("monitoring");
        monitor.MapGet("/baselines", Baselines).WithSummary("防篡改监测的页面基线 / the page baselines of a tamper monitor");
        monitor.MapGet("/changes", Changes).WithSummary("报告的页面变更（state：pending、approved、cleared） / reported page changes (state: pending, approved, cleared)");
        monitor.MapPost("/baseline", TakeBaseline).WithSummary("立即重建基线：丢弃现有基线并检查一次 / take baseline now: drop the baselines and check once");

        var changes = api.MapGroup("/tamper/changes").WithTags("monitoring");
        changes.MapGet("/{changeId:guid}", Get).WithSummary("页面变更及基线与当前页面的并排对比（纯文本） / a page change with its side-by-side diff (text)");
        changes.MapPost("/{changeId:guid}/approve", Approve).WithSummary("确认为新基线（记入审计；相关告警关闭） / approve as the new baseline (audited; its alerts resolve)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<TamperBaselineView>>, ProblemHttpResult>> Baselines(HttpContext http, TamperService service, Guid id, CancellationToken ct)
    {
        var r = await service.BaselinesAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<IReadOnlyList<TamperChangeView>>, ProblemHttpResult>> Changes(HttpContext http, TamperService service, Guid id, string? state, CancellationToken ct)
    {
        var r = await service.ChangesAsync(http.Caller(), id, state, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<TamperResetView>, ProblemHttpResult>> TakeBaseline(HttpContext http, TamperService service, Guid id, CancellationToken ct)
    {
        var r = await service.TakeBaselineAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<TamperChangeDetail>, ProblemHttpResult>> Get(HttpContext http, TamperService service, Guid changeId, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), changeId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<TamperChangeView>, ProblemHttpResult>> Approve(HttpContext http, TamperService service, Guid changeId, TamperApproveInput? input, CancellationToken ct)
    {
        var r = await service.ApproveAsync(http.Caller(), changeId, input ?? new TamperApproveInput(null), ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }
}
