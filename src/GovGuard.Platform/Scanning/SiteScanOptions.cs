using GovGuard.Detection.Findings;

namespace GovGuard.Platform.Scanning;

/// <summary>What one site scan covers.</summary>
public sealed class SiteScanOptions
{
    /// <summary>The site as the operator gave it: every finding's <c>target</c>.</summary>
    public required string Target { get; init; }

    /// <summary>Pages crawled at most (same origin, breadth first).</summary>
    public int MaxPages { get; init; } = 200;

    public MessageLanguage Language { get; init; } = MessageLanguage.Chinese;

    /// <summary>The site's baseline: when given, every page is compared with its entry (tamper).</summary>
    public SiteBaseline? Baseline { get; init; }

    /// <summary>Probe requests in flight at once (exposures, templates); the crawl keeps its own politeness limit.</summary>
    public int ProbeConcurrency { get; init; } = 4;
}

/// <summary>Something the scan could not see whole: a page or a probe that timed out, was too large or was refused.</summary>
/// <param name="Url">The page or probe URL.</param>
/// <param name="Rule">What stopped it (<c>timeout.total</c>, <c>limit.body</c>, <c>ssrf.*</c>, ...).</param>
/// <param name="Reason">One sentence in the scan's language.</param>
/// <param name="IsProbe">True for a site probe (exposure, template, canary), false for a crawled page.</param>
public sealed record ScanGap(string Url, string Rule, string Reason, bool IsProbe);

/// <summary>Receives what a site scan finds while it runs. Called from one thread at a time.</summary>
public interface ISiteScanObserver
{
    /// <summary>A finding, already deduplicated.</summary>
    void Finding(Finding finding);

    /// <summary>A page or probe not seen whole; the scan goes on and ends incomplete.</summary>
    void Incomplete(ScanGap gap);

    /// <summary>Progress: <paramref name="phase"/> is pages, probes, templates or spiders.</summary>
    void Progress(string phase, int done, int total);
}

/// <summary>How a site scan went.</summary>
public sealed record SiteScanSummary
{
    /// <summary>False when the start URL did not answer at all; nothing else was done.</summary>
    public bool Reachable { get; init; }

    /// <summary>Why the start URL did not answer, one sentence; null when it did.</summary>
    public string? StartProblem { get; init; }

    /// <summary>The start page's final URL (after redirects); null when unreachable.</summary>
    public Uri? Start { get; init; }

    public int Pages { get; init; }

    public int HtmlPages { get; init; }

    public int Probes { get; init; }

    public int Findings { get; init; }

    public IReadOnlyList<ScanGap> Gaps { get; init; } = [];

    /// <summary>True when the page limit stopped the crawl with links left to visit.</summary>
    public bool PageLimitReached { get; init; }

    /// <summary>With a baseline: crawled HTML pages it has no entry for.</summary>
    public int PagesWithoutBaseline { get; init; }

    /// <summary>With a baseline: its pages the crawl did not reach.</summary>
    public int BaselinePagesNotSeen { get; init; }

    /// <summary>True when every page and probe was seen whole (the page limit aside, see <see cref="PageLimitReached"/>).</summary>
    public bool Complete => Reachable && Gaps.Count == 0;
}
