using GovGuard.Platform.Common;
using GovGuard.Platform.Websites;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites: the websites the caller's organisation owns or is engaged on.</summary>
public static class WebsitesApi
{
    public static RouteGroupBuilder MapWebsitesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites").WithTags("websites");
        g.MapGet("/", List).WithSummary("列出可见的网站 / list the websites the caller may see");
        g.MapGet("/{id:guid}", Get).WithSummary("查看网站 / get a website");
        g.MapPost("/", Create).WithSummary("登记网站（云服务客户） / register a website (customer)");
        g.MapPut("/{id:guid}", Update).WithSummary("修改网站登记信息 / edit a website's registration");
        g.MapDelete("/{id:guid}", Delete).WithSummary("删除规划阶段的网站 / delete a website still in planning");
        return api;
    }

    private static async Task<Ok<Page<WebsiteView>>> List(HttpContext http, WebsiteService service, string? q, string? phase, int? protectionLevel, Guid? customerId, int? offset, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Caller(), new WebsiteFilter(q, phase, protectionLevel, customerId), Paging.Of(offset, limit), ct));

    private static async Task<Results<Ok<WebsiteView>, ProblemHttpResult>> Get(HttpContext http, WebsiteService service, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<WebsiteView>, ProblemHttpResult>> Create(HttpContext http, WebsiteService service, WebsiteInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<WebsiteView>, ProblemHttpResult>> Update(HttpContext http, WebsiteService service, Guid id, WebsiteInput input, CancellationToken ct)
    {
        var r = await service.UpdateAsync(http.Caller(), id, input, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, WebsiteService service, Guid id, CancellationToken ct)
    {
        var r = await service.DeleteAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }
}
