namespace GovGuard.Platform.Common;

/// <summary>CSV that spreadsheets open safely: every cell quoted, formulas defused.</summary>
public static class Csv
{
    /// <summary>
    /// One quoted cell; a value starting with = + - @ (or a tab or carriage return) gets a leading apostrophe so a
    /// spreadsheet shows it as text instead of running it (CSV injection).
    /// </summary>
    public static string Cell(string? value)
    {
        var v = value ?? string.Empty;
        v = v.Length > 0 && "=+-@\t\r".Contains(v[0], StringComparison.Ordinal) ? "'" + v : v;
        return "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>One line of quoted cells, without the line break.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));
}
