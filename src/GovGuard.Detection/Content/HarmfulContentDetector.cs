using System.Globalization;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Text;

namespace GovGuard.Detection.Content;

/// <summary>
/// Finds harmful content (gambling, illegal lottery, fake invoices and certificates, pornography, fraud) in page
/// text by lexicon, seeing through disguised spellings; one finding per category per page.
/// </summary>
// GB/T 38249 7.4.3 a: monitor website content for harmful information and report it.
public sealed class HarmfulContentDetector
{
    private const int ExcerptContext = 12;
    private const int ExcerptReach = 60;

    // Farther than any context window (at most 200) or normalised whitelist phrase can reach.
    private const int MaxReach = 400;

    private readonly Lexicon _lexicon;
    private readonly HarmfulContentOptions _options;
    private readonly TextNormalizer? _normalizer;
    private readonly TermMatcher _matcher;
    private readonly Entry[][] _entries;   // canonical pattern id → what it stands for
    private readonly int _termLimit;

    private enum Kind : byte
    {
        Term,
        Whitelist,
        ContextBefore,
        ContextAfter,
    }

    private readonly record struct Entry(Kind Kind, int Index);

    private readonly record struct Occurrence(Kind Kind, int Index, int Start, int End);

    public HarmfulContentDetector(Lexicon lexicon, HarmfulContentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
        _options = options ?? HarmfulContentOptions.Default;
        _normalizer = _options.HandleEvasion ? TextNormalizer.Default : null;

        var patterns = new List<string>();
        var entries = new List<Entry>();
        foreach (var (t, i) in lexicon.Terms.Select((t, i) => (t, i)))
        {
            patterns.Add(Prepare(t.Term));
            entries.Add(new Entry(Kind.Term, i));
        }

        _termLimit = patterns.Count;
        foreach (var (w, i) in lexicon.Whitelist.Select((w, i) => (w, i)))
        {
            patterns.Add(Prepare(w));
            entries.Add(new Entry(Kind.Whitelist, i));
        }

        if (_options.ApplyContextRules)
        {
            foreach (var (c, i) in lexicon.Context.Select((c, i) => (c, i)))
            {
                patterns.Add(Prepare(c.Word));
                entries.Add(new Entry(c.Side == ContextSide.Before ? Kind.ContextBefore : Kind.ContextAfter, i));
            }
        }

        _matcher = TermMatcher.Build(patterns);
        var byCanonical = new List<Entry>[patterns.Count];
        for (int p = 0; p < patterns.Count; p++)
        {
            int c = _matcher.CanonicalId(p);
            (byCanonical[c] ??= []).Add(entries[p]);
        }

        _entries = byCanonical.Select(l => l?.ToArray() ?? []).ToArray();
    }

    /// <summary>The lexicon in use.</summary>
    public Lexicon Lexicon => _lexicon;

    /// <summary>
    /// Every counting occurrence of a lexicon term in <paramref name="text"/> (whitelist and context rules applied),
    /// located in the original text. For other detectors, e.g. terms in the anchor text of hidden links.
    /// </summary>
    public IReadOnlyList<TermHit> FindTerms(string text) =>
        FindAllTerms(text).Where(h => h.Suppression == HitSuppression.None).Select(h => h.Hit).ToList();

