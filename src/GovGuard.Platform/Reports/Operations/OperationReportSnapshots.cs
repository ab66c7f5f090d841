using System.Globalization;
using System.Text.Json;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>Section cells read back from a stored snapshot arrive as JSON values: this turns them back into text, numbers and bilingual text.</summary>
public static class OperationReportSnapshots
{
    public static OperationReport Normalise(OperationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report with
        {
            Sections = [.. report.Sections.Select(s => s with
            {
                Tables = [.. s.Tables.Select(t => t with { Rows = [.. t.Rows.Select(r => (IReadOnlyList<object?>)[.. r.Select(Cell)])] })],
            })],
        };
    }

    /// <summary>A cell as the report shows it in <paramref name="culture"/>: text, a number, a bilingual text, a time.</summary>
    public static object? Show(object? cell, CultureInfo culture) => cell switch
    {
        null => null,
        Text t => t.In(culture),
        DateTimeOffset at => ReportText.Local(at),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? new Text("是", "Yes").In(culture) : new Text("否", "No").In(culture),
        int or long => cell,
        double or decimal or float => Convert.ToString(cell, CultureInfo.InvariantCulture),
        JsonElement e => Show(Cell(e), culture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture),
    };

    private static object? Cell(object? cell) => cell is JsonElement e ? Cell(e) : cell;

    private static object? Cell(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var n) ? (object)n : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object when e.TryGetProperty("zh", out var zh) && e.TryGetProperty("en", out var en) => new Text(zh.GetString() ?? string.Empty, en.GetString() ?? string.Empty),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };
}
