using GovGuard.Platform.Alerts;
using GovGuard.Platform.Common;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// /api/v1/alerts (alerts of the websites the caller sees; the owner and engaged contributors act on them),
/// a website's alert settings and maintenance windows; and, through <see cref="NotificationsApi"/>, channels and deliveries.
/// </summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/alerts").WithTags("alerts");
        g.MapGet("/", List).WithSummary("列出告警（state: open/acknowledged/resolved/silenced/active；severity 为最低级别） / list alerts (severity is a minimum)");
        g.MapGet("/{id:guid}", Get).WithSummary("查看告警及其观测历史 / get an alert with its history of observations");
        g.MapPost("/{id:guid}/acknowledge", Acknowledge).WithSummary("确认告警（停止重复通知） / acknowledge an alert (stops reminders)");
        g.MapPost("/{id:guid}/resolve", Resolve).WithSummary("手动关闭告警（须填写说明） / resolve an alert by hand, with a note");

        var s = api.MapGroup("/websites/{websiteId:guid}/alert-settings").WithTags("alerts");
        s.MapGet("/", GetSettings).WithSummary("查看网站的告警设置 / get a website's alert settings");
        s.MapPut("/", SetSettings).WithSummary("修改网站的告警设置（告警阈值、未完成次数） / change a website's alert settings");

        var m = api.MapGroup("/websites/{websiteId:guid}/maintenance-windows").WithTags("maintenance");
        m.MapGet("/", ListWindows).WithSummary("列出维护时段（past=true 含已结束） / list maintenance windows");
        m.MapPost("/", CreateWindow).WithSummary("安排维护时段（所属单位、云服务商） / plan a maintenance window (owner, provider)");
        m.MapPut("/{id:guid}", UpdateWindow).WithSummary("修改维护时段 / change a maintenance window");
        m.MapDelete("/{id:guid}", DeleteWindow).WithSummary("删除维护时段 / delete a maintenance window");
        return api.MapNotificationsApi();
    }

    internal static Results<Ok<T>, ProblemHttpResult> Reply<T>(Outcome<T> r) =>
        r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);

    private static async Task<Results<Ok<Page<AlertView>>, ProblemHttpResult>> List(HttpContext http, AlertService service, string? state, string? severity, Guid? websiteId, int? offset, int? limit, CancellationToken ct) =>
        Reply(await service.ListAsync(http.Caller(), new AlertFilter(state, severity, websiteId), Paging.Of(offset, limit), ct));

    private static async Task<Results<Ok<AlertDetail>, ProblemHttpResult>> Get(HttpContext http, AlertService service, Guid id, CancellationToken ct) =>
        Reply(await service.GetAsync(http.Caller(), id, ct));

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Acknowledge(HttpContext http, AlertService service, Guid id, CancellationToken ct) =>
        Reply(await service.AcknowledgeAsync(http.Caller(), id, ct));

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Resolve(HttpContext http, AlertService service, Guid id, ResolveInput input, CancellationToken ct) =>
        Reply(await service.ResolveAsync(http.Caller(), id, input, ct));

    private static async Task<Results<Ok<AlertSettingsView>, ProblemHttpResult>> GetSettings(HttpContext http, AlertService service, Guid websiteId, CancellationToken ct) =>
        Reply(await service.GetSettingsAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Ok<AlertSettingsView>, ProblemHttpResult>> SetSettings(HttpContext http, AlertService service, Guid websiteId, AlertSettingsInput input, CancellationToken ct) =>
        Reply(await service.SetSettingsAsync(http.Caller(), websiteId, input, ct));

    private static async Task<Results<Ok<IReadOnlyList<MaintenanceView>>, ProblemHttpResult>> ListWindows(HttpContext http, MaintenanceService service, Guid websiteId, bool? past, CancellationToken ct) =>
        Reply(await service.ListAsync(http.Caller(), websiteId, past ?? false, ct));

    private static async Task<Results<Created<MaintenanceView>, ProblemHttpResult>> CreateWindow(HttpContext http, MaintenanceService service, Guid websiteId, MaintenanceInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), websiteId, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/maintenance-windows/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<MaintenanceView>, ProblemHttpResult>> UpdateWindow(HttpContext http, MaintenanceService service, Guid websiteId, Guid id, MaintenanceInput input, CancellationToken ct) =>
        Reply(await service.UpdateAsync(http.Caller(), websiteId, id, input, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteWindow(HttpContext http, MaintenanceService service, Guid websiteId, Guid id, CancellationToken ct)
    {
        var r = await service.DeleteAsync(http.Caller(), websiteId, id, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }
}
