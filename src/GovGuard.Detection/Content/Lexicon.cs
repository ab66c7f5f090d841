using System.Globalization;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Text;

namespace GovGuard.Detection.Content;

/// <summary>One term of a harmful-content lexicon: what to look for, in which category, how strongly it counts.</summary>
/// <param name="Category">Category name, e.g. gambling.</param>
/// <param name="Term">The term as written in the file.</param>
/// <param name="Weight">1–100; a page is reported when its distinct terms of one category add up to the detector's minimum.</param>
/// <param name="File">The lexicon file the term came from.</param>
/// <param name="Line">1-based line in that file.</param>
public sealed record LexiconTerm(string Category, string Term, int Weight, string File, int Line);

/// <summary>A lexicon category with its display names and the severity of its findings.</summary>
public sealed record LexiconCategory(string Name, string LabelZh, string LabelEn, Severity Severity);

/// <summary>Where a context word must stand, relative to a term, to neutralise it.</summary>
public enum ContextSide
{
    /// <summary>Before the term in the same sentence (严厉打击 … 网络赌博).</summary>
    Before,

    /// <summary>After the term in the same sentence (赌博 … 违法犯罪).</summary>
    After,
}

/// <summary>A word that marks a term as being written about rather than advertised, e.g. 打击 or 举报.</summary>
/// <param name="Word">The word.</param>
/// <param name="Side">Which side of the term it must be on.</param>
/// <param name="Window">How many normalised characters may stand between it and the term.</param>
public sealed record ContextWord(string Word, ContextSide Side, int Window);

/// <summary>
/// Harmful-content lexicons parsed from text files: terms with categories and weights, whitelist phrases that
/// suppress hits inside them, and context words that neutralise hits in the same sentence. Format: docs/detection-content.md.
/// </summary>
public sealed class Lexicon
{
    /// <summary>Longest term accepted, in characters.</summary>
    public const int MaxTermLength = 64;

    private static readonly Dictionary<string, (string Zh, string En)> BuiltInLabels = new(StringComparer.Ordinal)
    {
        ["gambling"] = ("赌博", "gambling"),
        ["lottery_fraud"] = ("非法彩票", "illegal lottery"),
        ["fake_documents"] = ("假发票假证件", "fake invoices and certificates"),
        ["pornography"] = ("色情", "pornography"),
        ["fraud"] = ("诈骗", "fraud"),
    };

    private Lexicon(List<LexiconTerm> terms, List<string> whitelist, List<ContextWord> context, Dictionary<string, LexiconCategory> categories)
    {
        Terms = terms;
        Whitelist = whitelist;
        Context = context;
        Categories = categories;
    }

    /// <summary>Every term, in file order.</summary>
    public IReadOnlyList<LexiconTerm> Terms { get; }

    /// <summary>Phrases inside which a term is not a hit (反赌博宣传, 福利彩票).</summary>
    public IReadOnlyList<string> Whitelist { get; }

    /// <summary>Context words that neutralise a hit near them in the same sentence.</summary>
    public IReadOnlyList<ContextWord> Context { get; }

    /// <summary>Categories by name.</summary>
    public IReadOnlyDictionary<string, LexiconCategory> Categories { get; }

    /// <summary>An empty lexicon.</summary>
    public static Lexicon Empty { get; } = new([], [], [], new Dictionary<string, LexiconCategory>(StringComparer.Ordinal));

    /// <summary>
    /// Parses lexicon files (name for messages, text). Files are merged: a category named in two files is one
    /// category. Throws <see cref="RuleFormatException"/> naming the file and line of the first bad line.
    /// </summary>
    public static Lexicon Parse(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var terms = new List<LexiconTerm>();
        var whitelist = new List<string>();
        var context = new List<ContextWord>();
        var categories = new Dictionary<string, LexiconCategory>(StringComparer.Ordinal);
        var normalizer = TextNormalizer.Default;
        foreach (var (name, text) in files)
        {
            ArgumentNullException.ThrowIfNull(text);
            ParseFile(name, text, normalizer, terms, whitelist, context, categories);
        }

        return new Lexicon(terms, whitelist, context, categories);
    }

    private enum Section
    {
        None,
        Terms,
        Whitelist,
        Context,
    }

