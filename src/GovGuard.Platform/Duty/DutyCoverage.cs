namespace GovGuard.Platform.DutyRota;

/// <summary>A stretch of time covered by one kind of duty, and who holds it (null: nobody, uncovered).</summary>
public sealed record DutySegment(ShiftKind Kind, DayKind Day, DateTimeOffset Start, DateTimeOffset End, RotaMember? Member, string? DayName);

/// <summary>
/// Who is on duty when (GB/T 38249 7.5 c): working days split into off-hours, office hours and off-hours in the rota's
/// time zone; rest days are off-hours all day; holidays and sensitive periods are 24-hour duty. Pure: the rota, its
/// members, shifts and the organisation's calendar entries are given.
/// </summary>
public sealed class DutyCoverage
{
    private readonly Rota _rota;
    private readonly TimeZoneInfo _zone;
    private readonly IReadOnlyList<RotaShift> _shifts;
    private readonly Dictionary<Guid, RotaMember> _members;
    private readonly IReadOnlyDictionary<DateOnly, CalendarEntry> _own;
    private readonly HolidayCalendar _calendar;

    public DutyCoverage(Rota rota, IEnumerable<RotaMember> members, IEnumerable<RotaShift> shifts, IEnumerable<CalendarEntry> own, HolidayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(rota);
        _rota = rota;
        _zone = Zone(rota.TimeZone);
        _members = members.ToDictionary(m => m.Id);
        _shifts = shifts.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.From).ToList();
        _own = own.GroupBy(e => e.Date).ToDictionary(g => g.Key, g => g.First());
        _calendar = calendar ?? HolidayCalendar.National;
    }

    /// <summary>The time zone by IANA id; an unknown id is not a rota the service accepts.</summary>
    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    public DayKind Classify(DateOnly date) => _calendar.Classify(date, _own);

    /// <summary>The segment that holds <paramref name="at"/>.</summary>
    public DutySegment At(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var day = Classify(date);
        var name = _calendar.NameOf(date, _own);
        var midnight = Instant(date, TimeOnly.MinValue);
        var nextMidnight = Instant(date.AddDays(1), TimeOnly.MinValue);
        if (day is DayKind.Holiday or DayKind.Sensitive)
        {
            return Segment(ShiftKind.AllDay, day, midnight, nextMidnight, date, name);
        }

        if (day == DayKind.RestDay)
        {
            return Segment(ShiftKind.OffHours, day, midnight, nextMidnight, date, name);
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        if (time < _rota.OfficeStart)
        {
            return Segment(ShiftKind.OffHours, day, midnight, Instant(date, _rota.OfficeStart), date, name);
        }

        return time < _rota.OfficeEnd
            ? Segment(ShiftKind.Office, day, Instant(date, _rota.OfficeStart), Instant(date, _rota.OfficeEnd), date, name)
            : Segment(ShiftKind.OffHours, day, Instant(date, _rota.OfficeEnd), nextMidnight, date, name);
    }

    /// <summary>The next stretch after the current one with another person or another kind of duty (within 60 days).</summary>
    public DutySegment? Next(DateTimeOffset at)
    {
        var current = At(at);
        var limit = at.AddDays(60);
        for (var s = At(current.End); s.Start < limit; s = At(s.End))
        {
            if (s.Kind != current.Kind || s.Member?.Id != current.Member?.Id)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>The segments that cover [from, to), cut to the period.</summary>
    public IEnumerable<DutySegment> Between(DateTimeOffset from, DateTimeOffset to)
    {
        for (var t = from; t < to;)
        {
            var s = At(t);
            var end = s.End < to ? s.End : to;
            yield return s with { Start = t, End = end };
            t = end;
        }
    }

    private DutySegment Segment(ShiftKind kind, DayKind day, DateTimeOffset start, DateTimeOffset end, DateOnly date, string? name)
    {
        var shift = _shifts.FirstOrDefault(s => s.Kind == kind && s.From <= date && date <= s.To && _members.ContainsKey(s.MemberId));
        return new DutySegment(kind, day, start, end, shift is null ? null : _members[shift.MemberId], name);
    }

    private DateTimeOffset Instant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
