using System.Globalization;
using System.Text.RegularExpressions;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.DutyRota;

/// <summary>
/// A website's duty rota (GB/T 38249 7.5 c): the owner or the engaged provider sets it up; whoever sees the website
/// reads who is on duty now and next. An organisation's administrators edit its calendar. Every change is audited.
/// </summary>
public sealed partial class RotaService(GovGuardDbContext db, AuditLog audit, TimeProvider time)
{
    public const string RotaSet = "duty.rota_set";
    public const string MemberAdded = "duty.member_added";
    public const string MemberRemoved = "duty.member_removed";
    public const string ShiftAdded = "duty.shift_added";
    public const string ShiftRemoved = "duty.shift_removed";
    public const string CalendarChanged = "duty.calendar_changed";

    /// <summary>China Standard Time: the default and the usual zone.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    private static readonly Text SiteLabel = new("网站", "website");
    private static readonly Text Why = new("只有网站所属单位和参与的云服务商可以安排值班。", "Only the owner and the engaged cloud provider arrange the duty rota.");
    private static readonly Text CalendarWhy = new("只有本单位管理员可以修改本单位的值班日历。", "Only an administrator of the organisation edits its duty calendar.");

    internal static void RegisterAuditKinds()
    {
        AuditKinds.Register(new AuditKind(RotaSet, new("修改值班设置", "Duty rota set"), true));
        AuditKinds.Register(new AuditKind(MemberAdded, new("添加值班人员", "Duty member added"), true));
        AuditKinds.Register(new AuditKind(MemberRemoved, new("移除值班人员", "Duty member removed"), true));
        AuditKinds.Register(new AuditKind(ShiftAdded, new("安排值班", "Duty shift added"), true));
        AuditKinds.Register(new AuditKind(ShiftRemoved, new("取消值班", "Duty shift removed"), true));
        AuditKinds.Register(new AuditKind(CalendarChanged, new("修改值班日历", "Duty calendar changed"), true));
    }

