using System.Globalization;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>What a caller asks for: a calendar month (<c>2026-11</c>), or a period from a day or instant to another (end not included).</summary>
public sealed record PeriodInput(string? Month = null, string? From = null, string? To = null);

/// <summary>A checked period, with the month it is when it is one.</summary>
public sealed record ChosenPeriod(ReportPeriod Period, string? Month);

/// <summary>
/// Report periods. Monthly by default: calendar months in China Standard Time (the last complete one when nothing is
/// asked); any period on demand, at most <see cref="MaxDays"/> days. Days are read as midnight China Standard Time;
/// an instant with an offset (ISO 8601) is taken as given. <c>to</c> is the first moment not included.
/// </summary>
public static class ReportPeriods
{
    public const int MaxDays = 366;

    private static readonly Text MonthLabel = new("月份", "Month");
    private static readonly Text FromLabel = new("开始", "From");
    private static readonly Text ToLabel = new("结束（不含）", "To (not included)");

    public static Outcome<ChosenPeriod> Parse(PeriodInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var v = new Validation();
        var month = input.Month?.Trim();
        var from = input.From?.Trim();
        var to = input.To?.Trim();
        if (!string.IsNullOrEmpty(month))
        {
            if (!string.IsNullOrEmpty(from) || !string.IsNullOrEmpty(to))
            {
                v.Add("month", "exclusive", "月份（month）与开始/结束（from/to）只能任选其一。", "Give either a month (month) or a period (from/to), not both.");
                return v.ToError();
            }

            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || first.Year < 2000)
            {
                v.Add("month", "format", $"{MonthLabel.Zh}（month）格式应为 YYYY-MM，例如 2026-11。", $"{MonthLabel.En} (month) must look like YYYY-MM, e.g. 2026-11.");
                return v.ToError();
            }

            return Month(first);
        }

        if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            var local = DateOnly.FromDateTime(now.ToOffset(SlaMeasurement.China).DateTime);
            return Month(new DateOnly(local.Year, local.Month, 1).AddMonths(-1));
        }

        var start = Instant(v, "from", FromLabel, from);
        var end = Instant(v, "to", ToLabel, to);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (start >= end)
        {
            v.Add("to", "after_from", "结束（to）必须晚于开始（from）。", "The end (to) must come after the start (from).");
        }
        else if ((end!.Value - start!.Value).TotalDays > MaxDays)
        {
            v.Add("to", "max_length", $"报告周期最长 {MaxDays} 天（from 到 to）。", $"A report period is at most {MaxDays} days (from to to).");
        }

        return v.IsValid ? new ChosenPeriod(new ReportPeriod(start!.Value.ToUniversalTime(), end!.Value.ToUniversalTime()), null) : v.ToError();
    }

    /// <summary>The calendar month starting on <paramref name="first"/>, in China Standard Time.</summary>
    public static ChosenPeriod Month(DateOnly first)
    {
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), SlaMeasurement.China);
        return new ChosenPeriod(new ReportPeriod(from.ToUniversalTime(), from.AddMonths(1).ToUniversalTime()), first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    /// <summary>"2026-11" or "2026-11-03 – 2026-11-20" (the last day included), in China Standard Time.</summary>
    public static string Label(ReportPeriod period, string? month)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (month is not null)
        {
            return month;
        }

        var from = period.From.ToOffset(SlaMeasurement.China);
        var to = period.To.ToOffset(SlaMeasurement.China);
        var wholeDays = from.TimeOfDay == TimeSpan.Zero && to.TimeOfDay == TimeSpan.Zero;
        return wholeDays
            ? $"{from:yyyy-MM-dd} – {to.AddDays(-1):yyyy-MM-dd}"
            : $"{from:yyyy-MM-dd HH:mm} – {to:yyyy-MM-dd HH:mm}";
    }

    private static DateTimeOffset? Instant(Validation v, string field, Text label, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            v.Add(field, "required", $"{label.Zh}（{field}）为必填项。", $"{label.En} ({field}) is required.");
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), SlaMeasurement.China);
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal)))
        {
            return at;
        }

        v.Add(field, "format", $"{label.Zh}（{field}）应为日期 YYYY-MM-DD，或带时区的时间（ISO 8601）。",
            $"{label.En} ({field}) must be a date YYYY-MM-DD, or a time with an offset (ISO 8601).");
        return null;
    }
}
