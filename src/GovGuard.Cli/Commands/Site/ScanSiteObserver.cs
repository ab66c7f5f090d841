using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Scanning;

namespace GovGuard.Cli.Commands.Site;

/// <summary>
/// Puts a site scan on the terminal: findings through <see cref="FindingsOutput"/> (JSONL on stdout, or the table),
/// every page not seen whole as one sentence on stderr at once, probe gaps summed up at the end, a progress line.
/// </summary>
internal sealed class ScanSiteObserver(FindingsOutput output, MessageLanguage language) : ISiteScanObserver
{
    private const int ProbeExamples = 3;
    private readonly List<ScanGap> probeGaps = [];

    public void Finding(Finding finding) => output.Write(finding);

    public void Incomplete(ScanGap gap)
    {
        if (gap.IsProbe)
        {
            probeGaps.Add(gap);
            return;
        }

        output.Warn($"{gap.Url}: 页面未完整检查 / page not fully checked ({gap.Rule}): {gap.Reason}.");
    }

    public void Progress(string phase, int done, int total) =>
        output.Progress(done, total, phase switch
        {
            "pages" => language.Pick("个页面", "pages"),
            "probes" => language.Pick("个探测请求", "probes"),
            "templates" => language.Pick("个漏洞模板", "templates"),
            _ => phase,
        });

    /// <summary>The closing lines on stderr: probe gaps, the page limit, and whether the scan is complete.</summary>
    public void Summarise(SiteScanSummary s)
    {
        if (probeGaps.Count > 0)
        {
            var examples = string.Join("; ", probeGaps.Take(ProbeExamples).Select(g => $"{g.Url} ({g.Rule})"));
            output.Warn($"{probeGaps.Count} 个探测请求未得到完整响应 / probe requests got no whole answer, e.g. {examples}.");
        }

        if (s.PageLimitReached)
        {
            output.Warn($"已达页面上限 {s.Pages}，仍有链接未抓取（用 --max-pages 调整） / the page limit of {s.Pages} stopped the crawl with links left (raise --max-pages).");
        }

        if (s.PagesWithoutBaseline > 0 || s.BaselinePagesNotSeen > 0)
        {
            output.Warn($"基线中没有 {s.PagesWithoutBaseline} 个页面，基线中 {s.BaselinePagesNotSeen} 个页面本次未抓到 / {s.PagesWithoutBaseline} pages have no baseline entry and were not compared; {s.BaselinePagesNotSeen} baseline pages were not reached.");
        }

        var pageGaps = s.Gaps.Count - probeGaps.Count;
        var counts = $"{s.Pages} 个页面、{s.Probes} 个探测请求、{s.Findings} 项发现 / {s.Pages} pages, {s.Probes} probes, {s.Findings} findings";
        output.Warn(s.Complete
            ? $"扫描完成 / scan complete: {counts}."
            : $"扫描不完整 / scan INCOMPLETE: {counts}; {pageGaps} 个页面和 {probeGaps.Count} 个探测请求未完整检查，不能视为无问题 / {pageGaps} pages and {probeGaps.Count} probes were not fully checked, so no finding there does not mean clean.");
    }
}
