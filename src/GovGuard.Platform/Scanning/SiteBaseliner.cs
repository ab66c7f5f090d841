using GovGuard.Detection.Findings;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Scanning;

/// <summary>How making a baseline went.</summary>
/// <param name="Baseline">The baseline, null when the start URL did not answer.</param>
/// <param name="StartProblem">Why the start URL did not answer; null when it did.</param>
/// <param name="LimitReached">True when the page limit stopped the crawl with links left.</param>
public sealed record BaselineRun(SiteBaseline? Baseline, string? StartProblem, bool LimitReached);

/// <summary>
/// Crawls a site and records every page as it is now (GB/T 38249 7.4.2: the known-good state that later
/// fetches are compared with). Pages that cannot be fetched whole are left out and listed as gaps.
/// </summary>
public sealed class SiteBaseliner(GuardedFetcher fetcher, Crawler crawler, TimeProvider time)
{
    public async Task<BaselineRun> CreateAsync(string url, string target, int maxPages, MessageLanguage language,
        Action<ScanGap> incomplete, Action<int, int> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(incomplete);
        ArgumentNullException.ThrowIfNull(progress);
        var parser = new PageParser(fetcher);
        var created = time.GetUtcNow();
        var entries = new List<BaselineEntry>();
        var gaps = new List<BaselineGap>();
        var crawl = SiteCrawl.Start(crawler, url, maxPages);
        var pages = 0;
        await foreach (var page in crawl.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (pages++ == 0 && SiteCrawl.Unreachable(page))
            {
                return new BaselineRun(null, SiteCrawl.UnreachableSentence(target, page.Result, language), false);
            }

            progress(pages, Math.Max(maxPages, crawl.PagesFetched));
            var final = SiteCrawl.UrlOf(page);
            if (SiteCrawl.GapOf(final.AbsoluteUri, page.Result, probe: false, language) is { } gap)
            {
                // A cut page would make every later whole fetch of it look tampered with: it is left out, said aloud.
                gaps.Add(new BaselineGap(gap.Url, gap.Reason));
                incomplete(gap);
                continue;
            }

            var view = ResponseViews.From(page.Result)!;
            var html = await parser.ParseAsync(view, cancellationToken).ConfigureAwait(false);
            entries.Add(new BaselineEntry(
                page.Url.AbsoluteUri,
                final.AbsoluteUri == page.Url.AbsoluteUri ? null : final.AbsoluteUri,
                time.GetUtcNow(),
                view.Status,
                page.Result.MediaType,
                SiteBaseline.Sha256(page.Result.Body.Span),
                html is null ? null : PageScanner.BaselineOf(html)));
        }

        return new BaselineRun(
            new SiteBaseline
            {
                Site = target,
                Origin = SiteBaseline.OriginOf(crawl.Start!),
                CreatedAt = created,
                MaxPages = maxPages,
                Complete = gaps.Count == 0 && !crawl.LimitReached,
                Incomplete = gaps,
                Pages = entries,
            },
            null,
            crawl.LimitReached);
    }
}
