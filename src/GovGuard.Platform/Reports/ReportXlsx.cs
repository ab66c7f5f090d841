using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GovGuard.Platform.Reports;

/// <summary>
/// The report as an Excel workbook, one sheet per table: header row in bold, frozen and filterable. Every text is an
/// inline string, never a formula, so nothing a user typed can run in the spreadsheet.
/// </summary>
public static class ReportXlsx
{
    private const int MaxCellText = 32767;
    private const uint HeaderStyle = 1;
    private const uint TextStyle = 2;

    public static byte[] Write(ComplianceReport report, CultureInfo culture) => Write(ReportTables.All(report, culture));

    /// <summary>Any report's tables as a workbook; sheet names must already be valid and unique.</summary>
    public static byte[] Write(IReadOnlyList<ReportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var book = doc.AddWorkbookPart();
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new Sheets();
            var filters = new DefinedNames();
            for (var i = 0; i < tables.Count; i++)
            {
                var table = tables[i];
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = Sheet(table);
                sheets.Append(new Sheet { Id = book.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = table.Name });
                filters.Append(new DefinedName($"'{table.Name}'!$A$1:${Column(table.Header.Count - 1)}${table.Rows.Count + 1}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = (uint)i,
                    Hidden = true,
                });
            }

            book.Workbook.Append(sheets, filters);
        }

        return stream.ToArray();
    }

    private static Worksheet Sheet(ReportTable table)
    {
        var data = new SheetData();
        data.Append(Row(1, table.Header.Cast<object?>().ToList(), HeaderStyle));
        for (var r = 0; r < table.Rows.Count; r++)
        {
            data.Append(Row((uint)(r + 2), table.Rows[r], TextStyle));
        }

        var columns = new Columns();
        for (var c = 0; c < table.Header.Count; c++)
        {
            var widest = table.Rows.Select(r => c < r.Count ? Width(r[c]) : 0).DefaultIfEmpty(0).Max();
            columns.Append(new Column
            {
                Min = (uint)(c + 1),
                Max = (uint)(c + 1),
                Width = Math.Clamp(Math.Max(widest, Width(table.Header[c])) + 2, 6, 60),
                CustomWidth = true,
            });
        }

        var lastCell = $"{Column(table.Header.Count - 1)}{table.Rows.Count + 1}";
        return new Worksheet(
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0 }),
            columns,
            data,
            new AutoFilter { Reference = $"A1:{lastCell}" });
    }

    private static Row Row(uint index, IReadOnlyList<object?> cells, uint style)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < cells.Count; c++)
        {
            var reference = Column(c) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(cells[c] switch
            {
                int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n), StyleIndex = style },
                long n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)), StyleIndex = style },
                null => new Cell { CellReference = reference, StyleIndex = style },
                var v => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Clean(Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty)) { Space = SpaceProcessingModeValues.Preserve }),
                    StyleIndex = style,
                },
            });
        }

        return row;
    }

    /// <summary>Default, bold header on grey, and wrapped text aligned to the top.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EDF3" }) { PatternType = PatternValues.Solid })),
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())),
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true }),
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));

    /// <summary>A, B, … Z, AA, …</summary>
    private static string Column(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Roughly how many character widths a value takes (a CJK character takes two).</summary>
    private static double Width(object? value)
    {
        var s = value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        var longestLine = s.Split('\n').Max(l => l.Sum(ch => ch > 0x2E80 ? 2 : 1));
        return longestLine;
    }

    /// <summary>Only characters XML 1.0 allows, and no more than a cell holds.</summary>
    private static string Clean(string s)
    {
        var b = new StringBuilder(Math.Min(s.Length, MaxCellText));
        for (var i = 0; i < s.Length && b.Length < MaxCellText; i++)
        {
            var ch = s[i];
            if (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                if (b.Length + 2 > MaxCellText)
                {
                    break;
                }

                b.Append(ch).Append(s[++i]);
            }
            else if (ch is '\t' or '\n' or '\r' || (ch >= 0x20 && !char.IsSurrogate(ch) && ch is not '\uFFFE' and not '\uFFFF'))
            {
                b.Append(ch);
            }
        }

        return b.ToString();
    }
}
