using System.Globalization;
using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Links;
using GovGuard.Detection.Tamper;

namespace GovGuard.Detection.Cloaking;

/// <summary>When spider and browser versions of a page differ materially.</summary>
public sealed record CloakingOptions
{
    /// <summary>Spider title differs: bigram similarity of the masked titles below this.</summary>
    public double TitleSimilarityBelow { get; init; } = 0.5;

    /// <summary>Spider content differs: more than this share of the spider's text is not in the browser's…</summary>
    public double AddedAbove { get; init; } = 0.5;

    /// <summary>…or less than this share of the browser's text is in the spider's.</summary>
    public double KeptBelow { get; init; } = 0.4;

    /// <summary>Texts shorter than this (masked characters) on both sides are not compared for content.</summary>
    public int MinimumChars { get; init; } = 60;

    /// <summary>Distinct other-site link hosts only the spider sees from which they are reported (one risky host is enough).</summary>
    public int ExternalHosts { get; init; } = 3;

    /// <summary>Mask patterns of the site, as for tamper comparison.</summary>
    public IReadOnlyList<string> MaskPatterns { get; init; } = [];

    /// <summary>The defaults.</summary>
    public static CloakingOptions Default { get; } = new();
}

/// <summary>How one spider's version compares with the browser's.</summary>
/// <param name="Agent">The spider.</param>
/// <param name="TitleSimilarity">Bigram similarity of the masked titles.</param>
/// <param name="Kept">Share of the browser's text in the spider's.</param>
/// <param name="Added">Share of the spider's text not in the browser's.</param>
public sealed record SpiderComparison(SpiderAgent Agent, double TitleSimilarity, double Kept, double Added);

/// <summary>The cloaking verdict of one page: findings (one per rule, spiders listed) and the figures per spider.</summary>
public sealed record CloakingResult(IReadOnlyList<Finding> Findings, IReadOnlyList<SpiderComparison> Comparisons);

/// <summary>
/// Finds cloaking (搜索引擎劫持/蜘蛛劫持): a site that serves search-engine spiders other content than browsers —
/// another title, other text, harmful terms or links to other sites only spiders see, or a redirect only for spiders.
/// Both versions are masked as for tamper comparison so that clocks, counters and tokens do not count.
/// Thread-safe: build once, use from every thread.
/// </summary>
// GB/T 38249 7.4.3 a: monitor website content for harmful information, including what only search engines are served.
public sealed class CloakingDetector
{
    private readonly HarmfulContentDetector? _harmful;
    private readonly LinkRuleSet _links;
    private readonly CloakingOptions _options;
    private readonly System.Text.RegularExpressions.Regex[] _masks;

    /// <summary>Builds the detector.</summary>
    /// <param name="harmful">When given, harmful terms that only spiders see are reported.</param>
    /// <param name="links">Trusted hosts and risky top-level domains (rules/links).</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    public CloakingDetector(HarmfulContentDetector? harmful = null, LinkRuleSet? links = null, CloakingOptions? options = null)
    {
        _harmful = harmful;
        _links = links ?? LinkRuleSet.Empty;
        _options = options ?? CloakingOptions.Default;
        _masks = ContentNormalizer.Compile(_options.MaskPatterns);
    }

    private sealed class Group
    {
        public Severity Severity;
        public string Evidence = "";
        public readonly List<string> Spiders = [];
        public readonly SortedSet<string> Details = new(StringComparer.Ordinal);
    }

