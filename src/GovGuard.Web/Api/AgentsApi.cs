using GovGuard.Platform.Agents;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// /api/v1/…/agents: registering <c>govguard agent</c> instances per website (the token is shown once), their last
/// report and events; and /api/v1/agent/report, where agents post their events with their own token.
/// </summary>
public static class AgentsApi
{
    public static RouteGroupBuilder MapAgentsApi(this RouteGroupBuilder api, RouteGroupBuilder anonymous)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(anonymous);
        var site = api.MapGroup("/websites/{websiteId:guid}/agents").WithTags("agents");
        site.MapGet("/", List).WithSummary("列出网站的代理及其最近报告 / list a website's agents and their last report");
        site.MapPost("/", Create).WithSummary("登记代理；令牌只在此应答中出现一次 / register an agent; the token appears in this answer only");

        var one = api.MapGroup("/agents").WithTags("agents");
        one.MapGet("/{id:guid}", Get).WithSummary("查看代理 / get an agent");
        one.MapDelete("/{id:guid}", Delete).WithSummary("删除代理及其监测项，令牌立即失效 / remove an agent and its monitor; its token stops working");
        one.MapGet("/{id:guid}/events", Events).WithSummary("代理已送达的事件（按序号，after、limit） / the events an agent delivered, by sequence (after, limit)");

        anonymous.MapPost("/agent/report", Report).WithTags("agents")
            .WithSummary("代理报告事件（Authorization: Bearer gga_… 代理令牌）；按序号确认、去重 / an agent reports its events with its agent token; acknowledged and deduplicated by sequence number");
        anonymous.MapPost("/agent/metrics", Metrics).WithTags("agents")
            .WithSummary("代理推送资源指标（node_exporter 文本格式，代理令牌），供目标为 agent://代理编号 的资源监测项使用 / an agent pushes resource metrics (node_exporter text format, agent token) for resource monitors whose target is agent://{agent id}");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<AgentView>>, ProblemHttpResult>> List(HttpContext http, AgentService service, Guid websiteId, CancellationToken ct)
    {
        var r = await service.ListAsync(http.Caller(), websiteId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<AgentView>, ProblemHttpResult>> Create(HttpContext http, AgentService service, Guid websiteId, AgentInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), websiteId, input, ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/agents/{r.Value!.Id}", r.Value);
    }

    private static async Task<Results<Ok<AgentView>, ProblemHttpResult>> Get(HttpContext http, AgentService service, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, AgentService service, Guid id, CancellationToken ct)
    {
        var r = await service.DeleteAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<IReadOnlyList<AgentEventView>>, ProblemHttpResult>> Events(HttpContext http, AgentService service, Guid id, long? after, int? limit, CancellationToken ct)
    {
        var r = await service.EventsAsync(http.Caller(), id, after, limit, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<AgentReceipt>, ProblemHttpResult>> Report(HttpContext http, AgentIngest ingest, AgentReport report, CancellationToken ct)
    {
        var agent = await AuthenticateAsync(http, ingest, ct);
        if (agent is null)
        {
            return Unauthorized();
        }

        var r = await ingest.ReportAsync(agent, report, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<ResourcePushReceipt>, ProblemHttpResult>> Metrics(HttpContext http, AgentIngest ingest, AgentMetrics metrics, CancellationToken ct)
    {
        var agent = await AuthenticateAsync(http, ingest, ct);
        if (agent is null)
        {
            return Unauthorized();
        }

        if (http.Request.ContentLength > AgentMetrics.MaxBodyBytes)
        {
            return TooLarge();
        }

        // Read at most the cap (chunked bodies carry no length): one byte more means too large.
        var buffer = new byte[(int)Math.Min(http.Request.ContentLength ?? AgentMetrics.MaxBodyBytes, AgentMetrics.MaxBodyBytes) + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await http.Request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        if (read > AgentMetrics.MaxBodyBytes)
        {
            return TooLarge();
        }

        var r = await metrics.PushAsync(agent, System.Text.Encoding.UTF8.GetString(buffer, 0, read), ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Agent?> AuthenticateAsync(HttpContext http, AgentIngest ingest, CancellationToken ct)
    {
        string? header = http.Request.Headers.Authorization;
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        return await ingest.AuthenticateAsync(token, ct);
    }

    private static ProblemHttpResult Unauthorized() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = new Platform.Common.Text("代理令牌无效或已删除（Authorization: Bearer gga_…）。", "The agent token (Authorization: Bearer gga_…) is invalid or was removed.").In(System.Globalization.CultureInfo.CurrentUICulture),
        Type = "https://govguard.local/problems/unauthorized",
    });

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = new Platform.Common.Text($"请求体（body）超过 {AgentMetrics.MaxBodyBytes / 1048576} MB 上限。", $"The body (body) is larger than the {AgentMetrics.MaxBodyBytes / 1048576} MB cap.").In(System.Globalization.CultureInfo.CurrentUICulture),
        Type = "https://govguard.local/problems/too-large",
    });
}
