using System.CommandLine;
using GovGuard.Cli.Commands.Site;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Rules;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Scanning;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard scan site URL`: crawl a site and run every page and site detector (GB/T 38249 7.4.2–7.4.4).</summary>
public static class ScanSiteCommand
{
    public static Command Create()
    {
        var url = SiteArguments.Url();
        var baseline = new Option<string?>("--baseline")
        {
            Description = "基线文件（govguard baseline 生成），与之比较发现篡改 / baseline file (from `govguard baseline`) to compare every page with (tampering)",
        };
        var maxPages = SiteArguments.MaxPages();
        var format = FindingsOutput.FormatOption();
        var failOn = FindingsOutput.FailOnOption();
        var lang = FindingsOutput.LangOption();
        var rules = ScanLogCommand.RulesOption();
        var cmd = new Command("site", "抓取网站并检查有害信息、暗链、恶意脚本、暴露文件、目录浏览、安全响应头、漏洞模板与篡改 / crawl a site and check harmful content, hidden links, malicious scripts, exposed files, listings, headers, templates and tampering")
        {
            url, baseline, maxPages, format, failOn, lang, rules,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) => SiteArguments.GuardAsync(() => RunAsync(r, ct)));
        return cmd;

        async Task<int> RunAsync(ParseResult r, CancellationToken ct)
        {
            var given = r.GetValue(url)!;
            Messages.TryParse(r.GetValue(lang), out var language);
            using var fetcher = new GuardedFetcher(FetchOptions.ForOperator());
            var site = SiteArguments.Check(given, fetcher);
            ScanLogCommand.CheckRuleDirs(r.GetValue(rules));
            SiteBaseline? baselineFile;
            try
            {
                baselineFile = r.GetValue(baseline) is { } path ? ReadBaseline(path, site) : null;
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync($"基线文件无法使用 / unusable baseline: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            SiteScanRules siteRules;
            try
            {
                siteRules = SiteScanRules.Load(r.GetValue(rules), e => Console.Error.WriteLine($"{e.Message}（模板已跳过 / template skipped）"));
            }
            catch (RuleFormatException e)
            {
                await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            using var output = new FindingsOutput(r.GetValue(format)!, r.GetValue(failOn));
            var observer = new ScanSiteObserver(output, language);
            var scanner = new SiteScanner(fetcher, new Crawler(fetcher), siteRules);
            var options = new SiteScanOptions { Target = given, MaxPages = r.GetValue(maxPages), Language = language, Baseline = baselineFile };
            var summary = await scanner.ScanAsync(given, options, observer, ct).ConfigureAwait(false);
            output.Complete();
            if (!summary.Reachable)
            {
                output.Warn(summary.StartProblem!);
                return ExitCodes.Failure;
            }

            observer.Summarise(summary);
            // An incomplete scan is not a clean one (SECURITY.md): exit 1 unless --fail-on already says 4.
            return output.ThresholdReached ? ExitCodes.FindingsAtThreshold : summary.Complete ? ExitCodes.Ok : ExitCodes.Failure;
        }
    }

    private static SiteBaseline ReadBaseline(string path, Uri site)
    {
        var b = SiteBaseline.Read(path);
        if (!b.IsOf(site))
        {
            throw new CliUsageException($"用法错误 / usage error: --baseline {path} 是 {b.Site} 的基线，不是 {site} 的 / is the baseline of {b.Site}, not of {site}.");
        }

        return b;
    }
}
