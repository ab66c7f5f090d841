using System.Runtime.CompilerServices;
using System.Text.Json;
using GovGuard.Platform.Monitoring;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/…/monitors: monitors of the websites the caller sees, their results, checks on request, the overview.</summary>
public static class MonitorsApi
{
    // The JSON of an overview, written once however many callers shared its computation: 10,000 websites are
    // megabytes of JSON, which every caller would otherwise serialise again.
    private static readonly ConditionalWeakTable<MonitoringOverview, Lazy<byte[]>> OverviewJson = [];

    public static RouteGroupBuilder MapMonitorsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var site = api.MapGroup("/websites/{websiteId:guid}/monitors").WithTags("monitoring");
        site.MapGet("/", List).WithSummary("列出网站的监测项 / list a website's monitors");
        site.MapPost("/", Create).WithSummary("新建监测项（目标经 SSRF 检查） / create a monitor (target checked against SSRF rules)");
        site.MapPost("/defaults", Defaults).WithSummary("新建默认监测项：可用性、证书、域名解析 / create the default monitors: availability, TLS, DNS");

        var one = api.MapGroup("/monitors").WithTags("monitoring");
        one.MapGet("/{id:guid}", Get).WithSummary("查看监测项及 24 小时/7 天/30 天可用率 / get a monitor with its 24 h, 7 d and 30 d uptime");
        one.MapPut("/{id:guid}", Update).WithSummary("修改监测项 / edit a monitor");
        one.MapDelete("/{id:guid}", Delete).WithSummary("删除监测项及其结果 / delete a monitor and its results");
        one.MapGet("/{id:guid}/results", Results).WithSummary("监测结果（from、to、limit） / check results (from, to, limit)");
        one.MapPost("/{id:guid}/check-now", CheckNow).WithSummary("立即检查一次 / run a check now");

        api.MapGet("/monitoring/overview", Overview).WithTags("monitoring")
            .WithSummary("所有可见网站的监测状态（q 按名称或域名筛选，health 按状态筛选；计数总是全部） / the monitoring state of every visible website (q filters by name or domain, health by state; the counts are always over all)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<MonitorView>>, ProblemHttpResult>> List(HttpContext http, MonitorService service, Guid websiteId, CancellationToken ct)
    {
        var r = await service.ListAsync(http.Caller(), websiteId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<MonitorView>, ProblemHttpResult>> Create(HttpContext http, MonitorService service, Guid websiteId, MonitorInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), websiteId, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/monitors/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<IReadOnlyList<MonitorView>>, ProblemHttpResult>> Defaults(HttpContext http, MonitorService service, Guid websiteId, string? scheme, CancellationToken ct)
    {
        var r = await service.CreateDefaultsAsync(http.Caller(), websiteId, scheme, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<MonitorDetails>, ProblemHttpResult>> Get(HttpContext http, MonitorService service, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<MonitorView>, ProblemHttpResult>> Update(HttpContext http, MonitorService service, Guid id, MonitorInput input, CancellationToken ct)
    {
        var r = await service.UpdateAsync(http.Caller(), id, input, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, MonitorService service, Guid id, CancellationToken ct)
    {
        var r = await service.DeleteAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<IReadOnlyList<CheckResultView>>, ProblemHttpResult>> Results(HttpContext http, MonitorService service, Guid id, DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken ct)
    {
        var r = await service.ResultsAsync(http.Caller(), id, from, to, limit, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<CheckNowView>, ProblemHttpResult>> CheckNow(HttpContext http, MonitorService service, Guid id, CancellationToken ct)
    {
        var r = await service.CheckNowAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    /// <summary>Counts over every visible website; the list filtered by <c>q</c> (name or main domain) and <c>health</c> when given.</summary>
    private static async Task<Results<Ok<MonitoringOverview>, FileContentHttpResult>> Overview(HttpContext http, MonitorService service, string? q, string? health, CancellationToken ct)
    {
        var overview = await service.OverviewAsync(http.Caller(), ct);
        if (q is not null || health is not null)
        {
            return TypedResults.Ok(overview with { Websites = MonitorService.Filter(overview.Websites, q, health) });
        }

        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var json = OverviewJson.GetValue(overview, o => new Lazy<byte[]>(() => JsonSerializer.SerializeToUtf8Bytes(o, options))).Value;
        return TypedResults.Bytes(json, "application/json; charset=utf-8");
    }
}
