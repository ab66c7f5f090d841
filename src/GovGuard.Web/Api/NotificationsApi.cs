using GovGuard.Platform.Common;
using GovGuard.Platform.Notifications;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/notification-channels and /api/v1/notification-deliveries: the caller's organisation's channels (secrets write-only) and what was sent.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/notification-channels").WithTags("notifications");
        g.MapGet("/", List).WithSummary("列出本单位的通知渠道（密钥不返回） / list the organisation's channels (secrets never returned)");
        g.MapGet("/{id:guid}", Get).WithSummary("查看通知渠道 / get a channel");
        g.MapPost("/", Create).WithSummary("创建通知渠道（email/webhook/ding_talk/we_com/feishu；websiteId 为空即单位默认） / create a channel (no websiteId: organisation default)");
        g.MapPut("/{id:guid}", Update).WithSummary("修改通知渠道（密钥不填即保留，填空串即删除） / change a channel (a secret left out is kept, an empty one removed)");
        g.MapDelete("/{id:guid}", Delete).WithSummary("删除通知渠道 / delete a channel");
        g.MapPost("/{id:guid}/test", Test).WithSummary("立即发送测试消息，返回投递结果 / send a test notice now and return the delivery");
        api.MapGroup("/notification-deliveries").WithTags("notifications")
            .MapGet("/", Deliveries).WithSummary("投递记录（状态、错误、尝试次数） / deliveries with status, error and attempts");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ChannelView>>> List(HttpContext http, ChannelService service, Guid? websiteId, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Ok<ChannelView>, ProblemHttpResult>> Get(HttpContext http, ChannelService service, Guid id, CancellationToken ct) =>
        AlertsApi.Reply(await service.GetAsync(http.Caller(), id, ct));

    private static async Task<Results<Created<ChannelView>, ProblemHttpResult>> Create(HttpContext http, ChannelService service, ChannelInput input, CancellationToken ct)
    {
        var r = await service.CreateAsync(http.Caller(), input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/notification-channels/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<ChannelView>, ProblemHttpResult>> Update(HttpContext http, ChannelService service, Guid id, ChannelInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.UpdateAsync(http.Caller(), id, input, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(HttpContext http, ChannelService service, Guid id, CancellationToken ct)
    {
        var r = await service.DeleteAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<DeliveryView>, ProblemHttpResult>> Test(HttpContext http, ChannelService service, Guid id, CancellationToken ct) =>
        AlertsApi.Reply(await service.TestAsync(http.Caller(), id, ct));

    private static async Task<Results<Ok<Page<DeliveryView>>, ProblemHttpResult>> Deliveries(HttpContext http, ChannelService service, Guid? channelId, Guid? alertId, string? status, int? offset, int? limit, CancellationToken ct) =>
        AlertsApi.Reply(await service.DeliveriesAsync(http.Caller(), new DeliveryFilter(channelId, alertId, status), Paging.Of(offset, limit), ct));
}
