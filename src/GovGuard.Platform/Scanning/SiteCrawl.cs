using GovGuard.Detection.Findings;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Scanning;

/// <summary>What the scan and the baseline share about a crawl: when a start page counts as unreachable, and gap sentences.</summary>
internal static class SiteCrawl
{
    /// <summary>True when the start page gave no response at all: nothing of the site can be judged.</summary>
    public static bool Unreachable(CrawledPage first) => first.Result.StatusCode is null;

    /// <summary>The sentence for a start page that gave no response.</summary>
    public static string UnreachableSentence(string target, FetchResult result, MessageLanguage lang) =>
        lang.Pick($"无法访问 {target}：{Reason(result, lang)}。", $"{target} cannot be reached: {Reason(result, lang)}.");

    /// <summary>The gap of a fetch that did not end whole, or null when it did.</summary>
    public static ScanGap? GapOf(string url, FetchResult result, bool probe, MessageLanguage lang) =>
        result.IsComplete ? null : new ScanGap(url, result.Error?.Rule ?? result.Outcome.ToString(), Reason(result, lang), probe);

    /// <summary>The sentence of why a fetch did not end whole, without a trailing full stop.</summary>
    public static string Reason(FetchResult result, MessageLanguage lang) =>
        (result.Error?.Message(lang) ?? result.Outcome.ToString()).TrimEnd('.', '。');

    /// <summary>The crawl of one site with the scan's page limit.</summary>
    public static CrawlRun Start(Crawler crawler, string url, int maxPages) =>
        crawler.Crawl(url, new CrawlOptions { MaxPages = maxPages });

    /// <summary>The final URL of a page when it has one, else the URL crawled.</summary>
    public static Uri UrlOf(CrawledPage page) => page.Result.FinalUrl ?? page.Url;
}
