using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Links;

namespace GovGuard.Detection.Tamper;

/// <summary>
/// Compares a page with its baseline and tells a legitimate update from defacement. Texts are masked (dates, clocks,
/// counters, tokens, the site's own patterns) and compared as multisets of character shingles per block, so new
/// list items, rotated banners and reordered blocks barely move the figures, while a replaced title or body, injected
/// text or images, new external scripts or frames and large removals are reported. Re-fetching before reporting is
/// the caller's job. Thread-safe: build once per site's options, use from every thread.
/// </summary>
// GB/T 38249 7.4.2 a: monitor web pages for tampering and report it.
public sealed class TamperComparer
{
    private const int MaxDiffBlocks = 50;
    private const int MaxDiffChars = 300;

    private readonly TamperOptions _options;
    private readonly Regex[] _masks;
    private readonly HarmfulContentDetector? _harmful;
    private readonly LinkRuleSet _links;

    /// <summary>Builds a comparer.</summary>
    /// <param name="options">The site's settings; defaults when null. Bad mask patterns throw <see cref="ArgumentException"/>.</param>
    /// <param name="harmful">When given, harmful terms in new text make it injected content.</param>
    /// <param name="links">Trusted hosts (rules/links) whose new scripts and frames are updates, not injections.</param>
    public TamperComparer(TamperOptions? options = null, HarmfulContentDetector? harmful = null, LinkRuleSet? links = null)
    {
        _options = options ?? TamperOptions.Default;
        _masks = ContentNormalizer.Compile(_options.MaskPatterns);
        _harmful = harmful;
        _links = links ?? LinkRuleSet.Empty;
    }

    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>.</summary>
    public TamperResult Compare(PageBaseline baseline, HtmlPage current, string target, MessageLanguage lang = MessageLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(target);
        var selectors = baseline.IgnoreSelectors.Count > 0 ? baseline.IgnoreSelectors : _options.IgnoreSelectors;
        var snapshot = PageSnapshot.Of(current, selectors);

        var oldMasked = baseline.Blocks.Select(b => ContentNormalizer.Mask(b.Text, _masks)).ToList();
        var newMasked = snapshot.Blocks.Select(b => ContentNormalizer.Mask(b.Text, _masks)).ToList();
        var oldShingles = ContentNormalizer.Shingles(oldMasked);
        var newShingles = ContentNormalizer.Shingles(newMasked);
        double kept = ContentNormalizer.Containment(oldShingles, newShingles);
        double added = 1 - ContentNormalizer.Containment(newShingles, oldShingles);
        long oldChars = oldMasked.Sum(b => (long)b.Length);
        long newChars = newMasked.Sum(b => (long)b.Length);
        double structure = ContentNormalizer.Jaccard(baseline.Structure, current.Structure);

        var (removedBlocks, addedBlocks) = BlockDiff(baseline.Blocks.Select(b => b.Text).ToList(), oldMasked,
            snapshot.Blocks.Select(b => b.Text).ToList(), newMasked);

        var oldTitle = ContentNormalizer.Mask(baseline.Title, _masks);
        var newTitle = ContentNormalizer.Mask(current.Title, _masks);
        bool titleChanged = !string.Equals(oldTitle, newTitle, StringComparison.Ordinal);

        var resourcesAdded = new List<string>();
        var resourcesRemoved = new List<string>();
        var site = HostNames.SiteOf(current.Url.IdnHost);
        var newScriptHosts = NewHosts("script", site, baseline.ScriptHosts, snapshot.Hosts(ResourceKind.Script), resourcesAdded, resourcesRemoved);
        var newFrameHosts = NewHosts("iframe", site, baseline.FrameHosts, snapshot.Hosts(ResourceKind.Frame), resourcesAdded, resourcesRemoved);
        var newImageHosts = NewHosts("img", site, baseline.ImageHosts, snapshot.Hosts(ResourceKind.Image), resourcesAdded, resourcesRemoved);

        var findings = new List<Finding>();
        var url = current.Url.AbsoluteUri;
        void Report(string rule, Severity severity, string zh, string en, string evidence) =>
            findings.Add(new Finding(Categories.TamperDefacement, severity, target, url, null, null, rule, lang.Pick(zh, en), Finding.Excerpt(evidence)));

        var inv = CultureInfo.InvariantCulture;
        var addedText = string.Join('\n', addedBlocks);
        var harmfulTerms = HarmfulTerms(current.Title + "\n" + addedText);
        if (titleChanged && oldTitle.Length > 0 && ContentNormalizer.Similarity(oldTitle, newTitle) < _options.TitleSimilarityBelow)
        {
            Report("title-replaced", harmfulTerms.Count > 0 || HasPhrase(current.Title) ? Severity.Critical : Severity.High,
                $"页面标题被替换：“{baseline.Title}”变为“{current.Title}”",
                $"The page title was replaced: \"{baseline.Title}\" became \"{current.Title}\".",
                $"{baseline.Title} → {current.Title}");
        }

        bool replaced = false;
        if (oldChars >= _options.MinimumBaselineChars)
        {
            if (kept < _options.ReplacedKeptBelow && added > _options.ReplacedAddedAbove)
            {
                replaced = true;
                Report("body-replaced", Severity.Critical,
                    string.Create(inv, $"页面正文被替换：基线内容仅剩{kept:P0}，当前内容{added:P0}为新内容"),
                    string.Create(inv, $"The page body was replaced: {kept:P0} of the baseline text remains and {added:P0} of the current text is new."),
                    addedText.Length > 0 ? addedText : current.Title);
            }
            else if (kept < _options.RemovalKeptBelow && newChars < oldChars * _options.RemovalKeptBelow)
            {
                Report("large-removal", Severity.High,
                    string.Create(inv, $"页面内容被大量删除：基线内容仅剩{kept:P0}（{oldChars}字减至{newChars}字）"),
                    string.Create(inv, $"Most of the page was removed: {kept:P0} of the baseline text remains ({oldChars} to {newChars} characters)."),
                    string.Join('\n', removedBlocks));
            }
        }

        if (newScriptHosts.Count > 0)
        {
            Report("external-script-added", Severity.High,
                $"页面新增来自其他网站的脚本：{string.Join("、", newScriptHosts)}",
                $"The page newly loads scripts from other sites: {string.Join(", ", newScriptHosts)}.",
                Evidence(snapshot, ResourceKind.Script, newScriptHosts));
        }

        if (newFrameHosts.Count > 0)
        {
            Report("iframe-added", Severity.High,
                $"页面新增来自其他网站的框架：{string.Join("、", newFrameHosts)}",
                $"The page newly embeds frames from other sites: {string.Join(", ", newFrameHosts)}.",
                Evidence(snapshot, ResourceKind.Frame, newFrameHosts));
        }

        if (!replaced)
        {
            var phrase = _options.DefacementPhrases.FirstOrDefault(p => addedText.Contains(p, StringComparison.OrdinalIgnoreCase));
            if (harmfulTerms.Count > 0 || phrase is not null)
            {
                var what = harmfulTerms.Count > 0 ? string.Join("、", harmfulTerms.Take(5)) : phrase!;
                Report("injected-content", Severity.Critical,
                    $"页面被插入有害或篡改者署名内容：{what}",
                    $"Harmful or defacer-signed content was inserted into the page: {what}.",
                    Around(addedText, harmfulTerms.FirstOrDefault() ?? phrase!));
            }
            else if (newImageHosts.Count > 0)
            {
                Report("injected-content", Severity.Medium,
                    $"页面新增来自其他网站的图片：{string.Join("、", newImageHosts)}",
                    $"The page newly shows images from other sites: {string.Join(", ", newImageHosts)}.",
                    Evidence(snapshot, ResourceKind.Image, newImageHosts));
            }
            else if (oldChars >= _options.MinimumBaselineChars && kept >= 0.9 && added > _options.InjectedAddedAbove && newChars - oldChars >= 200)
            {
                Report("injected-content", Severity.Medium,
                    string.Create(inv, $"页面被插入大段新内容：当前内容{added:P0}为新内容"),
                    string.Create(inv, $"A large block of new content was inserted: {added:P0} of the current text is new."),
                    addedText);
            }
        }

        bool changed = titleChanged || kept < 1 || added > 0 || resourcesAdded.Count > 0 || resourcesRemoved.Count > 0 || structure < 1;
        var status = findings.Count > 0 ? TamperStatus.Defaced : changed ? TamperStatus.Changed : TamperStatus.Unchanged;
        var diff = new TamperDiff(
            titleChanged ? baseline.Title : null,
            titleChanged ? current.Title : null,
            removedBlocks,
            addedBlocks,
            resourcesAdded,
            resourcesRemoved,
            Summary(titleChanged, baseline.Title, current.Title, removedBlocks, addedBlocks, resourcesAdded, resourcesRemoved));
        return new TamperResult(status, findings, diff, kept, added, structure);
    }

