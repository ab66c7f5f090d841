using GovGuard.Platform.Alerts;
using GovGuard.Platform.DutyRota;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Notifications;
using GovGuard.Platform.Reports.Operations;
using GovGuard.Platform.Tests.Alerts;
using GovGuard.Platform.Tests.Emergency;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.DutyRota;

/// <summary>The duty rota through the real services: routing to the person on duty by a local SMTP listener, escalation on a fake clock.</summary>
public sealed class DutyRotaTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private sealed record People(MemberView Office, MemberView OffHours, MemberView AllDay, MemberView Lead);

    [Theory]
    [Databases]
    public async Task During_a_configured_holiday_the_24_hour_person_gets_the_alert_and_an_unacknowledged_alert_escalates(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var people = await RotaAsync(w, escalateAfterMinutes: 15);

        // 2026-12-01 is a Tuesday: at 10:01 China time the office-hours person is on duty.
        Assert.Equal(2, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        Assert.True(await w.Smtp.WaitForAsync(2));
        Assert.Contains(w.Smtp.Messages, m => m.To.SequenceEqual([people.Office.Email]));
        Assert.DoesNotContain(w.Smtp.Messages, m => m.To.Contains(people.AllDay.Email));
        await w.ApplyAsync(w.Observe(MonitorHealth.Up));

        // The owner's administrator makes Thursday 2026-12-03 a holiday of its own calendar.
        var calendar = await w.S.In(sp => sp.GetRequiredService<RotaService>().SetCalendarAsync(w.Owner,
            new CalendarInput(new DateOnly(2026, 12, 3), null, "holiday", "单位自定假日"), CancellationToken.None));
        Assert.True(calendar.Succeeded, calendar.Error?.Message.En);
        EmergencyTests.MoveTo(w, new DateTimeOffset(2026, 12, 3, 10, 0, 0, China));
        var onDuty = await w.S.In(sp => sp.GetRequiredService<RotaService>().OnDutyAsync(w.Assessor, w.Site.Id, null, CancellationToken.None));
        Assert.True(onDuty.Succeeded, onDuty.Error?.Message.En);
        Assert.Equal("all_day", onDuty.Value!.Now.Kind);
        Assert.Equal("holiday", onDuty.Value.Now.Day);
        Assert.Equal(people.AllDay.Id, onDuty.Value.Now.Member?.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 0, 0, 0, China), onDuty.Value.Now.End);
        Assert.Equal(people.OffHours.Id, onDuty.Value.Next?.Member?.Id);

        var before = w.Smtp.Messages.Count;
        Assert.Equal(2, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        Assert.True(await w.Smtp.WaitForAsync(before + 2));
        var holidayMail = Assert.Single(w.Smtp.Messages.Skip(before), m => m.To.Contains(people.AllDay.Email));
        Assert.Contains("网站：市政府门户网站", holidayMail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Smtp.Messages.Skip(before), m => m.To.Contains(people.Office.Email));

        // Not acknowledged: 14 minutes later nothing, 16 minutes later the lead hears of it, once.
        var sweeper = w.Get<EscalationSweeper>();
        w.Clock.Advance(TimeSpan.FromMinutes(13));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        w.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        await w.Get<NotificationDispatcher>().RunDueAsync(CancellationToken.None);
        Assert.True(await w.Smtp.WaitForAsync(before + 3));
        var escalated = Assert.Single(w.Smtp.Messages, m => m.To.Contains(people.Lead.Email));
        Assert.Contains("告警升级", escalated.Subject, StringComparison.Ordinal);
        await using var db = w.Db.Context();
        var alert = await db.Alerts.SingleAsync(a => a.State == AlertState.Open);
        var events = await db.AlertEvents.Where(e => e.AlertId == alert.Id && e.Kind == AlertEventKind.Escalated).ToListAsync();
        var e = Assert.Single(events);
        Assert.Contains(people.Lead.Name, e.Note, StringComparison.Ordinal);
        Assert.Contains(people.Lead.Phone, e.Note, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task An_acknowledged_alert_does_not_escalate(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await RotaAsync(w, escalateAfterMinutes: 5);
        await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down()));
        Guid id;
        await using (var db = w.Db.Context())
        {
            id = await db.Alerts.Select(a => a.Id).SingleAsync();
        }

        Assert.True((await w.S.In(sp => sp.GetRequiredService<AlertService>().AcknowledgeAsync(w.Provider, id, CancellationToken.None))).Succeeded);
        w.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await w.Get<EscalationSweeper>().SweepAsync(CancellationToken.None));
    }

    [Fact]
    public void The_shipped_calendar_has_2026_holidays_and_adjusted_working_days()
    {
        var c = HolidayCalendar.National;
        Assert.Contains(2026, c.Years);
        Assert.Contains(2027, c.Years);
        Assert.Equal(DayKind.Holiday, c.Classify(new DateOnly(2026, 2, 17)));
        Assert.Equal(DayKind.Workday, c.Classify(new DateOnly(2026, 2, 14)));
        Assert.Equal(DayKind.Workday, c.Classify(new DateOnly(2026, 10, 10)));
        Assert.Equal(DayKind.Holiday, c.Classify(new DateOnly(2026, 10, 7)));
        Assert.Equal(DayKind.RestDay, c.Classify(new DateOnly(2026, 10, 11)));
        Assert.Equal(DayKind.Workday, c.Classify(new DateOnly(2026, 10, 8)));
        Assert.Equal(9, c.Days.Count(d => d.Kind == DayKind.Holiday && d.Date.Year == 2026 && d.Date.Month == 2));
    }

    [Fact]
    public void Coverage_splits_working_days_and_counts_uncovered_hours()
    {
        var rota = new Rota { WebsiteId = Guid.NewGuid(), TimeZone = RotaService.DefaultZone, OfficeStart = new TimeOnly(8, 30), OfficeEnd = new TimeOnly(17, 30), UpdatedByName = "t" };
        var a = new RotaMember { Id = Guid.NewGuid(), WebsiteId = rota.WebsiteId, Name = "甲", Email = "a@example.gov.cn", Phone = "1" };
        var coverage = new DutyCoverage(rota, [a], [new RotaShift { Id = Guid.NewGuid(), MemberId = a.Id, Kind = ShiftKind.Office, From = new DateOnly(2026, 10, 1), To = new DateOnly(2026, 10, 31) }], []);
        // Saturday 2026-10-10 is an adjusted working day: office hours apply.
        var office = coverage.At(new DateTimeOffset(2026, 10, 10, 9, 0, 0, China));
        Assert.Equal(ShiftKind.Office, office.Kind);
        Assert.Equal(a.Id, office.Member?.Id);
        var evening = coverage.At(new DateTimeOffset(2026, 10, 10, 18, 0, 0, China));
        Assert.Equal(ShiftKind.OffHours, evening.Kind);
        Assert.Null(evening.Member);
        Assert.Equal(ShiftKind.AllDay, coverage.At(new DateTimeOffset(2026, 10, 3, 9, 0, 0, China)).Kind);

        // Monday 2026-10-12 to Tuesday 2026-10-13 (China time): two office days of 9 hours covered, the rest not.
        var segments = coverage.Between(new DateTimeOffset(2026, 10, 12, 0, 0, 0, China), new DateTimeOffset(2026, 10, 14, 0, 0, 0, China)).ToList();
        Assert.Equal(18, segments.Where(s => s.Member is not null).Sum(s => (s.End - s.Start).TotalHours));
        Assert.Equal(30, segments.Where(s => s.Member is null).Sum(s => (s.End - s.Start).TotalHours));
    }

    [Theory]
    [Databases]
    public async Task The_duty_section_of_the_operation_report_counts_covered_hours(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await RotaAsync(w, escalateAfterMinutes: 15);
        var section = await w.S.In(async sp =>
        {
            var s = sp.GetServices<IOperationReportSection>().Single(x => x is Platform.Emergency.DutyReportSection);
            return await s.BuildAsync(w.Site.Id, new ReportPeriod(new DateTimeOffset(2026, 12, 1, 0, 0, 0, China), new DateTimeOffset(2026, 12, 8, 0, 0, 0, China)), CancellationToken.None);
        });
        Assert.NotNull(section);
        Assert.Contains("168", section!.Summary[0].Zh, StringComparison.Ordinal);
        Assert.Contains("无人值班 0 小时", section.Summary[0].Zh, StringComparison.Ordinal);
    }

    /// <summary>A rota on the owner's calendar, told through the owner's mail channel; every kind of duty covered all year.</summary>
    private static async Task<People> RotaAsync(AlertWorld w, int escalateAfterMinutes)
    {
        var channel = await w.EmailChannelAsync();
        var rota = w.S;
        async Task<MemberView> Member(string name, string email, string phone)
        {
            var m = await rota.In(sp => sp.GetRequiredService<RotaService>().AddMemberAsync(w.Provider, w.Site.Id, new MemberInput(name, email, phone), CancellationToken.None));
            Assert.True(m.Succeeded, m.Error?.Message.En);
            return m.Value!;
        }

        var people = new People(
            await Member("白班 张三", "office@example.gov.cn", "010-12345678"),
            await Member("夜班 李四", "night@example.gov.cn", "13800000001"),
            await Member("节假日 王五", "holiday@example.gov.cn", "13800000002"),
            await Member("值班长 赵六", "lead@example.gov.cn", "13800000003"));
        foreach (var (m, k) in new[] { (people.Office, "office"), (people.OffHours, "off_hours"), (people.AllDay, "all_day") })
        {
            var s = await rota.In(sp => sp.GetRequiredService<RotaService>().AddShiftAsync(w.Provider, w.Site.Id, new ShiftInput(m.Id, k, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), CancellationToken.None));
            Assert.True(s.Succeeded, s.Error?.Message.En);
        }

        var set = await rota.In(sp => sp.GetRequiredService<RotaService>().SetAsync(w.Owner, w.Site.Id,
            new RotaInput("Asia/Shanghai", "08:30", "17:30", channel.Id, [new EscalationInput(escalateAfterMinutes, people.Lead.Id)]), CancellationToken.None));
        Assert.True(set.Succeeded, set.Error is null ? null : string.Join("; ", set.Error.Fields.Select(f => f.Message.En).Prepend(set.Error.Message.En)));
        return people;
    }
}
