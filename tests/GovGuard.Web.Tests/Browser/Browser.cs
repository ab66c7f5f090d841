using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace GovGuard.Web.Tests.Browser;

/// <summary>Headless Chromium from Debian's packages, driven by chromedriver, with a fresh profile per test.</summary>
public sealed class Browser : IDisposable
{
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "govguard-chromium-" + Guid.NewGuid().ToString("N"));

    public Browser()
    {
        var binary = Environment.GetEnvironmentVariable("GOVGUARD_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        var driverPath = Environment.GetEnvironmentVariable("GOVGUARD_TEST_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        if (!File.Exists(binary) || !File.Exists(driverPath))
        {
            throw new InvalidOperationException($"Chromium ({binary}) and chromedriver ({driverPath}) are needed: run the tests through ./test.sh, which installs them.");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = binary };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--window-size=1280,900",
            "--lang=zh-CN", "--user-data-dir=" + _profile);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    public void Go(Uri url) => Driver.Navigate().GoToUrl(url);

    /// <summary>Waits (up to 15 s) for an element, so a test reads the page as a person would once it loaded.</summary>
    public IWebElement Wait(By by) => new WebDriverWait(Driver, TimeSpan.FromSeconds(15)).Until(d => d.FindElements(by).FirstOrDefault(e => e.Displayed));

    public void Type(By by, string text)
    {
        var e = Wait(by);
        e.Clear();
        e.SendKeys(text);
    }

    public void Choose(By by, string value) => Wait(by).FindElement(By.CssSelector($"option[value='{value}']")).Click();

    /// <summary>Saves a screenshot next to the test output when a test wants to show what it saw.</summary>
    public string Screenshot(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"govguard-{name}-{Guid.NewGuid():N}.png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a lock file for a moment; a temp folder left behind is harmless.
        }
    }
}
