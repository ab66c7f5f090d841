using System.Security.Cryptography;
using GovGuard.Web.Tests.Infrastructure;
using GovGuard.Web.Tests.Reports;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace GovGuard.Web.Tests.Browser;

public sealed class ComplianceBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_assessor_rejects_the_integrator_uploads_again_the_assessor_accepts_and_the_report_shows_it()
    {
        await using var host = await TestHost.StartAsync();
        var w = await ReportWorld.CreateAsync(host, passwords: true);
        var folder = Directory.CreateTempSubdirectory("govguard-browser-evidence-").FullName;
        var first = Path.Combine(folder, "集成方案 v1.pdf");
        var second = Path.Combine(folder, "集成方案 v2.pdf");
        await File.WriteAllBytesAsync(first, ReportWorld.Pdf("v1"));
        await File.WriteAllBytesAsync(second, ReportWorld.Pdf("v2 with the security domains"));
        var secondSha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(second)));
        var duty = new Uri(host.Address, $"/websites/{w.Site.Id}/compliance/6.2.3.c");
        using var browser = new Browser();

        // The integrator uploads the first version on the duty page.
        SignIn(browser, duty, w.Integrator);
        var firstId = Upload(browser, "集成方案", first);
        SignOut(browser);

        // The assessor rejects it, with a note.
        SignIn(browser, duty, w.Assessor);
        Assert.Empty(browser.Driver.FindElements(By.Id("evidence-upload")));
        browser.Type(By.Id($"review-note-{firstId}"), "缺少安全域划分说明");
        browser.Wait(By.Id($"reject-{firstId}")).Click();
        browser.Wait(By.CssSelector($"li#evidence-{firstId}[data-verdict=rejected]"));
        Assert.Equal("rejected", browser.Wait(By.Id("duty-verdict")).GetDomAttribute("data-verdict"));
        SignOut(browser);

        // The integrator sees the rejection and uploads a new version.
        SignIn(browser, duty, w.Integrator);
        Assert.Contains("缺少安全域划分说明", browser.Wait(By.Id($"evidence-{firstId}")).Text, StringComparison.Ordinal);
        var secondId = Upload(browser, "集成方案（修订）", second);
        Assert.NotEqual(firstId, secondId);
        SignOut(browser);

        // The assessor accepts the new one.
        SignIn(browser, duty, w.Assessor);
        browser.Wait(By.Id($"accept-{secondId}")).Click();
        browser.Wait(By.CssSelector($"li#evidence-{secondId}[data-verdict=accepted]"));
        Assert.Equal("accepted", browser.Wait(By.Id("duty-verdict")).GetDomAttribute("data-verdict"));

        // The compliance report, reached from the compliance tabs, shows it: the accepted verdict and the new file's hash.
        browser.Wait(By.Id("tab-report")).Click();
        var row = browser.Wait(By.Id("report-duty-6-2-3-c"));
        Assert.Equal("accepted", row.GetDomAttribute("data-verdict"));
        // Still a gap, as the status was never set to implemented; but no longer one for want of accepted evidence.
        Assert.Equal("not_implemented", browser.Driver.FindElement(By.Id("report-gap-6-2-3-c")).GetDomAttribute("data-reasons"));
        var accepted = browser.Wait(By.Id($"report-evidence-{secondId}"));
        Assert.Equal(("accepted", secondSha), (accepted.GetDomAttribute("data-verdict"), accepted.GetDomAttribute("data-sha256")));
        Assert.Contains(secondSha, accepted.FindElement(By.CssSelector("code.sha256")).Text, StringComparison.Ordinal);
        var rejected = browser.Wait(By.Id($"report-evidence-{firstId}"));
        Assert.Equal("rejected", rejected.GetDomAttribute("data-verdict"));
        Assert.Contains("缺少安全域划分说明", rejected.Text, StringComparison.Ordinal);
        Assert.Contains("政府网站云计算服务安全合规报告", browser.Wait(By.Id("report-title")).Text, StringComparison.Ordinal);
        Assert.NotEmpty(browser.Driver.FindElements(By.Id("export-xlsx")));
        Assert.NotEmpty(browser.Driver.FindElements(By.Id("export-pdf")));
        ((IJavaScriptExecutor)browser.Driver).ExecuteScript("document.getElementById('report-duty-6-2-3-c').scrollIntoView()");
        output.WriteLine("screenshot: " + browser.Screenshot("compliance-report"));

        // The language switch turns the same report into English.
        browser.Wait(By.CssSelector("header.top a.lang")).Click();
        Assert.Equal("Government website cloud service security compliance report", browser.Wait(By.Id("report-title")).Text);
        Assert.Contains("Accepted", browser.Wait(By.CssSelector("#report-duty-6-2-3-c td.verdict")).Text, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static void SignIn(Browser browser, Uri page, TestUser user)
    {
        browser.Go(page);
        browser.Type(By.Name("Form.UserName"), user.UserName);
        browser.Type(By.Name("Form.Password"), user.Password);
        browser.Wait(By.CssSelector("form button[type=submit]")).Click();
        // Signed in, back on the page asked for.
        browser.Wait(By.Id("duty-title"));
    }

    private static void SignOut(Browser browser)
    {
        browser.Wait(By.CssSelector("header.top form[action='/logout'] button")).Click();
        browser.Wait(By.Name("Form.UserName"));
    }

    /// <summary>Fills and sends the upload form; returns the id of the new item (the only one not yet reviewed).</summary>
    private static string Upload(Browser browser, string title, string file)
    {
        browser.Type(By.Id("evidence-title"), title);
        browser.Wait(By.Id("evidence-file")).SendKeys(file);
        browser.Wait(By.Id("evidence-submit")).Click();
        var item = browser.Wait(By.CssSelector($"li[data-verdict=none][data-title='{title}']"));
        return item.GetDomAttribute("data-evidence")!;
    }
}
