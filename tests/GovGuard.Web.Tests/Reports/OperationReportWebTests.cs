using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Reports.Operations;
using GovGuard.Platform.Tests.Reports;
using GovGuard.Tests.Shared;
using GovGuard.Web.Tests.Infrastructure;
using GovGuard.Web.Ui.Pages.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace GovGuard.Web.Tests.Reports;

public sealed class OperationReportWebTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>
    /// The acceptance test of the monthly report: a month of generated checks, the availability recomputed here from
    /// the raw rows, and the same figure in the API, on the page in headless Chromium, in Excel and in the PDF.
    /// </summary>
    [Theory]
    [Databases]
    public async Task The_monthly_report_shows_the_availability_of_the_raw_checks_in_the_api_the_browser_excel_and_pdf(string kind)
    {
        await using var host = await TestHost.StartAsync(kind);
        var w = await ReportWorld.CreateAsync(host, passwords: true);
        await MonthOfMonitoring.ApproveSlaAsync(host.In, w.Owner.Caller, w.Site.Id);
        MonthOfMonitoring month;
        await using (var db = host.Db.Context())
        {
            month = await MonthOfMonitoring.SeedAsync(db, w.Site.Id);
        }

        var (up, down, percent) = month.Independent();
        var expected = OperationReportText.Percent(percent);
        output.WriteLine($"independent: up {up} s, down {down} s, availability {expected}");

        var api = host.Client(w.Assessor.Token);
        using (var json = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation?month={MonthOfMonitoring.Month}"))
        {
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
            var report = await json.Json();
            var availability = report.GetProperty("availability");
            Assert.Equal(percent, availability.GetProperty("percent").GetDouble(), 9);
            Assert.Equal((up, down), (availability.GetProperty("upSeconds").GetInt64(), availability.GetProperty("downSeconds").GetInt64()));
            Assert.False(report.GetProperty("slaMet").GetBoolean());
            Assert.Contains(report.GetProperty("breaches").EnumerateArray(), b => b.GetProperty("target").GetString() == "rto");
        }

        // The page, in headless Chromium, as the assessor reads it.
        using (var browser = new Browser.Browser())
        {
            browser.Go(new Uri(host.Address, $"/websites/{w.Site.Id}/operation-report?month={MonthOfMonitoring.Month}"));
            browser.Type(By.Name("Form.UserName"), w.Assessor.UserName);
            browser.Type(By.Name("Form.Password"), w.Assessor.Password);
            browser.Wait(By.CssSelector("form button[type=submit]")).Click();
            var figure = browser.Wait(By.Id("op-availability"));
            Assert.Equal(expected, figure.Text);
            Assert.Equal(percent.ToString("0.000", CultureInfo.InvariantCulture), figure.GetDomAttribute("data-percent"));
            Assert.Contains("政府网站安全运行报告", browser.Wait(By.Id("op-title")).Text, StringComparison.Ordinal);
            Assert.Equal("false", browser.Driver.FindElement(By.Id("op-sla-met")).GetDomAttribute("data-met"));
            Assert.Equal(31, browser.Driver.FindElements(By.CssSelector("#chart-availability rect.bar")).Count);
            Assert.Equal(2, browser.Driver.FindElements(By.CssSelector("#op-outages tbody tr")).Count);
            Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#chart-latency polyline.percentile")));
            Assert.NotEmpty(browser.Driver.FindElements(By.CssSelector("#op-breach-table tr[data-target=rto]")));
            // The assessor reads; only the parties who report may store it.
            Assert.Empty(browser.Driver.FindElements(By.Id("op-store")));
            output.WriteLine("screenshot: " + browser.Screenshot("operation-report"));
            ((IJavaScriptExecutor)browser.Driver).ExecuteScript("document.getElementById('chart-availability').scrollIntoView()");
            output.WriteLine("charts: " + browser.Screenshot("operation-report-charts"));
            browser.Wait(By.CssSelector("header.top a.lang")).Click();
            Assert.Equal("Government website security operation report", browser.Wait(By.Id("op-title")).Text);
            Assert.Equal(expected, browser.Wait(By.Id("op-availability")).Text);
        }

        using (var xlsx = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation.xlsx?month={MonthOfMonitoring.Month}"))
        {
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Contains("安全运行报告", xlsx.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
            using var doc = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
            var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
            Assert.Equal("概览", sheets[0]);
            Assert.Contains("每日可用性", sheets);
            var summary = doc.WorkbookPart.WorksheetParts.First().Worksheet.Descendants<InlineString>().Select(s => s.InnerText).ToList();
            Assert.Contains(expected, summary);
        }

        if (!File.Exists(Chromium))
        {
            output.WriteLine($"SKIPPED PDF: no Chromium at {Chromium}; ./test.sh installs it.");
            return;
        }

        using var pdf = await api.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation.pdf?month={MonthOfMonitoring.Month}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        output.WriteLine($"PDF: {bytes.Length} bytes");
        var file = Path.Combine(Directory.CreateTempSubdirectory("govguard-op-report-").FullName, "report.pdf");
        await File.WriteAllBytesAsync(file, bytes);
        if (ReportsApiTests.Run("pdftotext", "-layout", file, "-") is { } text)
        {
            Assert.Contains("政府网站安全运行报告", text, StringComparison.Ordinal);
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        else
        {
            output.WriteLine("SKIPPED sub-check: pdftotext is not installed, so the PDF's text was not read back.");
        }

        await using var check = host.Db.Context();
        Assert.Equal(2, await check.AuditRecords.CountAsync(a => a.Kind == AuditKinds.ReportExported));
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task Bad_periods_answer_a_problem_naming_the_field_in_the_callers_language()
    {
        await using var host = await TestHost.StartAsync();
        var w = await ReportWorld.CreateAsync(host);
        using var reversed = await host.Client(w.Assessor.Token).GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation?from=2026-10-10&to=2026-10-01");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal("application/problem+json", reversed.Content.Headers.ContentType!.MediaType);
        var problem = await reversed.Json();
        Assert.Equal("after_from", problem.GetProperty("rules")[0].GetProperty("rule").GetString());
        Assert.Contains("结束（to）", problem.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);

        using var tooLong = await host.Client(w.Assessor.Token, "en").GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation.xlsx?from=2024-01-01&to=2026-01-01");
        var english = await tooLong.Json();
        Assert.Equal(400, english.GetProperty("status").GetInt32());
        Assert.StartsWith("A report period is at most 366 days", english.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);

        using var record = await host.Client(w.Assessor.Token).GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation.pdf?record=not-a-guid");
        Assert.True((await record.Json()).GetProperty("errors").TryGetProperty("record", out _));

        using var outsider = await host.Client(w.Outsider.Token).GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation?from=2026-10-10&to=2026-10-01");
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public async Task An_agent_stores_a_service_report_that_everyone_on_the_website_reads_back_as_stored()
    {
        await using var host = await TestHost.StartAsync();
        var w = await ReportWorld.CreateAsync(host);
        var integrator = host.Client(w.Integrator.Token);
        using var created = await integrator.PostJson($"/api/v1/websites/{w.Site.Id}/reports/operation/records", new { month = "2026-10" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await created.Json();
        Assert.Equal(("service_report", "integrator"), (stored.GetProperty("kind").GetString(), stored.GetProperty("issuerRole").GetString()));
        var id = stored.GetProperty("id").GetGuid();
        Assert.EndsWith($"/reports/operation/records/{id}", created.Headers.Location!.ToString(), StringComparison.Ordinal);

        var assessor = host.Client(w.Assessor.Token);
        using var refused = await assessor.PostJson($"/api/v1/websites/{w.Site.Id}/reports/operation/records", new { month = "2026-10" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var list = await assessor.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation/records");
        Assert.Equal(id, (await list.Json())[0].GetProperty("id").GetGuid());
        using var back = await assessor.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation/records/{id}");
        var report = await back.Json();
        Assert.Equal(stored.GetProperty("sha256").GetString(), report.GetProperty("stored").GetProperty("sha256").GetString());
        Assert.Equal("2026-10", report.GetProperty("month").GetString());
        using var xlsx = await assessor.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation.xlsx?record={id}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var missing = await assessor.GetAsync($"/api/v1/websites/{w.Site.Id}/reports/operation/records/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>Sections of other features (here test-only ones) render in the printable document, after the report's own.</summary>
    [Fact]
    public async Task Contributed_sections_render_in_the_printable_document_and_none_is_needed()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var services = new ServiceCollection();
        services.AddLogging();
        Platform.PlatformServices.AddGovGuardPlatform(services, db.Options);
        services.AddScoped<IOperationReportSection, TestSections.Incidents>();
        services.AddScoped<IOperationReportSection, TestSections.Drills>();
        await using var root = services.BuildServiceProvider();
        var (site, owner) = await SeedAsync(root);
        OperationReport report;
        await using (var scope = root.CreateAsyncScope())
        {
            report = (await scope.ServiceProvider.GetRequiredService<OperationReportService>().BuildAsync(owner, site, new PeriodInput("2026-10"), CancellationToken.None)).Value!;
        }

        // The renderer escapes non-ASCII text as character references: read the text decoded.
        var html = WebUtility.HtmlDecode(await OperationReportDocument.RenderAsync(root, report, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Contains("<section class=\"op-contributed\" id=\"op-section-incidents\"", html, StringComparison.Ordinal);
        Assert.Contains("七、安全事件", html, StringComparison.Ordinal);
        Assert.Contains("网页篡改", html, StringComparison.Ordinal);
        Assert.Contains("八、应急演练", html, StringComparison.Ordinal);
        Assert.Contains("本周期无记录。", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("op-vulnerabilities", StringComparison.Ordinal) < html.IndexOf("op-section-incidents", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        var english = WebUtility.HtmlDecode(await OperationReportDocument.RenderAsync(root, report, CultureInfo.GetCultureInfo("en")));
        Assert.Contains("7. Incidents", english, StringComparison.Ordinal);
        Assert.Contains("Web tampering", english, StringComparison.Ordinal);

        // Without any registered section the report is the platform's own six parts.
        var bare = WebUtility.HtmlDecode(await OperationReportDocument.RenderAsync(root, report with { Sections = [] }, CultureInfo.GetCultureInfo("zh-CN")));
        Assert.DoesNotContain("<section class=\"op-contributed\"", bare, StringComparison.Ordinal);
        Assert.Contains("六、漏洞及修复时间", bare, StringComparison.Ordinal);
    }

    private static async Task<(Guid Site, Caller Owner)> SeedAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var org = (await sp.GetRequiredService<Platform.Organisations.OrganisationService>().CreateAsync(Caller.System,
            new Platform.Organisations.OrganisationInput("某市人民政府", "government_customer", null, null, null, null), CancellationToken.None)).Value!;
        var user = (await sp.GetRequiredService<UserService>().CreateAsync(Caller.System,
            new UserInput("owner", "owner", null, null, org.Id, "admin", "Passw0rd-owner-1"), CancellationToken.None)).Value!;
        var owner = (await sp.GetRequiredService<CallerResolver>().ResolveAsync(user.User.Id, null, false, null, CancellationToken.None))!;
        var site = (await sp.GetRequiredService<Platform.Websites.WebsiteService>().CreateAsync(owner,
            new Platform.Websites.WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None)).Value!;
        return (site.Id, owner);
    }
}
