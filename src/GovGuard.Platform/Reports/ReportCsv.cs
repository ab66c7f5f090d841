using System.Globalization;
using System.Text;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Reports;

/// <summary>The report's detail table as CSV that Excel opens as it is: UTF-8 with a BOM, every cell quoted, formulas defused, CRLF.</summary>
public static class ReportCsv
{
    public static byte[] Write(ComplianceReport report, CultureInfo culture)
    {
        var table = ReportTables.Details(report, culture);
        var text = new StringBuilder();
        text.Append(Csv.Line(table.Header)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.Append(Csv.Line(row.Select(c => c switch
            {
                null => null,
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => c.ToString(),
            }))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
