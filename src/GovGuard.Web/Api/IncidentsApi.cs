using GovGuard.Platform.Common;
using GovGuard.Platform.Incidents;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// /api/v1/incidents: security incidents of the websites the caller sees (GB/T 38249 7.3 a, 7.5 d), opened by hand or
/// from alerts, moved through their stages, with their timeline, files, required reports and post-incident review.
/// </summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/incidents").WithTags("incidents");
        g.MapGet("/", List).WithSummary("列出安全事件（websiteId、stage、open 过滤） / list incidents");
        g.MapGet("/overdue-reports", Overdue).WithSummary("列出逾期未完成的事件报告任务 / list required reports past their deadline");
        g.MapGet("/{id:guid}", Get).WithSummary("查看事件：阶段用时、时间线、关联告警、报告任务、附件、事后总结 / get an incident with its clocks, timeline, reports and review");
        g.MapPost("/{id:guid}/stage", Advance).WithSummary("推进事件阶段（只能向后，须填写说明；关闭前须有事后总结） / move an incident forward, with a note");
        g.MapPost("/{id:guid}/entries", AddEntry).WithSummary("记录处置动作 / record an action on the timeline");
        g.MapPut("/{id:guid}/grade", Regrade).WithSummary("调整事件分级或分类（须填写说明） / change grade or category, with a note");
        g.MapPost("/{id:guid}/alerts", LinkAlerts).WithSummary("关联更多同一网站的告警 / group more alerts of the website into the incident");
        g.MapPost("/{id:guid}/reports/{taskId:guid}/done", ReportDone).WithSummary("登记报告已完成（报告对象、内容摘要、时间） / record a required report as made");
        g.MapPut("/{id:guid}/review", Review).WithSummary("填写事后总结；经验教训可生成改进措施 / record the post-incident review and its improvement actions");
        g.MapPost("/{id:guid}/files", Attach)
            .WithSummary("上传事件附件（multipart：title、file；大小和类型限制同证据） / attach a file (multipart: title, file)").DisableAntiforgery();
        g.MapGet("/{id:guid}/files/{fileId:guid}/content", Download).WithSummary("下载事件附件（仅作为附件下载） / download an attached file");
        api.MapPost("/websites/{websiteId:guid}/incidents", Create).WithTags("incidents").WithSummary("为网站创建安全事件（可同时关联告警） / open an incident on a website");
        api.MapPost("/alerts/incident", FromAlerts).WithTags("alerts", "incidents")
            .WithSummary("由所选告警创建安全事件（同一网站；分类按告警类别建议） / open an incident from alerts of one website");
        return api;
    }

    private static Results<Ok<T>, ProblemHttpResult> Reply<T>(Outcome<T> r) => AlertsApi.Reply(r);

    private static async Task<Results<Ok<Page<IncidentView>>, ProblemHttpResult>> List(HttpContext http, IncidentService service, Guid? websiteId, string? stage, bool? open, int? offset, int? limit, CancellationToken ct) =>
        Reply(await service.ListAsync(http.Caller(), new IncidentFilter(websiteId, stage, open), Paging.Of(offset, limit), ct));

    private static async Task<Ok<IReadOnlyList<OverdueReportView>>> Overdue(HttpContext http, IncidentService service, Guid? websiteId, CancellationToken ct) =>
        TypedResults.Ok(await service.OverdueReportsAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> Get(HttpContext http, IncidentService service, Guid id, CancellationToken ct) =>
        Reply(await service.GetAsync(http.Caller(), id, ct));

    private static async Task<Results<Created<IncidentDetail>, ProblemHttpResult>> Create(HttpContext http, IncidentService service, Guid websiteId, IncidentInput input, CancellationToken ct) =>
        Created(await service.CreateAsync(http.Caller(), websiteId, input, ct));

    private static async Task<Results<Created<IncidentDetail>, ProblemHttpResult>> FromAlerts(HttpContext http, IncidentService service, FromAlertsInput input, CancellationToken ct) =>
        Created(await service.CreateFromAlertsAsync(http.Caller(), input, ct));

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> Advance(HttpContext http, IncidentService service, Guid id, IncidentStageInput input, CancellationToken ct) =>
        Reply(await service.AdvanceAsync(http.Caller(), id, input, ct));

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> AddEntry(HttpContext http, IncidentService service, Guid id, IncidentEntryInput input, CancellationToken ct) =>
        Reply(await service.AddEntryAsync(http.Caller(), id, input, ct));

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> Regrade(HttpContext http, IncidentService service, Guid id, IncidentRegradeInput input, CancellationToken ct) =>
        Reply(await service.RegradeAsync(http.Caller(), id, input, ct));

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> LinkAlerts(HttpContext http, IncidentService service, Guid id, LinkAlertsInput input, CancellationToken ct) =>
        Reply(await service.LinkAlertsAsync(http.Caller(), id, input, ct));

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> ReportDone(HttpContext http, IncidentService service, Guid id, Guid taskId, ReportDoneInput input, CancellationToken ct) =>
        Reply(await service.ReportDoneAsync(http.Caller(), id, taskId, input, ct));

    private static async Task<Results<Ok<IncidentDetail>, ProblemHttpResult>> Review(HttpContext http, IncidentService service, Guid id, IncidentReviewInput input, CancellationToken ct) =>
        Reply(await service.ReviewAsync(http.Caller(), id, input, ct));

    private static async Task<Results<Created<IncidentFileView>, ProblemHttpResult>> Attach(HttpContext http, IncidentService service, IAntiforgery antiforgery, Guid id, CancellationToken ct)
    {
        // A browser session must prove the form is ours; a bearer token cannot be sent by another site.
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !await antiforgery.IsRequestValidAsync(http))
        {
            return ApiResults.Problem(Error.Invalid([new FieldError("antiforgery", "token", new Text("表单已过期或来源不明，请刷新页面后重试。", "The form is stale or not from GovGuard; reload the page and try again."))]));
        }

        // Without a form the service still checks access first, then says which field is missing.
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        var content = file?.OpenReadStream() ?? Stream.Null;
        await using (content)
        {
            var r = await service.AttachAsync(http.Caller(), id, new IncidentUpload(form?["title"], file?.FileName, content, file?.Length), ct);
            return r.Succeeded ? TypedResults.Created($"/api/v1/incidents/{id}/files/{r.Value!.Id}/content", r.Value) : ApiResults.Problem(r.Error!);
        }
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(HttpContext http, IncidentService service, Guid id, Guid fileId, CancellationToken ct)
    {
        var r = await service.OpenFileAsync(http.Caller(), id, fileId, ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(r.Value!.Content, "application/octet-stream", r.Value.FileName, enableRangeProcessing: false);
    }

    private static Results<Created<IncidentDetail>, ProblemHttpResult> Created(Outcome<IncidentDetail> r) =>
        r.Succeeded ? TypedResults.Created($"/api/v1/incidents/{r.Value!.Incident.Id}", r.Value) : ApiResults.Problem(r.Error!);
}
