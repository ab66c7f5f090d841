using System.Text.Json;

namespace GovGuard.Platform.DutyRota;

/// <summary>One day of the national calendar shipped with GovGuard.</summary>
public sealed record NationalDay(DateOnly Date, DayKind Kind, string Name, bool Official);

/// <summary>
/// China's public holidays and adjusted working days (调休) from the shipped data file (Duty/Data/china-holidays.json:
/// 2026 from the State Council's notice, 2027 provisional until its notice), under an organisation's own entries.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly Dictionary<DateOnly, NationalDay> _days;

    private HolidayCalendar(Dictionary<DateOnly, NationalDay> days, IReadOnlyList<int> years)
    {
        _days = days;
        Years = years;
    }

    /// <summary>The shipped calendar.</summary>
    public static HolidayCalendar National { get; } = Load();

    /// <summary>The years the shipped file covers.</summary>
    public IReadOnlyList<int> Years { get; }

    public IEnumerable<NationalDay> Days => _days.Values.OrderBy(d => d.Date);

    /// <summary>What <paramref name="date"/> is: the organisation's entry when it has one, else the national calendar, else the weekday rule.</summary>
    public DayKind Classify(DateOnly date, IReadOnlyDictionary<DateOnly, CalendarEntry>? own = null)
    {
        if (own is not null && own.TryGetValue(date, out var e))
        {
            return e.Kind;
        }

        if (_days.TryGetValue(date, out var d))
        {
            return d.Kind;
        }

        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.RestDay : DayKind.Workday;
    }

    /// <summary>The name of the day when the calendar names it.</summary>
    public string? NameOf(DateOnly date, IReadOnlyDictionary<DateOnly, CalendarEntry>? own = null) =>
        own is not null && own.TryGetValue(date, out var e) ? e.Name : _days.TryGetValue(date, out var d) ? d.Name : null;

    private static HolidayCalendar Load()
    {
        using var stream = typeof(HolidayCalendar).Assembly.GetManifestResourceStream("GovGuard.Platform.china-holidays.json")
            ?? throw new InvalidOperationException("The holiday calendar is not embedded in the assembly.");
        using var doc = JsonDocument.Parse(stream);
        var days = new Dictionary<DateOnly, NationalDay>();
        var years = new List<int>();
        foreach (var year in doc.RootElement.GetProperty("years").EnumerateObject())
        {
            years.Add(int.Parse(year.Name, System.Globalization.CultureInfo.InvariantCulture));
            var official = year.Value.GetProperty("official").GetBoolean();
            foreach (var h in year.Value.GetProperty("holidays").EnumerateArray())
            {
                var from = DateOnly.Parse(h.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                var to = DateOnly.Parse(h.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                for (var d = from; d <= to; d = d.AddDays(1))
                {
                    days[d] = new NationalDay(d, DayKind.Holiday, h.GetProperty("name").GetString()!, official);
                }
            }

            foreach (var w in year.Value.GetProperty("workdays").EnumerateArray())
            {
                var d = DateOnly.Parse(w.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                days[d] = new NationalDay(d, DayKind.Workday, w.GetProperty("name").GetString()!, official);
            }
        }

        return new HolidayCalendar(days, years);
    }
}
