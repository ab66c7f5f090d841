using GovGuard.Platform.Common;
using GovGuard.Platform.Organisations;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/organisations.</summary>
public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/organisations").WithTags("organisations");
        g.MapGet("/", List).WithSummary("列出可见的单位 / list the organisations the caller may see");
        g.MapGet("/{id:guid}", Get).WithSummary("查看单位 / get an organisation");
        g.MapPost("/", Create).WithSummary("登记单位（平台管理员） / register an organisation (platform administrator)");
        g.MapPut("/{id:guid}", Update).WithSummary("修改单位信息 / edit an organisation");
        return api;
    }

    private static async Task<Ok<Page<OrganisationView>>> List(HttpContext http, OrganisationService service, string? q, string? kind, int? offset, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Caller(), q, kind, Paging.Of(offset, limit), ct));

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Get(HttpContext http, OrganisationService service, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<OrganisationView>, ProblemHttpResult>> Create(HttpContext http, OrganisationService service, OrganisationInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/organisations/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Update(HttpContext http, OrganisationService service, Guid id, OrganisationInput input, CancellationToken ct)
    {
        var r = await service.UpdateAsync(http.Caller(), id, input, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }
}
