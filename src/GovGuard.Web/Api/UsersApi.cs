using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/users.</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/users").WithTags("users");
        g.MapGet("/", List).WithSummary("列出用户（本单位；平台管理员可见全部） / list users");
        g.MapGet("/{id:guid}", Get).WithSummary("查看用户 / get a user");
        g.MapPost("/", Create).WithSummary("创建用户（管理员） / create a user (administrators)");
        g.MapPut("/{id:guid}", Update).WithSummary("修改用户（管理员） / edit a user (administrators)");
        return api;
    }

    private static async Task<Ok<Page<UserView>>> List(HttpContext http, UserService service, string? q, Guid? organisationId, int? offset, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Caller(), q, organisationId, Paging.Of(offset, limit), ct));

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Get(HttpContext http, UserService service, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<CreatedUser>, ProblemHttpResult>> Create(HttpContext http, UserService service, UserInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/users/{r.Value!.User.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Update(HttpContext http, UserService service, Guid id, UserUpdate input, CancellationToken ct)
    {
        var r = await service.UpdateAsync(http.Caller(), id, input, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }
}
