using System.Globalization;
using GovGuard.Platform.Lifecycle;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites/{id}/lifecycle, /transition and /facts: a website's phase, its gates (GB/T 38249 4.2) and the facts they read.</summary>
public static class LifecycleApi
{
    public static RouteGroupBuilder MapLifecycleApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{id:guid}").WithTags("lifecycle");
        g.MapGet("/lifecycle", Get).WithSummary("网站所处阶段、下一阶段的关口预检、事实、变更记录 / current state, gate preview for the next state, facts, history");
        g.MapPost("/transition", Transition).WithSummary("变更网站阶段；关口不通过返回 409 并列出每项关口及条款；平台管理员可带理由越过 / move to the next state; 409 lists each failing gate with its clause");
        g.MapPost("/facts", SetFact).WithSummary("记录关口所需的事实（按事实限定所属单位或评估机构） / record a fact the gates read (restricted per fact)");
        return api;
    }

    private static async Task<Results<Ok<LifecycleView>, ProblemHttpResult>> Get(HttpContext http, LifecycleService service, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<TransitionView>, ProblemHttpResult>> Transition(HttpContext http, LifecycleService service, Guid id, TransitionInput input, CancellationToken ct)
    {
        var r = await service.TransitionAsync(http.Caller(), id, input, ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        return r.Value!.Moved ? TypedResults.Ok(r.Value) : GatesRefused(r.Value);
    }

    private static async Task<Results<Created<FactView>, ProblemHttpResult>> SetFact(HttpContext http, LifecycleService service, Guid id, FactInput input, CancellationToken ct)
    {
        var r = await service.SetFactAsync(http.Caller(), id, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{id}/lifecycle", r.Value) : ApiResults.Problem(r.Error!);
    }

    /// <summary>409 with every failing gate and its clause, in the caller's language, and the warnings that would stand.</summary>
    private static ProblemHttpResult GatesRefused(TransitionView v)
    {
        var en = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        object Issue(GateIssueView i) => new { code = i.Code, clause = i.Clause, message = en ? i.MessageEn : i.MessageZh };
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = "https://govguard.local/problems/gates",
            Title = en ? $"The move from {v.From} to {v.To} is refused by its gates." : $"阶段关口未通过，不能由 {v.From} 进入 {v.To}。",
            Detail = string.Join(" ", v.Failures.Select(i => $"[{i.Clause}] {(en ? i.MessageEn : i.MessageZh)}")),
        };
        problem.Extensions["failures"] = v.Failures.Select(Issue).ToArray();
        problem.Extensions["warnings"] = v.Warnings.Select(Issue).ToArray();
        return TypedResults.Problem(problem);
    }
}