    public async Task<Outcome<RotaView>> GetAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        return await ViewAsync(websiteId, standing.IsOperator(caller), ct).ConfigureAwait(false);
    }

    public async Task<Outcome<OnDutyView>> OnDutyAsync(Caller caller, Guid websiteId, DateTimeOffset? at, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        var coverage = await CoverageAsync(db, websiteId, ct).ConfigureAwait(false);
        if (coverage is null)
        {
            return Error.Conflict(new("该网站尚未设置值班表。", "The website has no duty rota yet."));
        }

        var when = (at ?? time.GetUtcNow()).ToUniversalTime();
        return new OnDutyView(when, SegmentView.Of(coverage.At(when))!, SegmentView.Of(coverage.Next(when)));
    }

    public async Task<Outcome<RotaView>> SetAsync(Caller caller, Guid websiteId, RotaInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(SiteLabel);
        }

        if (!standing.IsOperator(caller))
        {
            return await standing.DenyAsync(db, audit, caller, "duty_rota", websiteId.ToString(), Why, ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var zone = input.TimeZone?.Trim() is { Length: > 0 } z ? z : DefaultZone;
        if (!IsZone(zone))
        {
            v.Add("timeZone", "time_zone", $"时区（timeZone）“{zone}”不是 IANA 时区名，例如 Asia/Shanghai。", $"The time zone (timeZone) \"{zone}\" is not an IANA zone name such as Asia/Shanghai.");
        }

        var start = Clock(v, "officeStart", new("上班时间", "Office start"), input.OfficeStart ?? "08:30");
        var end = Clock(v, "officeEnd", new("下班时间", "Office end"), input.OfficeEnd ?? "17:30");
        if (v.IsValid && end <= start)
        {
            v.Add("officeEnd", "after_start", "下班时间（officeEnd）必须晚于上班时间（officeStart）。", "The office end (officeEnd) must come after the office start (officeStart).");
        }

        if (input.MailChannelId is { } channelId)
        {
            var channel = await db.NotificationChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, ct).ConfigureAwait(false);
            if (channel is null || channel.Kind != ChannelKind.Email || (!caller.IsPlatformAdmin && channel.OrganisationId != caller.OrganisationId))
            {
                v.Add("mailChannelId", "email_channel", "值班通知邮件渠道（mailChannelId）必须是本单位的邮件渠道。", "The duty mail channel (mailChannelId) must be an e-mail channel of your organisation.");
            }
        }

        var members = await db.RotaMembers.AsNoTracking().Where(m => m.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var steps = new List<EscalationStep>();
        var previous = 0;
        foreach (var (s, i) in (input.Escalation ?? []).Select((s, i) => (s, i)))
        {
            var field = $"escalation[{i}]";
            var after = v.Range(field + ".afterMinutes", new("超时分钟数", "Minutes unacknowledged"), s.AfterMinutes, 1, 10_080);
            if (after <= previous && s.AfterMinutes is not null)
            {
                v.Add(field + ".afterMinutes", "increasing", $"升级步骤（{field}.afterMinutes）的分钟数必须逐级增加。", $"Escalation steps ({field}.afterMinutes) must come later level by level.");
            }

            previous = after;
            if (s.MemberId is not { } member || members.All(m => m.Id != member))
            {
                v.Add(field + ".memberId", "member", $"升级步骤（{field}.memberId）必须是该网站的值班人员。", $"The escalation step ({field}.memberId) must name a duty member of the website.");
                continue;
            }

            steps.Add(new EscalationStep { Id = Guid.NewGuid(), WebsiteId = websiteId, Level = i + 1, AfterMinutes = after, MemberId = member });
        }

        if (steps.Count > 10)
        {
            v.Add("escalation", "max_count", "升级步骤（escalation）最多 10 级。", "At most 10 escalation steps (escalation).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var rota = await db.Rotas.FirstOrDefaultAsync(r => r.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (rota is not null && input.Version is { } version && version != rota.Version)
        {
            return Error.Conflict(new("值班设置已被他人修改（version 不是最新），请刷新后重试。", "The rota was changed by someone else (version is stale); reload and try again."));
        }

        var oldSteps = await db.EscalationSteps.Where(s => s.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var before = rota is null ? null : Snapshot(rota, oldSteps);
        if (rota is null)
        {
            rota = new Rota { WebsiteId = websiteId, OrganisationId = caller.IsSystem ? standing.Site.CustomerId : caller.OrganisationId, TimeZone = zone, UpdatedByName = caller.Name };
            db.Rotas.Add(rota);
        }

        rota.TimeZone = zone;
        rota.OfficeStart = start;
        rota.OfficeEnd = end;
        rota.MailChannelId = input.MailChannelId;
        rota.UpdatedByName = caller.Name;
        rota.UpdatedAt = time.GetUtcNow();
        rota.Version++;
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.EscalationSteps.RemoveRange(oldSteps);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.EscalationSteps.AddRange(steps);
            change.Record(new AuditEvent(RotaSet, "修改值班设置 / set duty rota", "duty_rota", websiteId.ToString(), standing.Site.CustomerId, websiteId, before, Snapshot(rota, steps)));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        return await ViewAsync(websiteId, true, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<MemberView>> AddMemberAsync(Caller caller, Guid websiteId, MemberInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (standing, error) = await OperatorAsync(caller, websiteId, "duty_member", ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var name = v.Required("name", new("姓名", "Name"), input.Name, 100);
        var email = v.Required("email", new("邮箱", "E-mail"), input.Email, 320);
        if (email is not null && !EmailPattern().IsMatch(email))
        {
            v.Add("email", "format", "邮箱（email）格式不正确，例如 duty@example.gov.cn。", "The e-mail (email) is not an address such as duty@example.gov.cn.");
        }

        var phone = v.Required("phone", new("电话", "Phone"), input.Phone, 40);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            v.Add("phone", "format", "电话（phone）只能包含数字、空格、+ 和 -。", "The phone (phone) may hold only digits, spaces, + and -.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var m = new RotaMember { Id = Guid.CreateVersion7(time.GetUtcNow()), WebsiteId = websiteId, Name = name!, Email = email!, Phone = phone! };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.RotaMembers.Add(m);
        change.Record(new AuditEvent(MemberAdded, $"添加值班人员 / added duty member {m.Name}", "duty_member", m.Id.ToString(), standing!.Site.CustomerId, websiteId, null, new { m.Name, m.Email, m.Phone }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return new MemberView(m.Id, m.Name, m.Email, m.Phone);
    }

    public async Task<Outcome<bool>> RemoveMemberAsync(Caller caller, Guid websiteId, Guid memberId, CancellationToken ct)
    {
        var (standing, error) = await OperatorAsync(caller, websiteId, "duty_member", ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var m = await db.RotaMembers.FirstOrDefaultAsync(x => x.Id == memberId && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (m is null)
        {
            return Error.NotFound(new Text("值班人员", "duty member"));
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.RotaMembers.Remove(m);
        change.Record(new AuditEvent(MemberRemoved, $"移除值班人员 / removed duty member {m.Name}", "duty_member", m.Id.ToString(), standing!.Site.CustomerId, websiteId, new { m.Name, m.Email, m.Phone }, null));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    public async Task<Outcome<ShiftView>> AddShiftAsync(Caller caller, Guid websiteId, ShiftInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (standing, error) = await OperatorAsync(caller, websiteId, "duty_shift", ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var member = input.MemberId is { } mid ? await db.RotaMembers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mid && m.WebsiteId == websiteId, ct).ConfigureAwait(false) : null;
        if (member is null)
        {
            v.Add("memberId", "member", "值班人员（memberId）必须是该网站的值班人员。", "The member (memberId) must be a duty member of the website.");
        }

        var kind = v.OneOf("kind", new("值班类型", "Duty kind"), input.Kind, WireCodes<ShiftKind>.ByCode);
        if (input.From is null)
        {
            v.Add("from", "required", "开始日期（from）为必填项。", "The first day (from) is required.");
        }

        if (input.To is null)
        {
            v.Add("to", "required", "结束日期（to）为必填项。", "The last day (to) is required.");
        }
        else if (input.From is not null && input.To < input.From)
        {
            v.Add("to", "after_from", "结束日期（to）不能早于开始日期（from）。", "The last day (to) cannot come before the first (from).");
        }
        else if (input.From is not null && input.To.Value.DayNumber - input.From.Value.DayNumber > 366)
        {
            v.Add("to", "max_length", "一次安排最长一年（to）。", "One shift spans at most a year (to).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var s = new RotaShift { Id = Guid.CreateVersion7(now), WebsiteId = websiteId, MemberId = member!.Id, Kind = kind!.Value, From = input.From!.Value, To = input.To!.Value, CreatedAt = now };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.RotaShifts.Add(s);
        change.Record(new AuditEvent(ShiftAdded, $"安排值班 / added duty shift: {member.Name} {WireCodes<ShiftKind>.Code(s.Kind)} {s.From:yyyy-MM-dd}–{s.To:yyyy-MM-dd}", "duty_shift", s.Id.ToString(),
            standing!.Site.CustomerId, websiteId, null, new { Member = member.Name, Kind = s.Kind.ToString(), s.From, s.To }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return new ShiftView(s.Id, member.Id, member.Name, WireCodes<ShiftKind>.Code(s.Kind), s.From, s.To);
    }

    public async Task<Outcome<bool>> RemoveShiftAsync(Caller caller, Guid websiteId, Guid shiftId, CancellationToken ct)
    {
        var (standing, error) = await OperatorAsync(caller, websiteId, "duty_shift", ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var s = await db.RotaShifts.FirstOrDefaultAsync(x => x.Id == shiftId && x.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (s is null)
        {
            return Error.NotFound(new Text("值班安排", "duty shift"));
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.RotaShifts.Remove(s);
        change.Record(new AuditEvent(ShiftRemoved, "取消值班 / removed duty shift", "duty_shift", s.Id.ToString(), standing!.Site.CustomerId, websiteId,
            new { s.MemberId, Kind = s.Kind.ToString(), s.From, s.To }, null));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The caller's organisation's calendar for <paramref name="year"/>: national days and its own entries.</summary>
    public async Task<Outcome<CalendarView>> CalendarAsync(Caller caller, int? year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var y = year ?? EmergencyYear(time.GetUtcNow());
        if (y is < 2000 or > 2100)
        {
            var v = new Validation();
            v.Range("year", new("年份", "Year"), y, 2000, 2100);
            return v.ToError();
        }

        var own = await db.CalendarEntries.AsNoTracking().Where(e => e.OrganisationId == caller.OrganisationId && e.Date >= new DateOnly(y, 1, 1) && e.Date <= new DateOnly(y, 12, 31))
            .ToListAsync(ct).ConfigureAwait(false);
        var days = HolidayCalendar.National.Days.Where(d => d.Date.Year == y && own.All(o => o.Date != d.Date))
            .Select(d => new CalendarDayView(d.Date, WireCodes<DayKind>.Code(d.Kind), d.Name, false, d.Official))
            .Concat(own.Select(o => new CalendarDayView(o.Date, WireCodes<DayKind>.Code(o.Kind), o.Name, true, false)))
            .OrderBy(d => d.Date).ToList();
        return new CalendarView(caller.OrganisationId, y, days, HolidayCalendar.National.Years, caller.IsOrgAdmin);
    }

    /// <summary>Sets the organisation's own kind for every day of a range (a sensitive period, an extra holiday, a local working day).</summary>
    public async Task<Outcome<CalendarView>> SetCalendarAsync(Caller caller, CalendarInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsOrgAdmin)
        {
            return await audit.DenyAsync(db, caller, CalendarWhy, "duty_calendar", caller.OrganisationId.ToString(), caller.OrganisationId, null, ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var kind = v.OneOf("kind", new("日期类型", "Day kind"), input.Kind, WireCodes<DayKind>.ByCode);
        var name = v.Required("name", new("名称", "Name"), input.Name, 100);
        if (input.From is null)
        {
            v.Add("from", "required", "开始日期（from）为必填项。", "The first day (from) is required.");
        }

        var to = input.To ?? input.From;
        if (input.From is not null && (to < input.From || to!.Value.DayNumber - input.From.Value.DayNumber > 92))
        {
            v.Add("to", "range", "结束日期（to）不能早于开始日期，且一次最多 93 天。", "The last day (to) cannot come before the first, and one entry covers at most 93 days.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var from = input.From!.Value;
        var existing = await db.CalendarEntries.Where(e => e.OrganisationId == caller.OrganisationId && e.Date >= from && e.Date <= to!.Value).ToListAsync(ct).ConfigureAwait(false);
        await using (var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false))
        {
            db.CalendarEntries.RemoveRange(existing);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            for (var d = from; d <= to!.Value; d = d.AddDays(1))
            {
                db.CalendarEntries.Add(new CalendarEntry { Id = Guid.NewGuid(), OrganisationId = caller.OrganisationId, Date = d, Kind = kind!.Value, Name = name! });
            }

            change.Record(new AuditEvent(CalendarChanged, $"修改值班日历 / calendar: {from:yyyy-MM-dd}–{to:yyyy-MM-dd} {WireCodes<DayKind>.Code(kind!.Value)} {name}", "duty_calendar",
                caller.OrganisationId.ToString(), caller.OrganisationId, null, existing.Count == 0 ? null : new { Days = existing.Count }, new { From = from, To = to, Kind = kind.ToString(), Name = name }));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }

        return await CalendarAsync(caller, from.Year, ct).ConfigureAwait(false);
    }

    /// <summary>Removes the organisation's own entry of one day (the national calendar applies again).</summary>
    public async Task<Outcome<bool>> ClearCalendarDayAsync(Caller caller, DateOnly date, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsOrgAdmin)
        {
            return await audit.DenyAsync(db, caller, CalendarWhy, "duty_calendar", caller.OrganisationId.ToString(), caller.OrganisationId, null, ct).ConfigureAwait(false);
        }

        var e = await db.CalendarEntries.FirstOrDefaultAsync(x => x.OrganisationId == caller.OrganisationId && x.Date == date, ct).ConfigureAwait(false);
        if (e is null)
        {
            return Error.NotFound(new Text("日历条目", "calendar entry"));
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.CalendarEntries.Remove(e);
        change.Record(new AuditEvent(CalendarChanged, $"删除值班日历条目 / removed calendar entry {date:yyyy-MM-dd}", "duty_calendar", caller.OrganisationId.ToString(), caller.OrganisationId, null,
            new { e.Date, Kind = e.Kind.ToString(), e.Name }, null));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The website's coverage, or null without a rota: what routing, escalation and the report read.</summary>
    public static async Task<DutyCoverage?> CoverageAsync(GovGuardDbContext db, Guid websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rota = await db.Rotas.AsNoTracking().FirstOrDefaultAsync(r => r.WebsiteId == websiteId, ct).ConfigureAwait(false);
        if (rota is null)
        {
            return null;
        }

        var members = await db.RotaMembers.AsNoTracking().Where(m => m.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var shifts = await db.RotaShifts.AsNoTracking().Where(s => s.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var own = await db.CalendarEntries.AsNoTracking().Where(e => e.OrganisationId == rota.OrganisationId).ToListAsync(ct).ConfigureAwait(false);
        return new DutyCoverage(rota, members, shifts, own);
    }

    private async Task<(OperationsStanding?, Error?)> OperatorAsync(Caller caller, Guid websiteId, string objectType, CancellationToken ct)
    {
        var standing = await OperationsStanding.OfAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return (null, Error.NotFound(SiteLabel));
        }

        return standing.IsOperator(caller) ? (standing, null) : (null, await standing.DenyAsync(db, audit, caller, objectType, null, Why, ct).ConfigureAwait(false));
    }

    private async Task<RotaView> ViewAsync(Guid websiteId, bool canEdit, CancellationToken ct)
    {
        var rota = await db.Rotas.AsNoTracking().FirstOrDefaultAsync(r => r.WebsiteId == websiteId, ct).ConfigureAwait(false);
        var members = await db.RotaMembers.AsNoTracking().Where(m => m.WebsiteId == websiteId).OrderBy(m => m.Name).ToListAsync(ct).ConfigureAwait(false);
        var shifts = await db.RotaShifts.AsNoTracking().Where(s => s.WebsiteId == websiteId).OrderByDescending(s => s.From).Take(500).ToListAsync(ct).ConfigureAwait(false);
        var steps = await db.EscalationSteps.AsNoTracking().Where(s => s.WebsiteId == websiteId).OrderBy(s => s.Level).ToListAsync(ct).ConfigureAwait(false);
        var byId = members.ToDictionary(m => m.Id);
        OnDutyView? onDuty = null;
        if (rota is not null)
        {
            var coverage = await CoverageAsync(db, websiteId, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            onDuty = new OnDutyView(now, SegmentView.Of(coverage!.At(now))!, SegmentView.Of(coverage.Next(now)));
        }

        return new RotaView(
            websiteId, rota is not null, rota?.TimeZone ?? DefaultZone, Hhmm(rota?.OfficeStart ?? new TimeOnly(8, 30)), Hhmm(rota?.OfficeEnd ?? new TimeOnly(17, 30)), rota?.MailChannelId,
            members.Select(m => new MemberView(m.Id, m.Name, m.Email, m.Phone)).ToList(),
            shifts.Select(s => new ShiftView(s.Id, s.MemberId, byId.TryGetValue(s.MemberId, out var m) ? m.Name : "?", WireCodes<ShiftKind>.Code(s.Kind), s.From, s.To)).ToList(),
            steps.Select(s => new EscalationView(s.Level, s.AfterMinutes, s.MemberId, byId.TryGetValue(s.MemberId, out var m) ? m.Name : "?", byId.TryGetValue(s.MemberId, out var p) ? p.Phone : "")).ToList(),
            onDuty, canEdit, rota?.Version ?? 0);
    }

    private static bool IsZone(string id)
    {
        try
        {
            DutyCoverage.Zone(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static TimeOnly Clock(Validation v, string field, Text label, string value)
    {
        if (TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return t;
        }

        v.Add(field, "format", $"{label.Zh}（{field}）格式应为 HH:mm，例如 08:30。", $"{label.En} ({field}) must be HH:mm, such as 08:30.");
        return default;
    }

    private static string Hhmm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static int EmergencyYear(DateTimeOffset now) => now.ToOffset(TimeSpan.FromHours(8)).Year;

    private static object Snapshot(Rota r, IEnumerable<EscalationStep> steps) => new
    {
        r.TimeZone,
        OfficeStart = Hhmm(r.OfficeStart),
        OfficeEnd = Hhmm(r.OfficeEnd),
        r.MailChannelId,
        Escalation = string.Join(",", steps.OrderBy(s => s.Level).Select(s => $"{s.Level}:{s.AfterMinutes}:{s.MemberId}")),
    };

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9+\- ]{3,40}$")]
    private static partial Regex PhonePattern();
}
