using System.Globalization;
using System.Text;
using GovGuard.Platform.Common;
using GovGuard.Platform.Reports;
using GovGuard.Web.Auth;
using GovGuard.Web.Hosting;
using GovGuard.Web.Ui.Pages.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/websites/{id}/reports: the compliance report as JSON, and exported as CSV, Excel and PDF (every export audited).</summary>
public static class ReportsApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/reports").WithTags("reports");
        g.MapGet("/compliance", Get).WithSummary("合规报告（按阶段与角色：状态、证据、评审、差距、签署） / the compliance report by phase and role");
        g.MapGet("/compliance.csv", Csv).WithSummary("导出合规报告明细为 CSV（UTF-8 BOM；lang=zh-CN|en） / export the report's detail table as CSV");
        g.MapGet("/compliance.xlsx", Excel).WithSummary("导出合规报告为 Excel（lang=zh-CN|en） / export the report as an Excel workbook");
        g.MapGet("/compliance.pdf", Pdf).WithSummary("导出合规报告为 PDF（需服务器安装 Chromium，否则 501） / export the report as PDF (501 without Chromium)");
        return api;
    }

    private static async Task<Results<Ok<ComplianceReport>, ProblemHttpResult>> Get(HttpContext http, ComplianceReportService reports, Guid websiteId, string? phase, CancellationToken ct)
    {
        var r = await reports.BuildAsync(http.Caller(), websiteId, phase, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(HttpContext http, ComplianceReportService reports, Guid websiteId, string? phase, string? lang, CancellationToken ct) =>
        ExportAsync(http, reports, websiteId, phase, lang, "csv", "text/csv; charset=utf-8", (report, culture) => Task.FromResult<Written>(ReportCsv.Write(report, culture)), ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Excel(HttpContext http, ComplianceReportService reports, Guid websiteId, string? phase, string? lang, CancellationToken ct) =>
        ExportAsync(http, reports, websiteId, phase, lang, "xlsx", Xlsx, (report, culture) => Task.FromResult<Written>(ReportXlsx.Write(report, culture)), ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(HttpContext http, ComplianceReportService reports, PdfPrinter printer, Guid websiteId, string? phase, string? lang, CancellationToken ct) =>
        ExportAsync(http, reports, websiteId, phase, lang, "pdf", "application/pdf",
            (report, culture) => PrintAsync(printer, () => ReportDocument.RenderAsync(http.RequestServices, report, culture), ct), ct);

    /// <summary>Prints a standalone report file to PDF, or says why it cannot: 501 without Chromium, 500 when the print failed.</summary>
    internal static async Task<Written> PrintAsync(PdfPrinter printer, Func<Task<string>> html, CancellationToken ct)
    {
        if (!printer.IsAvailable)
        {
            // A 5xx carries no detail (the host strips it): the title says what to do.
            return Problem(StatusCodes.Status501NotImplemented, "pdf_unavailable", new Text(
                "此服务器未安装 Chromium（配置项 GovGuard:Reports:ChromiumPath），无法生成 PDF；可导出 Excel 或 CSV，或在浏览器中打印报告页面。",
                "PDF needs headless Chromium, which this server does not have (setting GovGuard:Reports:ChromiumPath); export Excel or CSV, or print the report page from the browser."));
        }

        var printed = await printer.PrintAsync(await html(), ct);
        return printed.Pdf is { } pdf ? pdf : Problem(StatusCodes.Status500InternalServerError, "pdf_failed",
            new Text("PDF 生成失败，请稍后重试，或导出 Excel。", "The PDF could not be produced; try again later, or export Excel."));
    }

    /// <summary>Builds the report (visibility first), writes it in the asked language, records the export, sends it as a download.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        HttpContext http, ComplianceReportService reports, Guid websiteId, string? phase, string? lang, string format, string contentType,
        Func<ComplianceReport, CultureInfo, Task<Written>> write, CancellationToken ct)
    {
        var caller = http.Caller();
        var r = await reports.BuildAsync(caller, websiteId, phase, ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        var culture = Language(lang);
        var written = await write(r.Value!, culture);
        if (written.Problem is { } problem)
        {
            return problem;
        }

        await reports.RecordExportAsync(caller, r.Value!, format, written.Bytes!, ct);
        return TypedResults.File(written.Bytes!, contentType, FileName(r.Value!, culture, format));
    }

    /// <summary><c>lang=en</c> or <c>lang=zh-CN</c>; otherwise the request's language (Accept-Language, Chinese by default).</summary>
    internal static CultureInfo Language(string? lang) =>
        lang is { Length: > 0 } ? (lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? Culture.English : Culture.Chinese)
        : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? Culture.English : Culture.Chinese;

    /// <summary>"省政府门户网站-合规报告-20261202.xlsx": the website's name with anything a file system dislikes replaced.</summary>
    private static string FileName(ComplianceReport report, CultureInfo culture, string extension) =>
        FileName(report.Website.Name, new Text("合规报告", "compliance-report").In(culture), report.GeneratedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture), extension);

    /// <summary>"{website}-{what}-{when}.{extension}", with anything a file system dislikes in the website's name replaced.</summary>
    internal static string FileName(string website, string what, string when, string extension)
    {
        var name = new StringBuilder();
        foreach (var ch in website)
        {
            name.Append(char.IsControl(ch) || Path.GetInvalidFileNameChars().Contains(ch) || ch is '"' or '\\' or '/' or ':' or '*' or '?' or '<' or '>' or '|' ? '_' : ch);
        }

        return $"{name}-{what}-{when}.{extension}";
    }

    internal static ProblemHttpResult Problem(int status, string type, Text title) => TypedResults.Problem(new ProblemDetails
    {
        Status = status,
        Type = "https://govguard.local/problems/" + type,
        Title = title.In(CultureInfo.CurrentUICulture),
    });

    /// <summary>What an export wrote: the file, or the problem that stopped it.</summary>
    internal readonly record struct Written(byte[]? Bytes, ProblemHttpResult? Problem)
    {
        public static implicit operator Written(byte[] bytes) => new(bytes, null);

        public static implicit operator Written(ProblemHttpResult problem) => new(null, problem);
    }
}
