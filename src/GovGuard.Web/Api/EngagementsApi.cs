using GovGuard.Platform.Engagements;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites/{id}/engagements: which organisations work on a website, in which role.</summary>
public static class EngagementsApi
{
    public static RouteGroupBuilder MapEngagementsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/engagements").WithTags("engagements");
        g.MapGet("/", List).WithSummary("列出网站的服务关系 / list a website's engagements");
        g.MapPost("/", Create).WithSummary("建立服务关系 / engage an organisation");
        g.MapPost("/{id:guid}/end", End).WithSummary("结束服务关系 / end an engagement");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<EngagementView>>, ProblemHttpResult>> List(HttpContext http, EngagementService service, Guid websiteId, bool? includeEnded, CancellationToken ct)
    {
        var r = await service.ListAsync(http.Caller(), websiteId, includeEnded ?? false, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<EngagementView>, ProblemHttpResult>> Create(HttpContext http, EngagementService service, Guid websiteId, EngagementInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), websiteId, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/engagements/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<EngagementView>, ProblemHttpResult>> End(HttpContext http, EngagementService service, Guid websiteId, Guid id, CancellationToken ct)
    {
        var r = await service.EndAsync(http.Caller(), websiteId, id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }
}
