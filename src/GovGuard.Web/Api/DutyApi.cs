using GovGuard.Platform.DutyRota;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites/{id}/duty (the rota, who is on duty now and next) and /api/v1/duty-calendar (the organisation's calendar); GB/T 38249 7.5 c.</summary>
public static class DutyApi
{
    public static RouteGroupBuilder MapDutyApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/duty").WithTags("duty");
        g.MapGet("/", Get).WithSummary("查看值班表 / get the duty rota");
        g.MapPut("/", Set).WithSummary("设置值班（时区、工作时间、通知邮件渠道、升级步骤） / set the rota (time zone, office hours, mail channel, escalation)");
        g.MapGet("/on-duty", OnDuty).WithSummary("当前和下一位值班人员（at 可指定时间） / who is on duty now and next (at: another moment)");
        g.MapPost("/members", AddMember).WithSummary("添加值班人员 / add a duty member");
        g.MapDelete("/members/{memberId:guid}", RemoveMember).WithSummary("移除值班人员 / remove a duty member");
        g.MapPost("/shifts", AddShift).WithSummary("安排值班（office/off_hours/all_day，起止日期） / add a shift");
        g.MapDelete("/shifts/{shiftId:guid}", RemoveShift).WithSummary("取消值班安排 / remove a shift");

        var c = api.MapGroup("/duty-calendar").WithTags("duty");
        c.MapGet("/", Calendar).WithSummary("本单位的值班日历（节假日、调休、敏感时期） / your organisation's duty calendar");
        c.MapPut("/", SetCalendar).WithSummary("设置本单位的日历条目（管理员） / set your organisation's calendar entries (administrators)");
        c.MapDelete("/{date}", ClearCalendar).WithSummary("删除本单位某天的日历条目 / remove your organisation's entry of one day");
        return api;
    }

    private static async Task<Results<Ok<RotaView>, ProblemHttpResult>> Get(HttpContext http, RotaService service, Guid websiteId, CancellationToken ct) =>
        AlertsApi.Reply(await service.GetAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Ok<RotaView>, ProblemHttpResult>> Set(HttpContext http, RotaService service, Guid websiteId, RotaInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.SetAsync(http.Caller(), websiteId, input, ct));

    private static async Task<Results<Ok<OnDutyView>, ProblemHttpResult>> OnDuty(HttpContext http, RotaService service, Guid websiteId, DateTimeOffset? at, CancellationToken ct) =>
        AlertsApi.Reply(await service.OnDutyAsync(http.Caller(), websiteId, at, ct));

    private static async Task<Results<Created<MemberView>, ProblemHttpResult>> AddMember(HttpContext http, RotaService service, Guid websiteId, MemberInput input, CancellationToken ct) =>
        EmergencyApi.CreatedOr(await service.AddMemberAsync(http.Caller(), websiteId, input, ct), $"/api/v1/websites/{websiteId}/duty");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(HttpContext http, RotaService service, Guid websiteId, Guid memberId, CancellationToken ct) =>
        EmergencyApi.NoContentOr(await service.RemoveMemberAsync(http.Caller(), websiteId, memberId, ct));

    private static async Task<Results<Created<ShiftView>, ProblemHttpResult>> AddShift(HttpContext http, RotaService service, Guid websiteId, ShiftInput input, CancellationToken ct) =>
        EmergencyApi.CreatedOr(await service.AddShiftAsync(http.Caller(), websiteId, input, ct), $"/api/v1/websites/{websiteId}/duty");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveShift(HttpContext http, RotaService service, Guid websiteId, Guid shiftId, CancellationToken ct) =>
        EmergencyApi.NoContentOr(await service.RemoveShiftAsync(http.Caller(), websiteId, shiftId, ct));

    private static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> Calendar(HttpContext http, RotaService service, int? year, CancellationToken ct) =>
        AlertsApi.Reply(await service.CalendarAsync(http.Caller(), year, ct));

    private static async Task<Results<Ok<CalendarView>, ProblemHttpResult>> SetCalendar(HttpContext http, RotaService service, CalendarInput input, CancellationToken ct) =>
        AlertsApi.Reply(await service.SetCalendarAsync(http.Caller(), input, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearCalendar(HttpContext http, RotaService service, string date, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return ApiResults.Problem(Platform.Common.Error.Invalid([new("date", "format",
                new Platform.Common.Text("日期（date）格式应为 yyyy-MM-dd。", "The date (date) must be yyyy-MM-dd."))]));
        }

        return EmergencyApi.NoContentOr(await service.ClearCalendarDayAsync(http.Caller(), day, ct));
    }
}
