using System.Globalization;
using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Alerts;

namespace GovGuard.Platform.Notifications;

/// <summary>
/// What a notice says, frozen when it is queued (a retry sends the same words). Every value may hold text a
/// target or a user wrote: it is only ever substituted into the fixed templates of <see cref="NoticeText"/>.
/// </summary>
public sealed record AlertNotice(
    NoticeKind Kind,
    Guid? AlertId,
    Guid? WebsiteId,
    string Website,
    Guid? MonitorId,
    string Monitor,
    Severity Severity,
    string Category,
    string? Rule,
    string SummaryZh,
    string SummaryEn,
    string? Url,
    DateTimeOffset At,
    string Link,
    string State,
    int Count,
    long? ResultId,
    bool Flapping);

/// <summary>How a channel shows text: plain (e-mail, webhook, Feishu text) or markdown (DingTalk, WeCom).</summary>
public enum TextFormat
{
    Plain,
    Markdown,
}

/// <summary>
/// The message text of every notice (SECURITY.md, "Templates in notifications"): fixed templates, plain
/// placeholder substitution in one pass (a value that contains "{summary}" stays literal), every value cut
/// to its own length, markdown escaped where the channel renders markdown, the whole message capped.
/// Chinese first, English below.
/// </summary>
public static class NoticeText
{
    /// <summary>The cap on one whole message, in characters.</summary>
    public const int MaxMessage = 4000;

    /// <summary>The cap on a title or e-mail subject.</summary>
    public const int MaxTitle = 200;

    private static readonly string[] ZhLines =
    [
        "网站：{website}",
        "监测：{monitor}",
        "级别：{severity}",
        "类别：{category}",
        "摘要：{summary}",
        "地址：{url}",
        "时间：{at}",
        "详情：{link}",
    ];

    private static readonly string[] EnLines =
    [
        "Website: {website}",
        "Monitor: {monitor}",
        "Severity: {severity}",
        "Category: {category}",
        "Summary: {summary}",
        "URL: {url}",
        "At: {at}",
        "Details: {link}",
    ];

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The one-line title (e-mail subject, markdown title) in Chinese and English.</summary>
    public static string Title(AlertNotice n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var (zh, en) = n.Kind switch
        {
            NoticeKind.Opened => ("【告警】{severity}｜{website}", "Alert"),
            NoticeKind.Reminder => ("【告警未处理】{severity}｜{website}", "Still open"),
            NoticeKind.Recovered => ("【已恢复】{website}", "Recovered"),
            NoticeKind.Flapping => ("【告警频繁波动】{severity}｜{website}", "Flapping"),
            NoticeKind.Escalated => ("【告警升级】{severity}｜{website}", "Escalated"),
            _ => ("【测试】GovGuard 通知渠道", "Test"),
        };
        var line = Substitute(zh + " / " + en, Values(n), TextFormat.Plain);
        return AlertLimits.Cut(line, MaxTitle);
    }

    /// <summary>The whole message: title, the Chinese lines, then the English ones, capped at <see cref="MaxMessage"/>.</summary>
    public static string Body(AlertNotice n, TextFormat format)
    {
        ArgumentNullException.ThrowIfNull(n);
        var values = Values(n);
        var separator = format == TextFormat.Markdown ? "\n\n" : "\n";
        var sb = new StringBuilder();
        var title = Title(n);
        sb.Append(format == TextFormat.Markdown ? "#### " + Escape(title, format) : title).Append(separator);
        sb.Append(Lead(n.Kind, zh: true)).Append(separator);
        foreach (var line in ZhLines)
        {
            sb.Append(Substitute(line, values, format)).Append(separator);
        }

        sb.Append(format == TextFormat.Markdown ? "---" : "----").Append(separator);
        sb.Append(Lead(n.Kind, zh: false)).Append(separator);
        foreach (var line in EnLines)
        {
            sb.Append(Substitute(line, values, format)).Append(separator);
        }

        var text = sb.ToString().TrimEnd();
        return AlertLimits.Cut(text, MaxMessage);
    }

    /// <summary>The placeholders and their values, each cut and flattened to one line.</summary>
    public static IReadOnlyDictionary<string, string> Values(AlertNotice n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["website"] = Flat(n.Website, 100),
            ["monitor"] = Flat(n.Monitor, 60),
            ["severity"] = SeverityName(n.Severity),
            ["category"] = Flat(n.Category, 60),
            ["summary"] = Flat(n.SummaryZh == n.SummaryEn ? n.SummaryZh : n.SummaryZh + " / " + n.SummaryEn, 500),
            ["url"] = Flat(n.Url ?? "—", 300),
            ["at"] = n.At.ToOffset(China).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (UTC+8)",
            ["link"] = Flat(n.Link, 300),
        };
    }

    /// <summary>
    /// Replaces each {name} of <paramref name="template"/> with its value, in one left-to-right pass: values are
    /// never scanned again, so a value holding "{summary}" stays literal. Unknown names stay as written.
    /// </summary>
    public static string Substitute(string template, IReadOnlyDictionary<string, string> values, TextFormat format)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var sb = new StringBuilder(template.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            sb.Append(template, i, open - i);
            var name = template.Substring(open + 1, close - open - 1);
            if (values.TryGetValue(name, out var value))
            {
                sb.Append(Escape(value, format));
            }
            else
            {
                sb.Append(template, open, close - open + 1);
            }

            i = close + 1;
        }

        return sb.ToString();
    }

    /// <summary>
    /// Markdown: every character that could start emphasis, a link, an image, code, a table or HTML is escaped
    /// (backslash, or an entity for &lt; &gt; &amp;), so text stays literal. Plain: as is.
    /// </summary>
    public static string Escape(string value, TextFormat format)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (format == TextFormat.Plain)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '|' or '~' or '#':
                    sb.Append('\\').Append(c);
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    public static string SeverityName(Severity s) => s switch
    {
        Severity.Critical => "严重 critical",
        Severity.High => "高 high",
        Severity.Medium => "中 medium",
        Severity.Low => "低 low",
        _ => "提示 info",
    };

    private static string Lead(NoticeKind kind, bool zh) => kind switch
    {
        NoticeKind.Opened => zh ? "发现新的告警。" : "A new alert opened.",
        NoticeKind.Reminder => zh ? "告警仍未处理（尚未确认）。" : "The alert is still open and not acknowledged.",
        NoticeKind.Recovered => zh ? "告警已恢复。" : "The alert has recovered.",
        NoticeKind.Flapping => zh ? "告警在短时间内反复出现和恢复，本时段内不再逐次通知。" : "The alert keeps opening and recovering; no more notices for it in this window.",
        NoticeKind.Escalated => zh ? "告警超时未确认，按值班升级规则通知您。" : "The alert was not acknowledged in time and is escalated to you.",
        _ => zh ? "这是一条测试消息，说明此通知渠道可用。" : "This is a test message: the channel works.",
    };

    /// <summary>One line, no control characters, at most <paramref name="max"/> characters.</summary>
    private static string Flat(string? s, int max)
    {
        if (string.IsNullOrEmpty(s))
        {
            return "—";
        }

        var sb = new StringBuilder(Math.Min(s.Length, max + 1));
        foreach (var c in s)
        {
            sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
            if (sb.Length > max)
            {
                break;
            }
        }

        return AlertLimits.Cut(sb.ToString(), max);
    }
}
