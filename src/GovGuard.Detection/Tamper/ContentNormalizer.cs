using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Detection.Html;
using GovGuard.Detection.Text;

namespace GovGuard.Detection.Tamper;

/// <summary>
/// The normalisation shared by tamper and cloaking comparison: what changes between two honest fetches of one page
/// is masked before texts are compared. Width, case and traditional forms are folded; digit runs (dates, clocks,
/// counters, issue numbers) become one '0'; weekday and month names become '~'; long letter-digit tokens (CSRF tokens,
/// nonces, session ids) become '~'; the site's own mask patterns are applied first.
/// </summary>
internal static partial class ContentNormalizer
{
    private const int ShingleLength = 4;

    private static readonly TextNormalizer Folder = new(new TextNormalizationOptions
    {
        RemoveSeparators = false,
        DecodeEntities = true,
    });

    [GeneratedRegex(@"星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六日天]|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|[上下]午|凌晨|早上|晚上", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex CalendarWords();

    [GeneratedRegex(@"\b(?=[a-z0-9_\-]*\d)(?=[a-z0-9_\-]*[a-z])[a-z0-9_\-]{16,}\b|\b[a-f0-9]{12,}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Token();

    [GeneratedRegex(@"\d+(?:[.,:/\-]\d+)*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Digits();

    /// <summary>Compiles a site's mask patterns; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static Regex[] Compile(IReadOnlyList<string> patterns) =>
        patterns.Select(p =>
        {
            try
            {
                return new Regex(p, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(2));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"mask pattern '{p}' is not a valid regular expression: {e.Message}", nameof(patterns), e);
            }
        }).ToArray();

    /// <summary>The masked form of one text.</summary>
    public static string Mask(string text, IReadOnlyList<Regex> masks)
    {
        var s = text;
        try
        {
            foreach (var m in masks)
            {
                s = m.Replace(s, "~");
            }

            s = Folder.Normalize(s).Text;
            s = CalendarWords().Replace(s, "~");
            s = Token().Replace(s, "~");
            s = Digits().Replace(s, "0");
        }
        catch (RegexMatchTimeoutException)
        {
            // Compare what was masked so far.
        }

        return HtmlPage.Collapse(s);
    }

    /// <summary>Character shingles of the masked blocks (never across blocks, so reordering blocks changes nothing), counted.</summary>
    public static Dictionary<ulong, int> Shingles(IEnumerable<string> maskedBlocks)
    {
        var counts = new Dictionary<ulong, int>();
        foreach (var b in maskedBlocks)
        {
            var span = b.AsSpan();
            if (span.Length == 0)
            {
                continue;
            }

            if (span.Length <= ShingleLength)
            {
                Count(counts, StableHash.Of(span));
                continue;
            }

            for (int i = 0; i + ShingleLength <= span.Length; i++)
            {
                Count(counts, StableHash.Of(span.Slice(i, ShingleLength)));
            }
        }

        return counts;

        static void Count(Dictionary<ulong, int> counts, ulong h) =>
            counts[h] = counts.GetValueOrDefault(h) + 1;
    }

    /// <summary>The share of <paramref name="a"/>'s shingles (with multiplicity) that <paramref name="b"/> also holds; 1 when a is empty.</summary>
    public static double Containment(Dictionary<ulong, int> a, Dictionary<ulong, int> b)
    {
        long total = 0, shared = 0;
        foreach (var (h, n) in a)
        {
            total += n;
            shared += Math.Min(n, b.GetValueOrDefault(h));
        }

        return total == 0 ? 1.0 : (double)shared / total;
    }

    /// <summary>Dice similarity of character bigrams (for titles): 1 for equal texts, 0 for nothing in common.</summary>
    public static double Similarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }

        if (a.Length < 2 || b.Length < 2)
        {
            return 0;
        }

        var grams = new Dictionary<int, int>();
        for (int i = 0; i + 1 < a.Length; i++)
        {
            int g = (a[i] << 16) | a[i + 1];
            grams[g] = grams.GetValueOrDefault(g) + 1;
        }

        int shared = 0;
        for (int i = 0; i + 1 < b.Length; i++)
        {
            int g = (b[i] << 16) | b[i + 1];
            if (grams.GetValueOrDefault(g) > 0)
            {
                grams[g]--;
                shared++;
            }
        }

        return 2.0 * shared / (a.Length - 1 + b.Length - 1);
    }

    /// <summary>Jaccard similarity of two structure signatures.</summary>
    public static double Jaccard(IReadOnlyCollection<uint> a, IReadOnlyCollection<uint> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var set = a as IReadOnlySet<uint> ?? a.ToHashSet();
        int shared = b.Count(set.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    /// <summary>Joins texts as plain lines for a diff: control characters dropped, each line cut.</summary>
    public static string PlainLine(string text, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString();
    }
}