    private static void ParseFile(string file, string text, TextNormalizer normalizer, List<LexiconTerm> terms,
        List<string> whitelist, List<ContextWord> context, Dictionary<string, LexiconCategory> categories)
    {
        var section = Section.None;
        string? category = null;
        int defaultWeight = 5;
        var side = ContextSide.Before;
        int window = 0;
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim(' ', '\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('@'))
            {
                var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                string directive = parts[0];
                string arg = parts.Length > 1 ? parts[1] : "";
                switch (directive)
                {
                    case "@category":
                        if (!IsCategoryName(arg))
                        {
                            throw new RuleFormatException(file, lineNo, $"@category needs a name of lower-case letters, digits and '_' (got '{arg}')");
                        }

                        category = arg;
                        section = Section.Terms;
                        defaultWeight = 5;
                        if (!categories.ContainsKey(arg))
                        {
                            var (zh, en) = BuiltInLabels.GetValueOrDefault(arg, (arg, arg.Replace('_', ' ')));
                            categories[arg] = new LexiconCategory(arg, zh, en, Severity.High);
                        }

                        break;
                    case "@label":
                    {
                        var cat = RequireCategory(file, lineNo, category, directive);
                        var labels = arg.Split('|', StringSplitOptions.TrimEntries);
                        if (labels.Length != 2 || labels[0].Length == 0 || labels[1].Length == 0)
                        {
                            throw new RuleFormatException(file, lineNo, "@label needs 'Chinese name | English name'");
                        }

                        categories[cat] = categories[cat] with { LabelZh = labels[0], LabelEn = labels[1] };
                        break;
                    }

                    case "@severity":
                    {
                        var cat = RequireCategory(file, lineNo, category, directive);
                        if (!SeverityNames.TryParse(arg, out var severity))
                        {
                            throw new RuleFormatException(file, lineNo, $"@severity must be info, low, medium, high or critical (got '{arg}')");
                        }

                        categories[cat] = categories[cat] with { Severity = severity };
                        break;
                    }

                    case "@weight":
                        RequireCategory(file, lineNo, category, directive);
                        defaultWeight = ParseWeight(file, lineNo, arg);
                        break;
                    case "@whitelist":
                        section = Section.Whitelist;
                        break;
                    case "@context":
                    {
                        var a = arg.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                        if (a.Length != 2 || (a[0] != "before" && a[0] != "after")
                            || !int.TryParse(a[1], NumberStyles.None, CultureInfo.InvariantCulture, out window) || window > 200)
                        {
                            throw new RuleFormatException(file, lineNo, "@context needs 'before N' or 'after N' with N from 0 to 200");
                        }

                        side = a[0] == "before" ? ContextSide.Before : ContextSide.After;
                        section = Section.Context;
                        break;
                    }

                    default:
                        throw new RuleFormatException(file, lineNo,
                            $"unknown directive '{directive}' (known: @category, @label, @severity, @weight, @whitelist, @context)");
                }

                continue;
            }

            var fields = line.Split('\t', StringSplitOptions.TrimEntries);
            string term = fields[0];
            if (fields.Length > 2)
            {
                throw new RuleFormatException(file, lineNo, "a line holds a term and at most one weight, separated by a tab");
            }

            if (term.Length > MaxTermLength)
            {
                throw new RuleFormatException(file, lineNo, $"term longer than {MaxTermLength} characters");
            }

            if (normalizer.NormalizeTerm(term).Length == 0)
            {
                throw new RuleFormatException(file, lineNo, $"term '{term}' has nothing left to match after normalisation (only spaces or symbols)");
            }

            switch (section)
            {
                case Section.None:
                    throw new RuleFormatException(file, lineNo, "term before any @category, @whitelist or @context line");
                case Section.Terms:
                    int weight = fields.Length == 2 ? ParseWeight(file, lineNo, fields[1]) : defaultWeight;
                    terms.Add(new LexiconTerm(category!, term, weight, file, lineNo));
                    break;
                case Section.Whitelist:
                case Section.Context:
                    if (fields.Length == 2)
                    {
                        throw new RuleFormatException(file, lineNo, "whitelist and context lines take no weight");
                    }

                    if (section == Section.Whitelist)
                    {
                        whitelist.Add(term);
                    }
                    else
                    {
                        context.Add(new ContextWord(term, side, window));
                    }

                    break;
            }
        }
    }

    private static string RequireCategory(string file, int line, string? category, string directive) =>
        category ?? throw new RuleFormatException(file, line, $"{directive} before any @category line");

    private static int ParseWeight(string file, int line, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int w) || w < 1 || w > 100)
        {
            throw new RuleFormatException(file, line, $"weight must be a whole number from 1 to 100 (got '{text}')");
        }

        return w;
    }

    private static bool IsCategoryName(string s) =>
        s.Length is > 0 and <= 40 && char.IsAsciiLetterLower(s[0]) && s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
