using System.Text.Json;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Tests.Scanning;

namespace GovGuard.Cli.Tests.Scan;

public sealed class ScanSiteCliTests : IDisposable
{
    private static readonly string[] ContractFields = ["category", "severity", "target", "url", "path", "line", "rule", "message", "evidence"];

    private readonly string dir = Directory.CreateTempSubdirectory("gg-site-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Stdout_holds_only_contract_jsonl_lines_one_per_problem()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());
        var target = server.BaseUrl.AbsoluteUri;

        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", target, "--lang", "en");

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {stderr}");
        var lines = stdout.Split('\n');
        Assert.Equal("", lines[^1]);
        var findings = new List<Finding>();
        foreach (var line in lines[..^1])
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(ContractFields, doc.RootElement.EnumerateObject().Select(p => p.Name));
            findings.Add(FindingJson.Parse(line));
        }

        Assert.Equal(findings.Count, findings.Select(f => (f.Category, f.Url, f.Rule)).Distinct().Count());
        Assert.Equal(
            [Categories.ContentCloaking, Categories.ContentDarkLink, Categories.ContentHarmfulKeyword, Categories.ContentMaliciousScript,
                Categories.VulnDirListing, Categories.VulnExposedFile, Categories.VulnMissingHeader, Categories.VulnTemplate],
            findings.Select(f => f.Category).Distinct().Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(target, f.Target));
        Assert.All(findings, f => Assert.StartsWith(target, f.Url, StringComparison.Ordinal));
        Assert.All(findings, f => Assert.True(f.Evidence.Length is > 0 and <= Finding.MaxEvidenceLength));
        Assert.Contains(findings, f => f.Rule == "git-head" && f.Url == server.Url("/.git/HEAD") && f.Message.StartsWith("Repository", StringComparison.Ordinal));
        Assert.Contains("scan complete", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_high_exits_4_when_a_high_finding_exists_even_with_gaps()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());

        Assert.Equal(ExitCodes.FindingsAtThreshold, (await CliProcess.RunAsync("scan", "site", server.BaseUrl.AbsoluteUri, "--fail-on", "high")).Code);
        await using var broken = await TestSite.StartAsync(new TestSiteState { WithHugePage = true });
        Assert.Equal(ExitCodes.FindingsAtThreshold, (await CliProcess.RunAsync("scan", "site", broken.BaseUrl.AbsoluteUri, "--fail-on", "high")).Code);
    }

    [Fact]
    public async Task Table_format_goes_to_stderr_and_leaves_stdout_empty()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());

        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", server.BaseUrl.AbsoluteUri, "--format", "table", "--max-pages", "3");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Empty(stdout);
        Assert.Contains("个页面", stderr, StringComparison.Ordinal);
        Assert.Matches(@"共 \d+ 项 / \d+ findings", stderr);
        Assert.Contains("--max-pages", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_not_fetched_whole_is_named_on_stderr_and_the_scan_exits_1()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState { WithHugePage = true });

        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", server.BaseUrl.AbsoluteUri);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(server.Url("/huge.html"), stderr, StringComparison.Ordinal);
        Assert.Contains("INCOMPLETE", stderr, StringComparison.Ordinal);
        Assert.Contains("git-head", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_site_exits_1_with_one_sentence()
    {
        var url = $"http://127.0.0.1:{TestSite.ClosedPort()}/";

        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", url);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(url, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("http://")]
    public async Task A_bad_url_exits_2_with_one_sentence(string url)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", url);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("usage error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_folders_add_the_operators_own_lexicon()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());
        var lexicons = Path.Combine(dir, "mine", "lexicons");
        Directory.CreateDirectory(lexicons);
        await File.WriteAllTextAsync(Path.Combine(lexicons, "local.txt"), "@category local_watch\n@label 本地关注 | local watch\n@severity low\n老旧小区改造\t10\n");

        var (code, stdout, stderr) = await CliProcess.RunAsync("scan", "site", server.BaseUrl.AbsoluteUri, "--rules", Path.Combine(dir, "mine"));

        Assert.True(code == ExitCodes.Ok, stderr);
        var local = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FindingJson.Parse).Where(f => f.Rule == "lexicon:local_watch").ToList();
        Assert.Equal([server.Url("/news/1.html"), server.Url("/news/2.html")], local.Select(f => f.Url!).Order(StringComparer.Ordinal));
        Assert.Equal(ExitCodes.Usage, (await CliProcess.RunAsync("scan", "site", server.BaseUrl.AbsoluteUri, "--rules", Path.Combine(dir, "absent"))).Code);
    }

    [Fact]
    public async Task Bad_max_pages_exits_2()
    {
        var (code, _, stderr) = await CliProcess.RunAsync("scan", "site", "http://127.0.0.1/", "--max-pages", "0");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--max-pages", stderr, StringComparison.Ordinal);
    }
}
