using System.Text.Json;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Scanning;
using GovGuard.Platform.Tests.Scanning;

namespace GovGuard.Cli.Tests.Scan;

public sealed class BaselineCliTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gg-baseline-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Baseline_records_every_page_with_url_time_status_and_hash()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());
        var file = Path.Combine(dir, "site.json");

        var (code, stdout, stderr) = await CliProcess.RunAsync("baseline", server.BaseUrl.AbsoluteUri, "--out", file);

        Assert.True(code == ExitCodes.Ok, stderr);
        Assert.Empty(stdout);
        Assert.Contains("baseline written", stderr, StringComparison.Ordinal);
        var b = SiteBaseline.Read(file);
        Assert.Equal(server.BaseUrl.AbsoluteUri, b.Site);
        Assert.True(b.Complete);
        Assert.Equal(
            new[] { "/", "/ads/bet.html", "/files/", "/news/1.html", "/news/2.html", "/notice.html" }.Select(server.Url).Order(StringComparer.Ordinal),
            b.Pages.Select(p => p.Url).Order(StringComparer.Ordinal));
        Assert.All(b.Pages, p => Assert.Equal(200, p.Status));
        Assert.All(b.Pages, p => Assert.Matches("^[0-9a-f]{64}$", p.Sha256));
        Assert.All(b.Pages, p => Assert.Equal(JsonValueKind.Object, p.Page!.Value.ValueKind));
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal(SiteBaseline.FormatName, doc.RootElement.GetProperty("format").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        Assert.Equal([file], Directory.GetFiles(dir));
    }

    [Fact]
    public async Task Scan_with_the_baseline_is_quiet_on_an_unchanged_site_and_reports_a_defaced_page()
    {
        var state = new TestSiteState();
        await using var server = await TestSite.StartAsync(state);
        var file = Path.Combine(dir, "site.json");
        Assert.Equal(ExitCodes.Ok, (await CliProcess.RunAsync("baseline", server.BaseUrl.AbsoluteUri, "--out", file)).Code);

        var quiet = await CliProcess.RunAsync("scan", "site", server.BaseUrl.AbsoluteUri, "--baseline", file);
        Assert.Equal(ExitCodes.Ok, quiet.Code);
        Assert.DoesNotContain(Categories.TamperDefacement, quiet.Stdout, StringComparison.Ordinal);

        state.Defaced = true;
        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", server.BaseUrl.AbsoluteUri, "--baseline", file, "--lang", "en");
        Assert.True(code == ExitCodes.Ok, stderr);
        var tamper = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FindingJson.Parse)
            .Where(f => f.Category == Categories.TamperDefacement).ToList();
        Assert.NotEmpty(tamper);
        Assert.All(tamper, f => Assert.Equal(server.Url("/news/1.html"), f.Url));
    }

    [Fact]
    public async Task Baseline_refreshes_its_own_site_but_never_overwrites_another_file_silently()
    {
        await using var a = await TestSite.StartAsync(new TestSiteState());
        await using var b = await TestSite.StartAsync(new TestSiteState());
        var file = Path.Combine(dir, "a.json");
        Assert.Equal(ExitCodes.Ok, (await CliProcess.RunAsync("baseline", a.BaseUrl.AbsoluteUri, "--out", file, "--max-pages", "1")).Code);
        Assert.Equal(ExitCodes.Ok, (await CliProcess.RunAsync("baseline", a.BaseUrl.AbsoluteUri, "--out", file, "--max-pages", "1")).Code);

        var other = await CliProcess.RunAsync("baseline", b.BaseUrl.AbsoluteUri, "--out", file, "--max-pages", "1");
        Assert.Equal(ExitCodes.Usage, other.Code);
        Assert.Contains("--force", other.Stderr, StringComparison.Ordinal);
        Assert.Equal(a.BaseUrl.AbsoluteUri, SiteBaseline.Read(file).Site);

        var notes = Path.Combine(dir, "notes.txt");
        await File.WriteAllTextAsync(notes, "keep me");
        Assert.Equal(ExitCodes.Usage, (await CliProcess.RunAsync("baseline", a.BaseUrl.AbsoluteUri, "--out", notes)).Code);
        Assert.Equal("keep me", await File.ReadAllTextAsync(notes));

        Assert.Equal(ExitCodes.Ok, (await CliProcess.RunAsync("baseline", b.BaseUrl.AbsoluteUri, "--out", file, "--max-pages", "1", "--force")).Code);
        Assert.Equal(b.BaseUrl.AbsoluteUri, SiteBaseline.Read(file).Site);
    }

    [Fact]
    public async Task Scan_refuses_the_baseline_of_another_site()
    {
        await using var a = await TestSite.StartAsync(new TestSiteState());
        await using var b = await TestSite.StartAsync(new TestSiteState());
        var file = Path.Combine(dir, "a.json");
        Assert.Equal(ExitCodes.Ok, (await CliProcess.RunAsync("baseline", a.BaseUrl.AbsoluteUri, "--out", file, "--max-pages", "1")).Code);

        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", b.BaseUrl.AbsoluteUri, "--baseline", file);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains(a.BaseUrl.AbsoluteUri, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_or_foreign_baseline_files_fail_with_one_sentence()
    {
        await using var a = await TestSite.StartAsync(new TestSiteState());
        var missing = await CliProcess.RunAsync("scan", "site", a.BaseUrl.AbsoluteUri, "--baseline", Path.Combine(dir, "none.json"));
        Assert.Equal(ExitCodes.Failure, missing.Code);
        Assert.Single(missing.Stderr.Trim().Split('\n'));

        var foreign = Path.Combine(dir, "x.json");
        await File.WriteAllTextAsync(foreign, """{"hello":1}""");
        var bad = await CliProcess.RunAsync("scan", "site", a.BaseUrl.AbsoluteUri, "--baseline", foreign);
        Assert.Equal(ExitCodes.Failure, bad.Code);
        Assert.Contains("not a GovGuard site baseline", bad.Stderr, StringComparison.Ordinal);

        var noDir = await CliProcess.RunAsync("baseline", a.BaseUrl.AbsoluteUri, "--out", Path.Combine(dir, "no", "such", "b.json"));
        Assert.Equal(ExitCodes.Failure, noDir.Code);
    }
}
