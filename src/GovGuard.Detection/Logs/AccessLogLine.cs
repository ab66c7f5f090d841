using System.Runtime.CompilerServices;

namespace GovGuard.Detection.Logs;

/// <summary>The access-log layouts understood by <see cref="AccessLogLine.TryParse"/>.</summary>
public enum AccessLogFormat
{
    /// <summary>nginx / Apache combined: common plus "referer" "user-agent".</summary>
    Combined = 0,

    /// <summary>NCSA common log format: host ident user [time] "request" status bytes.</summary>
    Common = 1,
}

/// <summary>
/// One access-log line cut into its fields without copying: every field is a slice of the line's
/// UTF-8 bytes. Lines that do not fit the format are reported as malformed, never guessed at.
/// </summary>
public readonly ref struct AccessLogLine
{
    public ReadOnlySpan<byte> Client { get; init; }

    public ReadOnlySpan<byte> Time { get; init; }

    public ReadOnlySpan<byte> Request { get; init; }

    public ReadOnlySpan<byte> Method { get; init; }

    /// <summary>The request target (path and query) exactly as logged.</summary>
    public ReadOnlySpan<byte> Target { get; init; }

    public int Status { get; init; }

    public ReadOnlySpan<byte> Referer { get; init; }

    public ReadOnlySpan<byte> UserAgent { get; init; }

    /// <summary>Seconds since the Unix epoch of the logged time, or null when it cannot be read.</summary>
    public long? UnixSeconds { get; init; }

    /// <summary>Cuts <paramref name="line"/>; false when it is not a line of <paramref name="format"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> line, AccessLogFormat format, out AccessLogLine parsed)
    {
        parsed = default;
        var sp = line.IndexOf((byte)' ');
        if (sp <= 0)
        {
            return false;
        }

        var client = line[..sp];
        var open = line.IndexOf((byte)'[');
        if (open < 0)
        {
            return false;
        }

        var close = line[open..].IndexOf((byte)']');
        if (close < 0)
        {
            return false;
        }

        var time = line.Slice(open + 1, close - 1);
        var rest = line[(open + close + 1)..];
        var q = rest.IndexOf((byte)'"');
        if (q < 0)
        {
            return false;
        }

        rest = rest[(q + 1)..];
        // The request ends at the quote followed by " NNN " (the status); a quote inside the request
        // is escaped by nginx (\x22) but not always by Apache, so search for that shape.
        var end = FindRequestEnd(rest);
        if (end < 0)
        {
            return false;
        }

        var request = rest[..end];
        var after = rest[(end + 2)..];
        var status = (after[0] - '0') * 100 + (after[1] - '0') * 10 + (after[2] - '0');
        after = after[3..];

        ReadOnlySpan<byte> referer = default, agent = default;
        if (format == AccessLogFormat.Combined)
        {
            if (!NextQuoted(ref after, out referer) || !NextQuoted(ref after, out agent))
            {
                return false;
            }
        }

        ReadOnlySpan<byte> method = default, target;
        var s1 = request.IndexOf((byte)' ');
        if (s1 < 0)
        {
            target = request;
        }
        else
        {
            method = request[..s1];
            target = request[(s1 + 1)..];
            var s2 = target.LastIndexOf((byte)' ');
            if (s2 >= 0 && target[(s2 + 1)..].StartsWith("HTTP/"u8))
            {
                target = target[..s2];
            }
        }

        parsed = new AccessLogLine
        {
            Client = client,
            Time = time,
            Request = request,
            Method = method,
            Target = target,
            Status = status,
            Referer = referer,
            UserAgent = agent,
            UnixSeconds = ParseTime(time),
        };
        return true;
    }

    private static int FindRequestEnd(ReadOnlySpan<byte> rest)
    {
        var from = 0;
        while (true)
        {
            var i = rest[from..].IndexOf("\" "u8);
            if (i < 0)
            {
                return -1;
            }

            i += from;
            var s = rest[(i + 2)..];
            if (s.Length >= 3 && IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) && (s.Length == 3 || s[3] == ' '))
            {
                return i;
            }

            from = i + 1;
        }
    }

    private static bool NextQuoted(scoped ref ReadOnlySpan<byte> s, out ReadOnlySpan<byte> value)
    {
        value = default;
        var q = s.IndexOf((byte)'"');
        if (q < 0)
        {
            return false;
        }

        s = s[(q + 1)..];
        var e = 0;
        while (true)
        {
            var i = s[e..].IndexOf((byte)'"');
            if (i < 0)
            {
                // A user agent cut by a line cap still counts: take what is there.
                value = s;
                s = default;
                return true;
            }

            e += i;
            if (e > 0 && s[e - 1] == '\\')
            {
                e++;
                continue;
            }

            value = s[..e];
            s = s[(e + 1)..];
            return true;
        }
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Reads "10/Oct/2000:13:55:36 -0700" into Unix seconds.</summary>
    internal static long? ParseTime(ReadOnlySpan<byte> t)
    {
        if (t.Length < 20 || t[2] != '/' || t[6] != '/' || t[11] != ':')
        {
            return null;
        }

        if (!TwoDigits(t, 0, out var day) || !TwoDigits(t, 12, out var hour) || !TwoDigits(t, 15, out var min) ||
            !TwoDigits(t, 18, out var sec) || !TwoDigits(t, 7, out var y1) || !TwoDigits(t, 9, out var y2))
        {
            return null;
        }

        var month = MonthOf(t.Slice(3, 3));
        if (month == 0)
        {
            return null;
        }

        var year = y1 * 100 + y2;
        long offset = 0;
        if (t.Length >= 26 && (t[21] == '+' || t[21] == '-') && TwoDigits(t, 22, out var oh) && TwoDigits(t, 24, out var om))
        {
            offset = (oh * 3600 + om * 60) * (t[21] == '-' ? -1 : 1);
        }

        if (day is < 1 or > 31 || hour > 23 || min > 59 || sec > 60)
        {
            return null;
        }

        return DaysFromCivil(year, month, day) * 86400L + hour * 3600 + min * 60 + sec - offset;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> t, int at, out int value)
    {
        value = 0;
        if (!IsDigit(t[at]) || !IsDigit(t[at + 1]))
        {
            return false;
        }

        value = (t[at] - '0') * 10 + (t[at + 1] - '0');
        return true;
    }

    private static int MonthOf(ReadOnlySpan<byte> m)
    {
        var key = (m[0] | 0x20) << 16 | (m[1] | 0x20) << 8 | (m[2] | 0x20);
        return key switch
        {
            'j' << 16 | 'a' << 8 | 'n' => 1,
            'f' << 16 | 'e' << 8 | 'b' => 2,
            'm' << 16 | 'a' << 8 | 'r' => 3,
            'a' << 16 | 'p' << 8 | 'r' => 4,
            'm' << 16 | 'a' << 8 | 'y' => 5,
            'j' << 16 | 'u' << 8 | 'n' => 6,
            'j' << 16 | 'u' << 8 | 'l' => 7,
            'a' << 16 | 'u' << 8 | 'g' => 8,
            's' << 16 | 'e' << 8 | 'p' => 9,
            'o' << 16 | 'c' << 8 | 't' => 10,
            'n' << 16 | 'o' << 8 | 'v' => 11,
            'd' << 16 | 'e' << 8 | 'c' => 12,
            _ => 0,
        };
    }

    // Howard Hinnant's days-from-civil: no DateTime allocation or culture on the hot path.
    private static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
