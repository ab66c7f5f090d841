using System.Globalization;
using GovGuard.Platform.Common;
using GovGuard.Platform.Reports;
using GovGuard.Platform.Reports.Operations;
using GovGuard.Web.Auth;
using GovGuard.Web.Ui.Pages.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// /api/v1/websites/{id}/reports/operation: the periodic security operation report (7.2.2 f, 7.2.3 b) for a month
/// (<c>month=2026-11</c>, the last complete month by default) or any period (<c>from</c>, <c>to</c> not included), or a
/// stored one (<c>record=</c>); as JSON, Excel and PDF (every export audited); and the stored reports.
/// </summary>
public static class OperationReportsApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapOperationReportsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/reports").WithTags("reports");
        g.MapGet("/operation", Get).WithSummary("安全运行报告（month=YYYY-MM，或 from/to；record= 取存档） / the operation report for a month, a period, or a stored one");
        g.MapGet("/operation.xlsx", Excel).WithSummary("导出安全运行报告为 Excel（lang=zh-CN|en） / export the operation report as Excel");
        g.MapGet("/operation.pdf", Pdf).WithSummary("导出安全运行报告为 PDF（需 Chromium，否则 501） / export the operation report as PDF (501 without Chromium)");
        g.MapGet("/operation/records", List).WithSummary("已存档的安全运行报告和服务报告 / the stored operation and service reports");
        g.MapPost("/operation/records", Store).WithSummary("生成并存档安全运行报告（所属单位、云服务商、代理商） / generate and store an operation report (owner, provider, agents)");
        g.MapGet("/operation/records/{recordId:guid}", Stored).WithSummary("一份存档的报告（存档时的内容与哈希） / one stored report, as stored, with its hashes");
        return api;
    }

    private static async Task<Results<Ok<OperationReport>, ProblemHttpResult>> Get(
        HttpContext http, OperationReportService reports, Guid websiteId, string? month, string? from, string? to, string? record, CancellationToken ct)
    {
        var r = await LoadAsync(http, reports, websiteId, month, from, to, record, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Excel(
        HttpContext http, OperationReportService reports, Guid websiteId, string? month, string? from, string? to, string? record, string? lang, CancellationToken ct) =>
        ExportAsync(http, reports, websiteId, month, from, to, record, lang, "xlsx", Xlsx,
            (report, culture) => Task.FromResult<ReportsApi.Written>(ReportXlsx.Write(OperationReportTables.All(report, culture))), ct);

    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(
        HttpContext http, OperationReportService reports, PdfPrinter printer, Guid websiteId, string? month, string? from, string? to, string? record, string? lang, CancellationToken ct) =>
        ExportAsync(http, reports, websiteId, month, from, to, record, lang, "pdf", "application/pdf",
            (report, culture) => ReportsApi.PrintAsync(printer, () => OperationReportDocument.RenderAsync(http.RequestServices, report, culture), ct), ct);

    private static async Task<Results<Ok<IReadOnlyList<StoredReportView>>, ProblemHttpResult>> List(HttpContext http, OperationReportService reports, Guid websiteId, CancellationToken ct)
    {
        var r = await reports.ListAsync(http.Caller(), websiteId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Created<StoredReportView>, ProblemHttpResult>> Store(HttpContext http, OperationReportService reports, Guid websiteId, PeriodInput input, CancellationToken ct)
    {
        var r = await reports.StoreAsync(http.Caller(), websiteId, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/reports/operation/records/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<OperationReport>, ProblemHttpResult>> Stored(HttpContext http, OperationReportService reports, Guid websiteId, Guid recordId, CancellationToken ct)
    {
        var r = await reports.GetStoredAsync(http.Caller(), websiteId, recordId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    /// <summary>A stored report when <paramref name="record"/> is given, else the report of the period asked for.</summary>
    internal static async Task<Outcome<OperationReport>> LoadAsync(
        HttpContext http, OperationReportService reports, Guid websiteId, string? month, string? from, string? to, string? record, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(record))
        {
            return await reports.BuildAsync(http.Caller(), websiteId, new PeriodInput(month, from, to), ct);
        }

        if (!Guid.TryParse(record, out var id))
        {
            return Error.Invalid([new FieldError("record", "format", new Text("存档编号（record）格式不正确：应为 GUID。", "The stored report (record) must be a GUID."))]);
        }

        return await reports.GetStoredAsync(http.Caller(), websiteId, id, ct);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        HttpContext http, OperationReportService reports, Guid websiteId, string? month, string? from, string? to, string? record, string? lang, string format, string contentType,
        Func<OperationReport, CultureInfo, Task<ReportsApi.Written>> write, CancellationToken ct)
    {
        var r = await LoadAsync(http, reports, websiteId, month, from, to, record, ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        var culture = ReportsApi.Language(lang);
        var written = await write(r.Value!, culture);
        if (written.Problem is { } problem)
        {
            return problem;
        }

        await reports.RecordExportAsync(http.Caller(), r.Value!, format, written.Bytes!, ct);
        var period = ReportPeriods.Label(r.Value!.Period, r.Value.Month).Replace(" – ", "_", StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal).Replace(' ', '-');
        return TypedResults.File(written.Bytes!, contentType,
            ReportsApi.FileName(r.Value.Website.Name, new Text("安全运行报告", "operation-report").In(culture), period, format));
    }
}
