using System.CommandLine;
using GovGuard.Cli.Commands.Site;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Scanning;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard baseline URL --out FILE`: record every page of a site for later tamper comparison (GB/T 38249 7.4.2).</summary>
public static class BaselineCommand
{
    public static Command Create()
    {
        var url = SiteArguments.Url();
        var output = new Option<string>("--out") { Description = "基线文件（JSON） / the baseline file to write (JSON)", Required = true };
        var maxPages = SiteArguments.MaxPages();
        var force = new Option<bool>("--force")
        {
            Description = "覆盖其他网站的基线或非基线文件 / overwrite a file that is not a baseline of this site",
        };
        var lang = FindingsOutput.LangOption();
        var cmd = new Command("baseline", "抓取网站并记录每个页面的基线，供之后发现篡改 / crawl a site and record a baseline of every page for later tamper comparison")
        {
            url, output, maxPages, force, lang,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) => SiteArguments.GuardAsync(() => RunAsync(r, ct)));
        return cmd;

        async Task<int> RunAsync(ParseResult r, CancellationToken ct)
        {
            var given = r.GetValue(url)!;
            var file = r.GetValue(output)!;
            Messages.TryParse(r.GetValue(lang), out var language);
            using var fetcher = new GuardedFetcher(FetchOptions.ForOperator());
            var site = SiteArguments.Check(given, fetcher);
            CheckOut(file, site, r.GetValue(force));
            using var progress = new FindingsOutput("table", null, Stream.Null);
            var baseliner = new SiteBaseliner(fetcher, new Crawler(fetcher), TimeProvider.System);
            var run = await baseliner.CreateAsync(given, given, r.GetValue(maxPages), language,
                gap => progress.Warn($"{gap.Url}: 页面未完整抓取，未记入基线 / page not fetched whole, left out of the baseline ({gap.Rule}): {gap.Reason}."),
                (done, total) =>
                {
                    if (!Console.IsErrorRedirected)
                    {
                        progress.Progress(done, total, language.Pick("个页面", "pages"));
                    }
                },
                ct).ConfigureAwait(false);
            if (!Console.IsErrorRedirected)
            {
                await Console.Error.WriteAsync("\r".PadRight(71) + "\r").ConfigureAwait(false);
            }

            if (run.Baseline is not { } baseline)
            {
                await Console.Error.WriteLineAsync(run.StartProblem).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            baseline.Write(file);
            if (run.LimitReached)
            {
                progress.Warn($"已达页面上限 {baseline.Pages.Count + baseline.Incomplete.Count}，仍有链接未抓取（用 --max-pages 调整） / the page limit stopped the crawl with links left (raise --max-pages).");
            }

            if (baseline.Incomplete.Count > 0)
            {
                progress.Warn($"基线已写入但不完整 / baseline written but INCOMPLETE: {file}: {baseline.Pages.Count} 个页面，{baseline.Incomplete.Count} 个页面未能完整抓取 / pages recorded, {baseline.Incomplete.Count} pages could not be fetched whole and are not in it.");
                return ExitCodes.Failure;
            }

            progress.Warn($"基线已写入 / baseline written: {file}: {baseline.Pages.Count} 个页面 / pages.");
            return ExitCodes.Ok;
        }
    }

    /// <summary>
    /// Refuses, before crawling, to write where it would fail or destroy something: the folder must exist, and an
    /// existing file is replaced only when it is a baseline of the same site (a refresh) or with --force.
    /// </summary>
    private static void CheckOut(string file, Uri site, bool force)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"{dir} (--out {file})");
        }

        if (Directory.Exists(file))
        {
            throw new CliUsageException($"用法错误 / usage error: --out {file} 是目录，需要文件 / is a folder; a file is expected.");
        }

        if (force || !File.Exists(file))
        {
            return;
        }

        SiteBaseline existing;
        try
        {
            existing = SiteBaseline.Read(file);
        }
        catch (FormatException)
        {
            throw new CliUsageException($"用法错误 / usage error: --out {file} 已存在且不是网站基线，未覆盖（确需覆盖请加 --force） / exists and is not a site baseline; it was not overwritten (add --force to replace it).");
        }

        if (!existing.IsOf(site))
        {
            throw new CliUsageException($"用法错误 / usage error: --out {file} 是 {existing.Site} 的基线，未覆盖（确需覆盖请加 --force） / holds the baseline of {existing.Site}; it was not overwritten (add --force to replace it).");
        }
    }
}
