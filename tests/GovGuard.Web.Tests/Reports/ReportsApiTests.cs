using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovGuard.Platform.Audit;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GovGuard.Web.Tests.Reports;

public sealed class ReportsApiTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_assessor_reads_the_report_and_an_unengaged_organisation_finds_nothing()
    {
        await using var host = await TestHost.StartAsync();
        var w = await ReportWorld.CreateAsync(host);
        var first = await w.UploadAsync("6.2.3.c", "v1.pdf", ReportWorld.Pdf("v1"));
        await w.ReviewAsync(first.Id, "rejected", "缺少拓扑图");
        var bytes = ReportWorld.Pdf("v2");
        var second = await w.UploadAsync("6.2.3.c", "v2.pdf", bytes);
        await w.ReviewAsync(second.Id, "accepted", null);

        using var response = await host.Client(w.Assessor.Token).GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Json();
        var duty = report.GetProperty("phases").EnumerateArray().SelectMany(p => p.GetProperty("roles").EnumerateArray())
            .SelectMany(r => r.GetProperty("duties").EnumerateArray()).Single(d => d.GetProperty("dutyId").GetString() == "6.2.3.c");
        Assert.Equal("accepted", duty.GetProperty("verdict").GetString());
        var evidence = duty.GetProperty("evidence");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), evidence[0].GetProperty("sha256").GetString());
        Assert.Equal("rejected", evidence[1].GetProperty("verdict").GetString());
        Assert.Equal("缺少拓扑图", evidence[1].GetProperty("reviews")[0].GetProperty("note").GetString());
        Assert.False(report.TryGetProperty("duties", out _));

        var outsider = host.Client(w.Outsider.Token);
        foreach (var form in new[] { "", ".csv", ".xlsx", ".pdf" })
        {
            using var r = await outsider.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance{form}");
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        }

        await using var db = host.Db.Context();
        Assert.Equal(0, await db.AuditRecords.CountAsync(a => a.Kind == AuditKinds.ReportExported));
    }

    [Fact]
    public async Task Csv_and_excel_are_attachments_in_the_language_asked_for_and_every_export_is_audited()
    {
        await using var host = await TestHost.StartAsync();
        var w = await ReportWorld.CreateAsync(host);
        var api = host.Client(w.Assessor.Token);

        using var csv = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance.csv?lang=en");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith("-compliance-report-" + TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + ".csv",
            csv.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        Assert.StartsWith(ReportWorld.SiteName, csv.Content.Headers.ContentDisposition.FileNameStar, StringComparison.Ordinal);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("\"Phase\",\"Responsible role\",\"Duty\"", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);

        // Chinese by default (the API follows Accept-Language, which the test client sets to zh-CN).
        using var xlsx = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Contains("合规报告", xlsx.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.Equal("概览", doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().First().Name!.Value);
        }

        using var bad = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance.xlsx?phase=closing");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        await using var db = host.Db.Context();
        var exported = await db.AuditRecords.Where(a => a.Kind == AuditKinds.ReportExported).OrderBy(a => a.Seq).ToListAsync();
        Assert.Equal(2, exported.Count);
        Assert.All(exported, a => Assert.Equal((w.Assessor.Id, w.Site.Id), (a.ActorUserId!.Value, a.WebsiteId!.Value)));
        Assert.Contains("(csv)", exported[0].Summary, StringComparison.Ordinal);
        Assert.Contains("(xlsx)", exported[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_is_printed_by_headless_chromium_with_the_chinese_text_in_it()
    {
        if (!File.Exists(Chromium))
        {
            output.WriteLine($"SKIPPED: no Chromium at {Chromium}; ./test.sh installs it.");
            return;
        }

        await using var host = await TestHost.StartAsync();
        var w = await ReportWorld.CreateAsync(host);
        var bytes = ReportWorld.Pdf("v2");
        var item = await w.UploadAsync("6.2.3.c", "v2.pdf", bytes);
        await w.ReviewAsync(item.Id, "accepted", null);
        var clock = Stopwatch.StartNew();
        using var response = await host.Client(w.Assessor.Token).GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance.pdf?phase=migration");
        output.WriteLine($"printed in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        Assert.True(pdf.Length > 20_000, $"a PDF of {pdf.Length} bytes is too small to hold the report");
        output.WriteLine($"PDF: {pdf.Length} bytes");

        var folder = Path.Combine(Path.GetTempPath(), "govguard-report-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "report.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var text = Run("pdftotext", "-layout", file, "-");
        if (text is null)
        {
            output.WriteLine("SKIPPED sub-check: pdftotext (poppler-utils) is not installed, so the PDF's text was not read back.");
        }
        else
        {
            // The fonts are embedded and the text is real text: Chinese comes back out, not boxes.
            Assert.Contains("政府网站云计算服务安全合规报告", text, StringComparison.Ordinal);
            Assert.Contains(ReportWorld.SiteName, text, StringComparison.Ordinal);
            Assert.Contains("部署迁移", text, StringComparison.Ordinal);
            Assert.Contains("6.2.3.c", text, StringComparison.Ordinal);
            Assert.Contains(item.Sha256[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain("file://", text, StringComparison.Ordinal);
            var fonts = Run("pdffonts", file);
            output.WriteLine(fonts ?? "(pdffonts missing)");
            if (Run("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", file, Path.Combine(folder, "page")) is not null)
            {
                output.WriteLine("first page: " + Directory.GetFiles(folder, "page*.png").Single());
            }
        }

        await using var db = host.Db.Context();
        var record = await db.AuditRecords.SingleAsync(a => a.Kind == AuditKinds.ReportExported);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(pdf)), record.Changes, StringComparison.Ordinal);
        // The print's private folder (HTML, browser profile, PDF) is gone.
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "govguard-pdf-*"),
            d => File.Exists(Path.Combine(d, "report.html")) && File.ReadAllText(Path.Combine(d, "report.html")).Contains(w.Site.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_chromium_the_pdf_answers_501_with_a_clear_problem_and_the_other_forms_still_work()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["GovGuard:Reports:ChromiumPath"] = "/nonexistent/chromium" });
        var w = await ReportWorld.CreateAsync(host);
        var api = host.Client(w.Assessor.Token);
        using var pdf = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance.pdf");
        Assert.Equal(HttpStatusCode.NotImplemented, pdf.StatusCode);
        Assert.Equal("application/problem+json", pdf.Content.Headers.ContentType!.MediaType);
        var problem = await pdf.Json();
        Assert.Equal(501, problem.GetProperty("status").GetInt32());
        Assert.EndsWith("/pdf_unavailable", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("未安装 Chromium", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("GovGuard:Reports:ChromiumPath", problem.GetProperty("title").GetString(), StringComparison.Ordinal);

        using var english = await host.Client(w.Assessor.Token, "en").GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance.pdf");
        Assert.StartsWith("PDF needs headless Chromium", (await english.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);

        using var csv = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/compliance.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        await using var db = host.Db.Context();
        Assert.Equal(1, await db.AuditRecords.CountAsync(a => a.Kind == AuditKinds.ReportExported));
    }

    /// <summary>Runs a tool and returns its output, or null when the tool is not installed.</summary>
    internal static string? Run(string tool, params string[] args)
    {
        var path = new[] { "/usr/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return null;
        }

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var text = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), tool + " did not finish");
        return text;
    }
}
