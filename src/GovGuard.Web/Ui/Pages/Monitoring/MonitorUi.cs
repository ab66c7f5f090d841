using System.Globalization;
using System.Text;
using System.Text.Json;
using GovGuard.Platform.Common;
using GovGuard.Platform.Monitoring;

namespace GovGuard.Web.Ui.Pages.Monitoring;

/// <summary>Names, colours and the server-side sparkline of the monitoring pages (SVG presentation attributes: no inline styles, no scripts).</summary>
public static class MonitorUi
{
    public static string Colour(string? health) => health switch
    {
        "up" => "#2f855a",
        "down" => "#c53030",
        "incomplete" => "#b7791f",
        "none" => "#a0aec0",
        _ => "#718096",
    };

    public static string Health(string? health) => health switch
    {
        "up" => Lang.Tr("正常", "Up"),
        "down" => Lang.Tr("故障", "Down"),
        "incomplete" => Lang.Tr("未完成", "Incomplete"),
        "none" => Lang.Tr("无监测", "No monitors"),
        _ => Lang.Tr("未检查", "Not checked"),
    };

    public static string Kind(string kind) => kind switch
    {
        "availability" => Lang.Tr("可用性", "Availability"),
        "tls" => Lang.Tr("证书", "TLS"),
        "dns" => Lang.Tr("域名解析", "DNS"),
        "content" => Lang.Tr("内容安全", "Content"),
        "exposure" => Lang.Tr("暴露面", "Exposure"),
        "tamper" => Lang.Tr("篡改", "Tamper"),
        "agent" => Lang.Tr("代理", "Agent"),
        "resource" => Lang.Tr("资源", "Resources"),
        _ => kind,
    };

    public static string Percent(double? p) => p is null ? "—" : p.Value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Ms(int? ms) => ms is null ? "—" : ms.Value.ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>The polyline points of a latency sparkline, oldest first, in a <paramref name="width"/> × <paramref name="height"/> box.</summary>
    public static string Sparkline(IReadOnlyList<CheckResultView> newestFirst, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var points = newestFirst.Reverse().Where(r => r.LatencyMs is not null).Select(r => r.LatencyMs!.Value).ToList();
        if (points.Count < 2)
        {
            return string.Empty;
        }

        var max = Math.Max(1, points.Max());
        var sb = new StringBuilder();
        for (var i = 0; i < points.Count; i++)
        {
            var x = i * (width - 2.0) / (points.Count - 1) + 1;
            var y = height - 1 - (points[i] * (height - 2.0) / max);
            sb.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>The x of each failing check on the sparkline, for red marks.</summary>
    public static IEnumerable<double> Failures(IReadOnlyList<CheckResultView> newestFirst, int width)
    {
        var ordered = newestFirst.Reverse().ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Health == "down")
            {
                yield return ordered.Count == 1 ? width / 2.0 : i * (width - 2.0) / (ordered.Count - 1) + 1;
            }
        }
    }

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>The create and edit form of a monitor: text fields, turned into <see cref="MonitorInput"/> (bad JSON is a field error).</summary>
public sealed class MonitorForm
{
    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? Target { get; set; }

    public string? IntervalSeconds { get; set; }

    public string? Enabled { get; set; }

    public string? FailuresBeforeDown { get; set; }

    public string? SuccessesBeforeUp { get; set; }

    public string? TimeoutSeconds { get; set; }

    public string? Settings { get; set; }

    public int? Version { get; set; }

    public static MonitorForm From(MonitorView m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new()
        {
            Kind = m.Kind,
            Name = m.Name,
            Target = m.Target,
            IntervalSeconds = Str(m.IntervalSeconds),
            Enabled = m.Enabled ? "on" : null,
            FailuresBeforeDown = Str(m.FailuresBeforeDown),
            SuccessesBeforeUp = Str(m.SuccessesBeforeUp),
            TimeoutSeconds = Str(m.TimeoutSeconds),
            Settings = m.Settings.GetRawText(),
            Version = m.Version,
        };
    }

    /// <summary>The input, or a field error for settings that are not JSON.</summary>
    public (MonitorInput? Input, Error? Error) ToInput(bool creating)
    {
        JsonElement? settings = null;
        if (!string.IsNullOrWhiteSpace(Settings))
        {
            try
            {
                using var doc = JsonDocument.Parse(Settings);
                settings = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return (null, Error.Invalid([new FieldError("settings", "json", new Text("监测设置（settings）不是有效的 JSON。", "The settings (settings) are not valid JSON."))]));
            }
        }

        return (new MonitorInput(creating ? Kind : null, Name, Target, Int(IntervalSeconds), creating ? true : Enabled == "on", Int(FailuresBeforeDown),
            Int(SuccessesBeforeUp), Int(TimeoutSeconds), settings, Version), null);
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static int? Int(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
