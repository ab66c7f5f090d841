namespace GovGuard.Platform.DutyRota;

/// <summary>Which kind of duty covers a moment (GB/T 38249 7.5 c).</summary>
public enum ShiftKind
{
    /// <summary>Working hours on a working day, on site.</summary>
    Office,

    /// <summary>Outside working hours (evenings, nights, weekends): a named person by phone and e-mail.</summary>
    OffHours,

    /// <summary>Holidays and sensitive periods: 24-hour duty.</summary>
    AllDay,
}

/// <summary>What a calendar day is.</summary>
public enum DayKind
{
    Workday,

    /// <summary>A weekend day that is not an adjusted working day.</summary>
    RestDay,

    /// <summary>A public holiday (24-hour duty).</summary>
    Holiday,

    /// <summary>A sensitive period the organisation configured (24-hour duty).</summary>
    Sensitive,
}

/// <summary>
/// The duty rota of one website (GB/T 38249 7.5 c; anchors PagerDuty and Grafana OnCall): office hours in the rota's
/// time zone, the calendar of <see cref="OrganisationId"/> (China's public holidays, adjusted working days and its own
/// entries), the e-mail channel whose server tells the person on duty, and escalation steps.
/// </summary>
public sealed class Rota
{
    public Guid WebsiteId { get; set; }

    /// <summary>The organisation whose calendar applies (the one that runs the duty).</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>An IANA time zone, Asia/Shanghai by default.</summary>
    public required string TimeZone { get; set; }

    public TimeOnly OfficeStart { get; set; }

    public TimeOnly OfficeEnd { get; set; }

    /// <summary>The e-mail channel whose SMTP server sends to the person on duty; null sends nothing extra.</summary>
    public Guid? MailChannelId { get; set; }

    public required string UpdatedByName { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>A person who takes duty: contact by phone (shown) and e-mail (notified).</summary>
public sealed class RotaMember
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public required string Phone { get; set; }
}

/// <summary>A member takes one kind of duty on every day from <see cref="From"/> to <see cref="To"/> (inclusive).</summary>
public sealed class RotaShift
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid MemberId { get; set; }

    public ShiftKind Kind { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Escalation: when an alert is still unacknowledged <see cref="AfterMinutes"/> after it opened, tell this member.</summary>
public sealed class EscalationStep
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary>1, 2, … in order.</summary>
    public int Level { get; set; }

    public int AfterMinutes { get; set; }

    public Guid MemberId { get; set; }
}

/// <summary>An organisation's own calendar entry for one day: replaces the national calendar on that day.</summary>
public sealed class CalendarEntry
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public DateOnly Date { get; set; }

    public DayKind Kind { get; set; }

    public required string Name { get; set; }
}
