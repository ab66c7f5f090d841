using GovGuard.Platform.Common;

namespace GovGuard.Platform.DutyRota;

public sealed record MemberView(Guid Id, string Name, string Email, string Phone);

public sealed record ShiftView(Guid Id, Guid MemberId, string Member, string Kind, DateOnly From, DateOnly To);

public sealed record EscalationView(int Level, int AfterMinutes, Guid MemberId, string Member, string Phone);

/// <summary>One stretch of duty: its kind, the kind of day, from and to, and who holds it (null: uncovered).</summary>
public sealed record SegmentView(string Kind, string Day, string? DayName, DateTimeOffset Start, DateTimeOffset End, MemberView? Member)
{
    internal static SegmentView? Of(DutySegment? s) => s is null ? null : new(WireCodes<ShiftKind>.Code(s.Kind), WireCodes<DayKind>.Code(s.Day), s.DayName, s.Start, s.End,
        s.Member is null ? null : new MemberView(s.Member.Id, s.Member.Name, s.Member.Email, s.Member.Phone));
}

/// <summary>Who is on duty now and who is next.</summary>
public sealed record OnDutyView(DateTimeOffset At, SegmentView Now, SegmentView? Next);

/// <summary>A website's rota as callers see it.</summary>
public sealed record RotaView(
    Guid WebsiteId,
    bool Configured,
    string TimeZone,
    string OfficeStart,
    string OfficeEnd,
    Guid? MailChannelId,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<ShiftView> Shifts,
    IReadOnlyList<EscalationView> Escalation,
    OnDutyView? OnDuty,
    bool CanEdit,
    int Version);

public sealed record EscalationInput(int? AfterMinutes, Guid? MemberId);

/// <summary>What an operator sends to set the rota; office hours as HH:mm; escalation steps in order.</summary>
public sealed record RotaInput(string? TimeZone, string? OfficeStart, string? OfficeEnd, Guid? MailChannelId, IReadOnlyList<EscalationInput>? Escalation, int? Version = null);

public sealed record MemberInput(string? Name, string? Email, string? Phone);

/// <summary>A member takes one kind of duty (office, off_hours, all_day) on every day from <c>from</c> to <c>to</c>.</summary>
public sealed record ShiftInput(Guid? MemberId, string? Kind, DateOnly? From, DateOnly? To);

/// <summary>One day of an organisation's calendar: the national entry or its own (own = true).</summary>
public sealed record CalendarDayView(DateOnly Date, string Kind, string Name, bool Own, bool Official);

public sealed record CalendarView(Guid OrganisationId, int Year, IReadOnlyList<CalendarDayView> Days, IReadOnlyList<int> ShippedYears, bool CanEdit);

/// <summary>An organisation's own entry for the days from <c>from</c> to <c>to</c>: holiday, workday, rest_day or sensitive.</summary>
public sealed record CalendarInput(DateOnly? From, DateOnly? To, string? Kind, string? Name);
