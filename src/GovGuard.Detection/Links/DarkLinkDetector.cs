using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Scripts;

namespace GovGuard.Detection.Links;

/// <summary>
/// Finds hidden links (暗链): links hidden by inline or stylesheet CSS on themselves or an ancestor, links written
/// by script, links only in &lt;noscript&gt;. Each is weighed by its technique and its destination (external, risky
/// top-level domain, machine-made domain, harmful anchor text); links hidden together are one finding.
/// Same-site and trusted destinations (dropdown menus, tabs, skip links, screen-reader text) are not reported unless
/// their anchor text is harmful. Thread-safe: build once, use from every thread.
/// </summary>
// GB/T 38249 7.4.3 a: monitor website content for harmful information, hidden links included.
public sealed partial class DarkLinkDetector
{
    private const int HarmfulWeight = 5;
    private const int RandomDomainWeight = 2;
    private const int ExternalWeight = 1;
    private const int FarmWeight = 2;
    private const int HiddenInScriptWeight = 2;

    private readonly LinkRuleSet _rules;
    private readonly HarmfulContentDetector? _harmful;
    private readonly DarkLinkOptions _options;

    /// <summary>Builds the detector.</summary>
    /// <param name="rules">Destination rules (rules/links).</param>
    /// <param name="harmful">When given, harmful terms in anchor text and host names weigh the link up.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    public DarkLinkDetector(LinkRuleSet rules, HarmfulContentDetector? harmful = null, DarkLinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _harmful = harmful;
        _options = options ?? DarkLinkOptions.Default;
    }

    [GeneratedRegex(@"<a\b[^>]{0,400}?\bhref\s*=\s*\\?[""']?\s*(?<href>[^""'\s>\\]{1,400})[^>]{0,400}>(?<text>[^<]{0,200})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex WrittenAnchor();

    [GeneratedRegex(@"document\s*\.\s*write(?:ln)?\s*\(|\.\s*(?:inner|outer)HTML\s*\+?=|insertAdjacentHTML\s*\(|\.\s*(?:append|prepend|html|after|before)\s*\(\s*['""]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HtmlWriter();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden|(?:left|top|margin-left|text-indent)\s*:\s*-\d{3,}|font-size\s*:\s*[01](?:px)?\b|(?:height|width)\s*:\s*[01](?:px)?\b|opacity\s*:\s*0(?:\.0+)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HidingCss();

    private static readonly SearchValues<string> WriterWords = SearchValues.Create(
        ["write", "html", "append", "prepend", "after(", "before(", "fromcharcode", "atob"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> EscapeMarks = SearchValues.Create("%\\");

    private sealed record Candidate(string Rule, int TechniqueWeight, Uri Url, string Text, object Group, string Evidence, string How);

    /// <summary>Findings for one page, one per group of links hidden together.</summary>
    public IReadOnlyList<Finding> Detect(HtmlPage page, string target, MessageLanguage lang = MessageLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        var candidates = new List<Candidate>();
        foreach (var link in page.Links)
        {
            if (link.Url is null)
            {
                continue;
            }

            if (link.Hiding is { } h)
            {
                var (rule, weight) = Technique(h.Technique);
                var evidence = h.ByAncestor ? HtmlPage.StartTag(h.Element) + HtmlPage.Snippet(link.Element) : HtmlPage.Snippet(link.Element, 400);
                candidates.Add(new Candidate(rule, weight, link.Url, link.Text, h.Element, evidence, h.Declaration));
            }
            else if (link.InNoscript)
            {
                var noscript = Ancestor(link.Element, "noscript") ?? link.Element;
                candidates.Add(new Candidate("noscript", 2, link.Url, link.Text, noscript, "<noscript>" + HtmlPage.Snippet(link.Element), "noscript"));
            }
        }

        foreach (var script in page.Scripts)
        {
            if (script.Src is null && script.IsJavaScript && script.Text.Length > 0)
            {
                AddWritten(page, script, candidates);
            }
        }

        return Report(page, target, lang, candidates);
    }

    private void AddWritten(HtmlPage page, PageScript script, List<Candidate> candidates)
    {
        // Cheap pre-filter: only scripts that write markup (or hide how they do) are decoded and searched.
        var text = script.Text;
        if (text.AsSpan().IndexOfAny(WriterWords) < 0 && text.AsSpan().IndexOfAny(EscapeMarks) < 0)
        {
            return;
        }

        var decoded = ScriptText.Decode(text);
        try
        {
            if (!HtmlWriter().IsMatch(decoded))
            {
                return;
            }

            int weight = 3 + (HidingCss().IsMatch(decoded) ? HiddenInScriptWeight : 0);
            foreach (Match m in WrittenAnchor().Matches(decoded))
            {
                if (HtmlPage.Resolve(page.Url, m.Groups["href"].Value) is { } url)
                {
                    var evidence = "<script>…" + m.Value + "…";
                    candidates.Add(new Candidate("script-written", weight, url, m.Groups["text"].Value.Trim(), script.Element, evidence, "script"));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological script is not read further; what was found stands.
        }
    }

    private List<Finding> Report(HtmlPage page, string target, MessageLanguage lang, List<Candidate> candidates)
    {
        var findings = new List<Finding>();
        foreach (var group in candidates.GroupBy(c => (c.Rule, c.Group)))
        {
            int best = 0;
            var hosts = new SortedSet<string>(StringComparer.Ordinal);
            var terms = new SortedSet<string>(StringComparer.Ordinal);
            int links = 0;
            Candidate? first = null;
            foreach (var c in group)
            {
                int w = DestinationWeight(page, c, terms, out bool counts);
                if (!counts)
                {
                    continue;
                }

                links++;
                first ??= c;
                hosts.Add(c.Url.IdnHost.ToLowerInvariant());
                best = Math.Max(best, c.TechniqueWeight + w);
            }

            if (first is null)
            {
                continue;
            }

            int riskyHosts = hosts.Count(h => _rules.TldWeight(h) > 0 || HostNames.LooksRandom(h));
            var pageSite = HostNames.SiteOf(page.Url.IdnHost);
            int externalHosts = hosts.Count(h => !string.Equals(HostNames.SiteOf(h), pageSite, StringComparison.Ordinal));
            // Many other-site links hidden together are a farm; behind display:none or visibility they are also what
            // a hidden tab of partner links looks like, so there the farm needs risky destinations to count.
            if (externalHosts >= _options.FarmHosts && (first.TechniqueWeight >= 3 || riskyHosts >= 2))
            {
                best += FarmWeight;
            }

            if (best < _options.MinimumWeight)
            {
                continue;
            }

            findings.Add(new Finding(
                Categories.ContentDarkLink,
                SeverityOf(best),
                target,
                page.Url.AbsoluteUri,
                null,
                null,
                first.Rule,
                Message(lang, first, hosts, links, terms, best),
                Finding.Excerpt(first.Evidence)));
        }

        return findings;
    }

    /// <summary>The destination's weight; <paramref name="counts"/> is false for same-site and trusted destinations with harmless text.</summary>
    private int DestinationWeight(HtmlPage page, Candidate c, SortedSet<string> terms, out bool counts)
    {
        var host = c.Url.IdnHost;
        int harmful = 0;
        if (_harmful is not null)
        {
            foreach (var hit in _harmful.FindTerms(c.Text + " " + host))
            {
                terms.Add(hit.Term);
                harmful = HarmfulWeight;
            }
        }

        bool sameSite = HostNames.SameSite(page.Url, c.Url);
        if (sameSite || _rules.TrustedHosts.Contains(host))
        {
            counts = harmful > 0;
            return harmful;
        }

        counts = true;
        return ExternalWeight + harmful + _rules.TldWeight(host) + (HostNames.LooksRandom(host) ? RandomDomainWeight : 0);
    }

    private static Severity SeverityOf(int weight) => weight switch
    {
        >= 11 => Severity.Critical,
        >= 8 => Severity.High,
        >= 6 => Severity.Medium,
        _ => Severity.Low,
    };

    private static (string Rule, int Weight) Technique(HidingTechnique t) => t switch
    {
        HidingTechnique.DisplayNone => ("css-display-none", 2),
        HidingTechnique.VisibilityHidden => ("css-visibility-hidden", 2),
        HidingTechnique.Opacity => ("css-opacity", 3),
        HidingTechnique.Offscreen => ("css-offscreen", 4),
        HidingTechnique.ZeroSize => ("css-zero-size", 3),
        HidingTechnique.Overflow => ("css-overflow", 3),
        HidingTechnique.TinyFont => ("css-tiny-font", 4),
        HidingTechnique.TextIndent => ("css-text-indent", 4),
        HidingTechnique.Clip => ("css-clip", 3),
        HidingTechnique.ColourCamouflage => ("css-color-camouflage", 4),
        HidingTechnique.TinyMarquee => ("marquee-tiny", 4),
        _ => ("css-hidden", 2),
    };

    private static string Message(MessageLanguage lang, Candidate c, SortedSet<string> hosts, int links, SortedSet<string> terms, int weight)
    {
        var (zh, en) = c.Rule switch
        {
            "css-display-none" => ("链接被 display:none 隐藏", "Links are hidden with display:none"),
            "css-visibility-hidden" => ("链接被 visibility:hidden 隐藏", "Links are hidden with visibility:hidden"),
            "css-opacity" => ("链接被设为完全透明", "Links are made fully transparent"),
            "css-offscreen" => ("链接被定位到页面可视区域之外", "Links are positioned outside the visible page"),
            "css-zero-size" => ("链接被放在零尺寸并裁剪内容的容器中", "Links are put in a zero-size box that clips its content"),
            "css-overflow" => ("链接被放在仅几像素高且裁剪内容的容器中", "Links are put in a box a few pixels high that clips its content"),
            "css-tiny-font" => ("链接文字被设为不可读的极小字号", "Link text is set in an unreadably small font"),
            "css-text-indent" => ("链接文字被 text-indent 移出可视区域", "Link text is pushed out of sight with text-indent"),
            "css-clip" => ("链接被 clip/clip-path 裁剪为不可见", "Links are clipped away with clip or clip-path"),
            "css-color-camouflage" => ("链接文字颜色与背景相同", "Link text has the colour of its background"),
            "marquee-tiny" => ("链接被放在极小的滚动字幕（marquee）中", "Links are put in a marquee a few pixels in size"),
            "script-written" => ("脚本向页面写入了链接", "A script writes links into the page"),
            "noscript" => ("链接只出现在 noscript 中，访客看不到而搜索引擎能读到", "Links stand only in noscript, unseen by visitors and read by search engines"),
            _ => ("链接被隐藏", "Links are hidden"),
        };
        string shownHosts = string.Join(lang.Pick("、", ", "), hosts.Take(5)) + (hosts.Count > 5 ? lang.Pick("等", ", …") : "");
        string shownTerms = string.Join(lang.Pick("、", ", "), terms.Take(5));
        var inv = CultureInfo.InvariantCulture;
        return lang.Pick(
            string.Create(inv, $"{zh}（{c.How}），指向{shownHosts}，共{links}个链接") + (terms.Count > 0 ? $"，锚文本含有害词语：{shownTerms}" : "") + string.Create(inv, $"（权重{weight}）"),
            string.Create(inv, $"{en} ({c.How}), pointing to {shownHosts}, {links} link(s)") + (terms.Count > 0 ? $"; anchor text carries harmful terms: {shownTerms}" : "") + string.Create(inv, $" (weight {weight})."));
    }

    private static IElement? Ancestor(IElement e, string tag)
    {
        for (var p = e.ParentElement; p is not null; p = p.ParentElement)
        {
            if (p.LocalName == tag)
            {
                return p;
            }
        }

        return null;
    }
}
