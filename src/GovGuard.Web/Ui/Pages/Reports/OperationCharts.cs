using System.Globalization;
using System.Net;
using System.Text;
using GovGuard.Platform.Reports.Operations;

namespace GovGuard.Web.Ui.Pages.Reports;

/// <summary>
/// The operation report's charts as inline SVG drawn on the server: no script, no style attribute (the pages' CSP
/// forbids both), only presentation attributes, so they show on screen, in print and in the PDF alike. Only numbers,
/// dates and fixed labels go in; every text is escaped all the same.
/// </summary>
public static class OperationCharts
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 52;
    private const int Right = 12;
    private const int Top = 14;
    private const int Bottom = 30;
    private const string Up = "#2e7d4f";
    private const string Below = "#c0392b";
    private const string Axis = "#8a96a3";
    private const string Target = "#b7791f";

    /// <summary>One bar per day: green at or above the target, red below; days with nothing measured left empty.</summary>
    public static string DailyAvailability(IReadOnlyList<DailyAvailability> days, double? target, string title)
    {
        ArgumentNullException.ThrowIfNull(days);
        var measured = days.Where(d => d.Percent is not null).Select(d => d.Percent!.Value).ToList();
        // Availability lives near 100 %: the axis starts at a round value below the lowest day and the target.
        var lowest = Math.Min(measured.DefaultIfEmpty(100).Min(), target ?? 100);
        var floor = new[] { 99.9, 99.5, 99, 98, 95, 90, 80, 50, 0 }.First(f => f <= lowest - 0.05 || f == 0);
        var svg = Open(title, "chart-availability");
        double Y(double v) => Top + ((100 - v) / (100 - floor) * (Height - Top - Bottom));
        Grid(svg, [floor, (floor + 100) / 2, 100], Y, v => F(v, v >= 99 ? "0.0#" : "0") + "%");
        var plot = Width - Left - Right;
        var step = days.Count == 0 ? plot : plot / (double)days.Count;
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            var x = Left + (i * step) + (step * 0.15);
            if (d.Percent is { } p)
            {
                var y = Y(Math.Max(p, floor));
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" data-day=\"{d.Day:yyyy-MM-dd}\" data-percent=\"{F(p, "0.000")}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(step * 0.7)}\" height=\"{F(Height - Bottom - y)}\" fill=\"{(target is { } t && p < t ? Below : Up)}\">")
                    .Append("<title>").Append(Esc($"{d.Day:yyyy-MM-dd} {OperationReportText.Percent(p)}")).Append("</title></rect>");
            }

            if (i % Math.Max(1, (int)Math.Ceiling(days.Count / 10.0)) == 0)
            {
                Label(svg, x + (step * 0.35), Height - Bottom + 14, d.Day.ToString("MM-dd", CultureInfo.InvariantCulture), "middle");
            }
        }

        if (target is { } goal)
        {
            TargetLine(svg, Y(goal), "SLA " + OperationReportText.Percent(goal));
        }

        return Close(svg);
    }

    /// <summary>The daily mean and SLA-percentile response time as lines, with the target as a dashed line.</summary>
    public static string DailyLatency(IReadOnlyList<DailyResponseTime> days, int? targetMs, int percentile, string title, string meanLabel)
    {
        ArgumentNullException.ThrowIfNull(days);
        var values = days.SelectMany(d => new[] { d.MeanMs, (double?)d.SlaPercentileMs }).Where(v => v is not null).Select(v => v!.Value).ToList();
        var top = Math.Max(values.DefaultIfEmpty(100).Max(), targetMs ?? 0) * 1.15;
        top = Math.Max(10, Math.Ceiling(top / 50) * 50);
        var svg = Open(title, "chart-latency");
        double Y(double v) => Top + ((top - v) / top * (Height - Top - Bottom));
        Grid(svg, [0, top / 2, top], Y, v => F(v, "0") + " ms");
        var plot = Width - Left - Right;
        var step = days.Count <= 1 ? plot : plot / (double)(days.Count - 1);
        double X(int i) => Left + (days.Count <= 1 ? plot / 2.0 : i * step);
        Line(svg, days.Select((d, i) => (X(i), d.MeanMs)).ToList(), Y, Up, "mean");
        Line(svg, days.Select((d, i) => (X(i), (double?)d.SlaPercentileMs)).ToList(), Y, "#1f5f99", "percentile");
        for (var i = 0; i < days.Count; i += Math.Max(1, (int)Math.Ceiling(days.Count / 10.0)))
        {
            Label(svg, X(i), Height - Bottom + 14, days[i].Day.ToString("MM-dd", CultureInfo.InvariantCulture), "middle");
        }

        if (targetMs is { } t)
        {
            TargetLine(svg, Y(t), $"SLA P{percentile} ≤ {t} ms");
        }

        Label(svg, Left + 4, Top + 10, meanLabel, "start", Up);
        Label(svg, Left + 4, Top + 24, "P" + percentile.ToString(CultureInfo.InvariantCulture), "start", "#1f5f99");
        return Close(svg);
    }

    private static StringBuilder Open(string title, string id) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{id}\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"{Esc(title)}\" font-size=\"11\" font-family=\"sans-serif\">")
        .Append("<title>").Append(Esc(title)).Append("</title>");

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Grid(StringBuilder svg, double[] values, Func<double, double> y, Func<double, string> label)
    {
        foreach (var v in values)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y(v))}\" y2=\"{F(y(v))}\" stroke=\"#dde3ea\" stroke-width=\"1\"/>");
            Label(svg, Left - 4, y(v) + 4, label(v), "end");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"{Axis}\" stroke-width=\"1\"/>");
    }

    private static void TargetLine(StringBuilder svg, double y, string label)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"target\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"{Target}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
        Label(svg, Width - Right - 2, y - 4, label, "end", Target);
    }

    private static void Line(StringBuilder svg, List<(double X, double? V)> points, Func<double, double> y, string colour, string name)
    {
        // A day without samples breaks the line rather than drawing through it.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{name}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', run)}\"/>");
            }
            else if (run.Count == 1)
            {
                var xy = run[0].Split(',');
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"{name}\" cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"2.5\" fill=\"{colour}\"/>");
            }

            run.Clear();
        }

        foreach (var (x, v) in points)
        {
            if (v is null)
            {
                Flush();
                continue;
            }

            run.Add($"{F(x)},{F(y(v.Value))}");
        }

        Flush();
    }

    private static void Label(StringBuilder svg, double x, double y, string text, string anchor, string colour = "#52606d") =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" fill=\"{colour}\">{Esc(text)}</text>");

    private static string F(double v, string format = "0.#") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