    /// <summary>Blocks only in the baseline and only on the page, matched as multisets of masked texts.</summary>
    private static (List<string> Removed, List<string> Added) BlockDiff(List<string> oldText, List<string> oldMasked, List<string> newText, List<string> newMasked)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in newMasked)
        {
            remaining[m] = remaining.GetValueOrDefault(m) + 1;
        }

        var removed = new List<string>();
        for (int i = 0; i < oldMasked.Count; i++)
        {
            if (remaining.GetValueOrDefault(oldMasked[i]) > 0)
            {
                remaining[oldMasked[i]]--;
            }
            else
            {
                if (removed.Count < MaxDiffBlocks)
                {
                    removed.Add(ContentNormalizer.PlainLine(oldText[i], MaxDiffChars));
                }

            }
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in oldMasked)
        {
            counts[m] = counts.GetValueOrDefault(m) + 1;
        }

        var addedBlocks = new List<string>();
        for (int i = 0; i < newMasked.Count && addedBlocks.Count < MaxDiffBlocks; i++)
        {
            if (counts.GetValueOrDefault(newMasked[i]) > 0)
            {
                counts[newMasked[i]]--;
            }
            else
            {
                addedBlocks.Add(ContentNormalizer.PlainLine(newText[i], MaxDiffChars));
            }
        }

        return (removed, addedBlocks);
    }

    /// <summary>Hosts of another site, not trusted, that the baseline did not load from; fills the plain-text resource lists.</summary>
    private List<string> NewHosts(string kind, string site, IReadOnlyList<string> before, List<string> after, List<string> added, List<string> removed)
    {
        var old = before.ToHashSet(StringComparer.Ordinal);
        var now = after.ToHashSet(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var h in after.Where(h => !old.Contains(h)))
        {
            added.Add($"{kind}: {h}");
            // A host of the same site as one already used (img2.example.gov.cn beside img1) is the same owner.
            var hostSite = HostNames.SiteOf(h);
            bool known = string.Equals(hostSite, site, StringComparison.Ordinal)
                || old.Any(o => string.Equals(HostNames.SiteOf(o), hostSite, StringComparison.Ordinal));
            if (!known && !_links.TrustedHosts.Contains(h))
            {
                result.Add(h);
            }
        }

        removed.AddRange(before.Where(h => !now.Contains(h)).Select(h => $"{kind}: {h}"));
        return result;
    }

    private List<string> HarmfulTerms(string text)
    {
        if (_harmful is null || text.Length == 0)
        {
            return [];
        }

        return _harmful.Detect(text, "-", null, MessageLanguage.Chinese).Count == 0
            ? []
            : _harmful.FindTerms(text).Select(h => h.Term).Distinct(StringComparer.Ordinal).ToList();
    }

    private bool HasPhrase(string text) => _options.DefacementPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static string Evidence(PageSnapshot snapshot, ResourceKind kind, List<string> hosts)
    {
        var hostSet = hosts.ToHashSet(StringComparer.Ordinal);
        return string.Join('\n', snapshot.Resources.Where(r => r.Kind == kind && hostSet.Contains(r.Url.IdnHost.ToLowerInvariant()))
            .Take(3).Select(r => HtmlPage.StartTag(r.Element)));
    }

    private static string Around(string text, string word)
    {
        int at = Math.Max(0, text.IndexOf(word, StringComparison.OrdinalIgnoreCase));
        int from = Math.Max(0, at - 60);
        return text.Substring(from, Math.Min(text.Length - from, 300));
    }

    private static string Summary(bool titleChanged, string oldTitle, string newTitle, List<string> removed, List<string> added,
        List<string> resourcesAdded, List<string> resourcesRemoved)
    {
        var sb = new StringBuilder();
        if (titleChanged)
        {
            sb.Append("标题/title: ").Append(ContentNormalizer.PlainLine(oldTitle, MaxDiffChars)).Append(" → ")
                .Append(ContentNormalizer.PlainLine(newTitle, MaxDiffChars)).Append('\n');
        }

        foreach (var r in removed)
        {
            sb.Append("- ").Append(r).Append('\n');
        }

        foreach (var a in added)
        {
            sb.Append("+ ").Append(a).Append('\n');
        }

        foreach (var r in resourcesAdded)
        {
            sb.Append("+ [").Append(r).Append("]\n");
        }

        foreach (var r in resourcesRemoved)
        {
            sb.Append("- [").Append(r).Append("]\n");
        }

        return sb.ToString();
    }
}
