using GovGuard.Platform.Compliance;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites/{id}/duties and /sign-offs: a website's duties, their status and comments, and the assessor's phase sign-offs.</summary>
public static class ComplianceApi
{
    /// <summary>Maps the whole compliance workspace: duties and sign-offs here, evidence and lifecycle beside.</summary>
    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}").WithTags("compliance");
        g.MapGet("/duties", List).WithSummary("列出网站的安全职责（按阶段、状态、角色、单位筛选，含计数） / list a website's duties with filters and counts");
        g.MapGet("/duties/{dutyId}", Get).WithSummary("查看职责：标准条款、状态、评论、证据 / a duty in full: catalog text, status, comments, evidence");
        g.MapPut("/duties/{dutyId}", Update).WithSummary("修改职责的状态、负责人、截止日期（责任单位、所属单位） / change a duty's status, owner and due date");
        g.MapPost("/duties/{dutyId}/comments", Comment).WithSummary("评论职责（只增不改） / add a comment to a duty (append-only)");
        g.MapGet("/sign-offs", SignOffs).WithSummary("列出阶段签署 / list the phase sign-offs");
        g.MapPost("/sign-offs", SignOff).WithSummary("签署阶段（聘请的第三方评估机构）：冻结快照并计算 SM3、SHA-256 / sign off a phase (engaged assessor): freeze and hash a snapshot");
        g.MapGet("/sign-offs/{id:guid}", GetSignOff).WithSummary("查看阶段签署及其快照 / a sign-off with its snapshot");
        g.MapGet("/sign-offs/{id:guid}/verify", Verify).WithSummary("由存储的快照重新计算哈希并与当前状态比较 / recompute a sign-off's hashes from its snapshot");
        return api.MapEvidenceApi().MapLifecycleApi();
    }

    private static async Task<Results<Ok<DutyBoard>, ProblemHttpResult>> List(HttpContext http, ComplianceService service, Guid websiteId, string? phase, string? status, string? role, Guid? organisationId, CancellationToken ct)
    {
        var r = await service.ListAsync(http.Caller(), websiteId, new DutyFilter(phase, status, role, organisationId), ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<DutyDetail>, ProblemHttpResult>> Get(HttpContext http, ComplianceService service, Guid websiteId, string dutyId, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), websiteId, dutyId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<DutyRow>, ProblemHttpResult>> Update(HttpContext http, ComplianceService service, Guid websiteId, string dutyId, DutyUpdateInput input, CancellationToken ct)
    {
        var r = await service.UpdateAsync(http.Caller(), websiteId, dutyId, input, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<DutyCommentView>, ProblemHttpResult>> Comment(HttpContext http, ComplianceService service, Guid websiteId, string dutyId, DutyCommentInput input, CancellationToken ct)
    {
        var r = await service.CommentAsync(http.Caller(), websiteId, dutyId, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/duties/{dutyId}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<IReadOnlyList<SignOffView>>, ProblemHttpResult>> SignOffs(HttpContext http, SignOffService service, Guid websiteId, CancellationToken ct)
    {
        var r = await service.ListAsync(http.Caller(), websiteId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<SignOffView>, ProblemHttpResult>> SignOff(HttpContext http, SignOffService service, Guid websiteId, SignOffInput input, CancellationToken ct)
    {
        var r = await service.SignAsync(http.Caller(), websiteId, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/sign-offs/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<SignOffView>, ProblemHttpResult>> GetSignOff(HttpContext http, SignOffService service, Guid websiteId, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), websiteId, id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<SignOffVerification>, ProblemHttpResult>> Verify(HttpContext http, SignOffService service, Guid websiteId, Guid id, CancellationToken ct)
    {
        var r = await service.VerifyAsync(http.Caller(), websiteId, id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }
}