    /// <summary>Every occurrence of a lexicon term, with the reason it does not count where it does not.</summary>
    public IReadOnlyList<(TermHit Hit, HitSuppression Suppression)> FindAllTerms(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = _normalizer is null ? NormalizedText.Identity(text) : _normalizer.Normalize(text);
        var source = normalized.Text;
        var matches = source.Length > _options.ParallelThreshold
            ? _matcher.FindAllParallel(source.AsMemory())
            : _matcher.FindAll(source.AsSpan());

        var terms = new List<Occurrence>();
        var whitelist = new List<Occurrence>();
        var before = new List<Occurrence>();
        var after = new List<Occurrence>();
        foreach (var m in matches)
        {
            foreach (var e in _entries[m.PatternId])
            {
                var o = new Occurrence(e.Kind, e.Index, m.Start, m.End);
                (e.Kind switch
                {
                    Kind.Term => terms,
                    Kind.Whitelist => whitelist,
                    Kind.ContextBefore => before,
                    _ => after,
                }).Add(o);
            }
        }

        // Matches come in order of end; the context search wants them by start too.
        before.Sort((a, b) => a.End.CompareTo(b.End));
        after.Sort((a, b) => a.Start.CompareTo(b.Start));
        whitelist.Sort((a, b) => a.Start.CompareTo(b.Start));
        terms.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));

        var result = new List<(TermHit, HitSuppression)>(terms.Count);
        foreach (var t in terms)
        {
            var lt = _lexicon.Terms[t.Index];
            var (os, ol) = normalized.ToOriginal(t.Start, t.End - t.Start);
            var hit = new TermHit(lt.Term, lt.Category, lt.Weight, os, ol, text.Substring(os, ol));
            var why = InWhitelist(whitelist, t) ? HitSuppression.Whitelist
                : InContext(source, before, after, t) ? HitSuppression.Context
                : HitSuppression.None;
            result.Add((hit, why));
        }

        return result;
    }

    /// <summary>Findings for one page: one per category whose counting terms reach the configured minimums.</summary>
    public IReadOnlyList<Finding> Detect(string text, string target, string? url, MessageLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(target);
        var hits = FindTerms(text);
        var findings = new List<Finding>();
        foreach (var group in hits.GroupBy(h => h.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var distinct = group.GroupBy(h => h.Term, StringComparer.Ordinal)
                .Select(g => (Term: g.Key, g.First().Weight, Count: g.Count()))
                .OrderByDescending(d => d.Weight).ThenByDescending(d => d.Count).ThenBy(d => d.Term, StringComparer.Ordinal)
                .ToList();
            int total = distinct.Sum(d => d.Weight);
            if (total < _options.MinimumWeight || distinct.Count < _options.MinimumDistinctTerms)
            {
                continue;
            }

            var category = _lexicon.Categories.TryGetValue(group.Key, out var c)
                ? c
                : new LexiconCategory(group.Key, group.Key, group.Key, Severity.High);
            int occurrences = group.Count();
            string shown = string.Join(lang.Pick("、", ", "), distinct.Take(5).Select(d => d.Term));
            if (distinct.Count > 5)
            {
                shown += lang.Pick("等", ", …");
            }

            string message = lang.Pick(
                string.Create(CultureInfo.InvariantCulture, $"页面含有{category.LabelZh}类有害信息词语：{shown}（{occurrences}处，权重{total}）"),
                string.Create(CultureInfo.InvariantCulture, $"The page carries {category.LabelEn} terms: {shown} ({occurrences} occurrences, weight {total})."));
            findings.Add(new Finding(
                Categories.ContentHarmfulKeyword,
                category.Severity,
                target,
                url,
                null,
                null,
                "lexicon:" + category.Name,
                message,
                Evidence(text, group.ToList())));
        }

        return findings;
    }

    /// <summary>The shortest original excerpt around the strongest hit and the hits of its category close to it.</summary>
    private static string Evidence(string text, List<TermHit> hits)
    {
        var strongest = hits.OrderByDescending(h => h.Weight).ThenBy(h => h.Start).First();
        int from = strongest.Start, to = strongest.Start + strongest.Length;
        foreach (var h in hits)
        {
            if (h.Start >= strongest.Start - ExcerptReach && h.Start + h.Length <= strongest.Start + strongest.Length + ExcerptReach)
            {
                from = Math.Min(from, h.Start);
                to = Math.Max(to, h.Start + h.Length);
            }
        }

        from = Math.Max(0, from - ExcerptContext);
        to = Math.Min(text.Length, to + ExcerptContext);
        // Never cut a surrogate pair in half.
        if (from > 0 && char.IsLowSurrogate(text[from]))
        {
            from--;
        }

        if (to < text.Length && char.IsLowSurrogate(text[to]))
        {
            to++;
        }

        return Finding.Excerpt(text.AsSpan(from, to - from));
    }

    private string Prepare(string term) => _normalizer is null ? term : _normalizer.NormalizeTerm(term);

    private static bool InWhitelist(List<Occurrence> whitelist, Occurrence t)
    {
        // A hit overlapping a whitelist phrase does not count: 福利彩票 hides 彩票, 打赌博物馆 hides 赌博.
        // Normalised phrases are at most a few hundred characters, so only those starting shortly before can overlap.
        for (int k = FirstAtOrAfter(whitelist, t.Start - MaxReach, byEnd: false); k < whitelist.Count; k++)
        {
            var w = whitelist[k];
            if (w.Start >= t.End)
            {
                break;
            }

            if (w.End > t.Start)
            {
                return true;
            }
        }

        return false;
    }

    private bool InContext(string source, List<Occurrence> before, List<Occurrence> after, Occurrence t)
    {
        // Context words ending before the term, nearest first (sorted by end).
        for (int k = FirstAtOrAfter(before, t.Start + 1, byEnd: true) - 1; k >= 0; k--)
        {
            var b = before[k];
            if (t.Start - b.End > MaxReach)
            {
                break;
            }

            if (t.Start - b.End <= _lexicon.Context[b.Index].Window && !HasBoundary(source, b.End, t.Start))
            {
                return true;
            }
        }

        // Context words starting after the term, nearest first (sorted by start).
        for (int k = FirstAtOrAfter(after, t.End, byEnd: false); k < after.Count; k++)
        {
            var a = after[k];
            if (a.Start - t.End > MaxReach)
            {
                break;
            }

            if (a.Start - t.End <= _lexicon.Context[a.Index].Window && !HasBoundary(source, t.End, a.Start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>First index whose start (or end) is at least <paramref name="value"/> in a list sorted by it.</summary>
    private static int FirstAtOrAfter(List<Occurrence> list, int value, bool byEnd)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            int key = byEnd ? list[mid].End : list[mid].Start;
            if (key < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>True when a sentence ends between the two positions: context words only reach within a sentence.</summary>
    private static bool HasBoundary(string s, int from, int to) =>
        s.AsSpan(from, to - from).IndexOfAny(SentenceEnds) >= 0;

    private static readonly System.Buffers.SearchValues<char> SentenceEnds =
        System.Buffers.SearchValues.Create("。！？；!?\n\r");
}