    /// <summary>Compares the browser version of a page (its <see cref="HtmlPage.Url"/> after redirects) with each spider's.</summary>
    public CloakingResult Compare(HtmlPage browser, IReadOnlyList<(SpiderAgent Agent, HtmlPage Page)> spiders, string target, MessageLanguage lang = MessageLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(spiders);
        ArgumentNullException.ThrowIfNull(target);
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var comparisons = new List<SpiderComparison>();
        var browserMasked = browser.Blocks.Select(b => ContentNormalizer.Mask(b.Text, _masks)).ToList();
        var browserShingles = ContentNormalizer.Shingles(browserMasked);
        long browserChars = browserMasked.Sum(b => (long)b.Length);
        var browserTitle = ContentNormalizer.Mask(browser.Title, _masks);
        var browserText = browser.Title + "\n" + browser.Text;
        var browserTerms = Terms(browserText);
        var browserHosts = ForeignLinkHosts(browser).Keys.ToHashSet(StringComparer.Ordinal);
        var browserRedirect = Redirect(browser);

        foreach (var (agent, page) in spiders)
        {
            var name = agent.Name;
            var masked = page.Blocks.Select(b => ContentNormalizer.Mask(b.Text, _masks)).ToList();
            var shingles = ContentNormalizer.Shingles(masked);
            long chars = masked.Sum(b => (long)b.Length);
            double kept = ContentNormalizer.Containment(browserShingles, shingles);
            double added = 1 - ContentNormalizer.Containment(shingles, browserShingles);
            var title = ContentNormalizer.Mask(page.Title, _masks);
            double titleSimilarity = ContentNormalizer.Similarity(browserTitle, title);
            comparisons.Add(new SpiderComparison(agent, titleSimilarity, kept, added));

            // GB/T 38249 7.4.3 a: a redirect served only to spiders sends search traffic elsewhere.
            var redirect = Redirect(page);
            if (!HostNames.SameSite(browser.Url, page.Url) && !_links.TrustedHosts.Contains(page.Url.IdnHost))
            {
                Add(groups, "spider-redirect", Severity.High, name, page.Url.IdnHost, $"{name}: {browser.Url.AbsoluteUri} → {page.Url.AbsoluteUri}");
            }
            else if (redirect is not null && browserRedirect is null && !HostNames.SameSite(browser.Url, redirect))
            {
                Add(groups, "spider-redirect", Severity.High, name, redirect.IdnHost, $"{name}: → {redirect.AbsoluteUri}");
            }

            // Most spiders are served the browser's page: its terms are already known.
            var spiderText = page.Title + "\n" + page.Text;
            var spiderTerms = string.Equals(spiderText, browserText, StringComparison.Ordinal) ? browserTerms : Terms(spiderText);
            var onlySpider = spiderTerms.Where(t => !browserTerms.Contains(t)).ToList();
            if (onlySpider.Count > 0)
            {
                Add(groups, "spider-harmful-terms", Severity.Critical, name, string.Join("、", onlySpider.Take(5)),
                    Around(spiderText, onlySpider[0]));
            }

            if (browserTitle.Length + title.Length > 0 && titleSimilarity < _options.TitleSimilarityBelow)
            {
                Add(groups, "spider-title", Severity.High, name, $"“{page.Title}”", $"browser: {browser.Title} | {name}: {page.Title}");
            }

            if (Math.Max(browserChars, chars) >= _options.MinimumChars && (added > _options.AddedAbove || kept < _options.KeptBelow))
            {
                Add(groups, "spider-content", Severity.Medium, name,
                    string.Create(CultureInfo.InvariantCulture, $"{added:P0} new, {kept:P0} kept"),
                    string.Join('\n', page.Blocks.Select(b => b.Text).Where(t => !browser.Text.Contains(t, StringComparison.Ordinal)).Take(5)));
            }

            var hosts = ForeignLinkHosts(page);
            var newHosts = hosts.Where(h => !browserHosts.Contains(h.Key)).ToList();
            if (newHosts.Count >= _options.ExternalHosts || newHosts.Any(h => IsRisky(h.Key)))
            {
                Add(groups, "spider-external-links", Severity.High, name, string.Join("、", newHosts.Take(5).Select(h => h.Key)),
                    HtmlPage.Snippet(newHosts[0].Value.Element));
            }
        }

        var findings = groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Finding(browser, target, lang, g.Key, g.Value)).ToList();
        return new CloakingResult(findings, comparisons);
    }

    private static void Add(Dictionary<string, Group> groups, string rule, Severity severity, string spider, string detail, string evidence)
    {
        if (!groups.TryGetValue(rule, out var g))
        {
            groups[rule] = g = new Group { Severity = severity, Evidence = evidence };
        }

        g.Spiders.Add(spider);
        g.Details.Add(detail);
    }

    private static Finding Finding(HtmlPage browser, string target, MessageLanguage lang, string rule, Group g)
    {
        var (zh, en) = rule switch
        {
            "spider-redirect" => ("只对搜索引擎爬虫跳转到其他网站", "Only search-engine spiders are redirected to another site"),
            "spider-harmful-terms" => ("只有搜索引擎爬虫看到的页面含有有害信息词语", "Harmful terms appear only in the version served to search-engine spiders"),
            "spider-title" => ("搜索引擎爬虫看到的页面标题与浏览器不同", "Search-engine spiders are served another page title than browsers"),
            "spider-content" => ("搜索引擎爬虫看到的页面内容与浏览器明显不同", "Search-engine spiders are served materially different content than browsers"),
            _ => ("只有搜索引擎爬虫看到指向其他网站的链接", "Links to other sites are served only to search-engine spiders"),
        };
        var spiders = string.Join(", ", g.Spiders);
        var details = string.Join("; ", g.Details.Take(5));
        return new Finding(Categories.ContentCloaking, g.Severity, target, browser.Url.AbsoluteUri, null, null, rule,
            lang.Pick($"{zh}（{spiders}）：{details}", $"{en} ({spiders}): {details}."), Findings.Finding.Excerpt(g.Evidence));
    }

    private HashSet<string> Terms(string text)
    {
        if (_harmful is null)
        {
            return [];
        }

        // Only terms of categories that reach the harmful-content threshold count, as in a harmful-content scan.
        var reported = _harmful.Detect(text, "-", null, MessageLanguage.Chinese).Select(f => f.Rule["lexicon:".Length..]).ToHashSet(StringComparer.Ordinal);
        return _harmful.FindTerms(text).Where(h => reported.Contains(h.Category)).Select(h => h.Term).ToHashSet(StringComparer.Ordinal);
    }

    private Dictionary<string, PageLink> ForeignLinkHosts(HtmlPage page)
    {
        var hosts = new Dictionary<string, PageLink>(StringComparer.Ordinal);
        foreach (var l in page.Links)
        {
            if (l.Url is { } u && !HostNames.SameSite(page.Url, u) && !_links.TrustedHosts.Contains(u.IdnHost))
            {
                hosts.TryAdd(u.IdnHost.ToLowerInvariant(), l);
            }
        }

        return hosts;
    }

    /// <summary>Where the page sends its reader on load (a meta refresh of 10 s or less), or null.</summary>
    private static Uri? Redirect(HtmlPage page) =>
        page.Refresh is { Url: { } u, DelaySeconds: <= 10 } ? u : null;

    private bool IsRisky(string host) => _links.TldWeight(host) > 0 || HostNames.LooksRandom(host);

    private static string Around(string text, string term)
    {
        int at = Math.Max(0, text.IndexOf(term, StringComparison.Ordinal));
        int from = Math.Max(0, at - 40);
        return text.Substring(from, Math.Min(text.Length - from, 200));
    }
}
