using System.Text.RegularExpressions;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Logs;

/// <summary>Which decoded field of a log line a pattern rule looks at.</summary>
public enum LogField
{
    /// <summary>Path and query of the request.</summary>
    Target = 0,

    /// <summary>The path only (before '?').</summary>
    Path = 1,

    /// <summary>The User-Agent header.</summary>
    UserAgent = 2,

    /// <summary>The Referer header.</summary>
    Referer = 3,
}

/// <summary>A rule that fires on one log line: keywords pre-filter, an optional regex confirms.</summary>
public sealed record LogPatternRule(
    string Id,
    string Category,
    Severity Severity,
    IReadOnlyList<LogField> Fields,
    string? Method,
    IReadOnlyList<string> Keywords,
    Regex? Pattern,
    string MessageZh,
    string MessageEn);

/// <summary>A rule that counts matching lines per client and fires once per client per window.</summary>
public sealed record LogRateRule(
    string Id,
    string Category,
    Severity Severity,
    string? Method,
    IReadOnlySet<int>? Statuses,
    Regex? PathPattern,
    int WindowSeconds,
    int Threshold,
    string MessageZh,
    string MessageEn);

/// <summary>
/// The access-log rules loaded from <c>rules/logs/*.rules</c> (format in docs/detection-files-logs.md).
/// Load fails with the file and line of the first bad rule.
/// </summary>
public sealed class LogRuleSet
{
    // A guard against pathological user rules, not a performance knob: a tight budget makes results
    // depend on machine load (a descheduled thread counts as elapsed time).
    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(2);

    private static readonly HashSet<string> AttackCategories =
    [
        Categories.AttackSqli, Categories.AttackXss, Categories.AttackTraversal, Categories.AttackCmdi,
        Categories.AttackScanner, Categories.AttackBruteforce, Categories.AttackWebshellAccess,
    ];

    private LogRuleSet(IReadOnlyList<LogPatternRule> patterns, IReadOnlyList<LogRateRule> rates)
    {
        Patterns = patterns;
        Rates = rates;
        var perField = new KeywordSet?[4];
        var rulesPerField = new CompiledPatternRule[4][];
        var compiled = patterns.Select(p => new CompiledPatternRule(p)).ToArray();
        for (var f = 0; f < 4; f++)
        {
            var field = (LogField)f;
            var rules = compiled.Where(p => p.Rule.Fields.Contains(field)).ToArray();
            rulesPerField[f] = rules;
            var words = new KeywordSet(rules.SelectMany(r => r.Rule.Keywords));
            perField[f] = words.IsEmpty ? null : words;
        }

        Anchors = perField;
        RulesByField = rulesPerField;
        CompiledRates = [.. rates.Select(r => new CompiledRateRule(r))];
    }

    public IReadOnlyList<LogPatternRule> Patterns { get; }

    public IReadOnlyList<LogRateRule> Rates { get; }

    /// <summary>Per field: every keyword of the rules on that field, searched at once (null when none).</summary>
    internal KeywordSet?[] Anchors { get; }

    internal CompiledPatternRule[][] RulesByField { get; }

    /// <summary><see cref="Rates"/> in the same order, ready to match.</summary>
    internal CompiledRateRule[] CompiledRates { get; }

    /// <summary>Loads rule files given as (name, text); later files may not reuse an id.</summary>
    public static LogRuleSet Load(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var patterns = new List<LogPatternRule>();
        var rates = new List<LogRateRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            foreach (var s in SectionedRuleFile.Parse(name, text))
            {
                if (!ids.Add(s.Id))
                {
                    throw new RuleFormatException(s.File, s.Line, $"rule id '{s.Id}' is already defined in another file");
                }

                var kind = s.Get("kind") ?? "pattern";
                if (kind == "pattern")
                {
                    patterns.Add(ReadPattern(s));
                }
                else if (kind == "rate")
                {
                    rates.Add(ReadRate(s));
                }
                else
                {
                    throw s.Error("kind", "'kind' is 'pattern' or 'rate'");
                }
            }
        }

        return new LogRuleSet(patterns, rates);
    }

    private static LogPatternRule ReadPattern(RuleSection s)
    {
        s.OnlyKeys("kind", "category", "severity", "field", "method", "keywords", "regex", "zh", "en");
        var fields = new List<LogField>();
        foreach (var f in (s.Get("field") ?? "target").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            fields.Add(f switch
            {
                "target" => LogField.Target,
                "path" => LogField.Path,
                "ua" or "user-agent" => LogField.UserAgent,
                "referer" => LogField.Referer,
                _ => throw s.Error("field", $"field '{f}' is not one of target, path, ua, referer"),
            });
        }

        var keywords = s.Require("keywords").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.Replace("\\x2c", ",", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\s", " ", StringComparison.Ordinal).ToLowerInvariant()).ToArray();
        if (keywords.Length == 0)
        {
            throw s.Error("keywords", "'keywords' needs at least one word (the fast pre-filter of the rule)");
        }

        return new LogPatternRule(s.Id, Category(s), Sev(s), fields, Method(s), keywords, Pattern(s, "regex"),
            s.Require("zh"), s.Require("en"));
    }

    private static LogRateRule ReadRate(RuleSection s)
    {
        s.OnlyKeys("kind", "category", "severity", "method", "status", "path", "window", "threshold", "zh", "en");
        HashSet<int>? statuses = null;
        if (s.Get("status") is { } st)
        {
            statuses = [];
            foreach (var part in st.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var code) || code is < 100 or > 599)
                {
                    throw s.Error("status", $"status '{part}' is not an HTTP status code");
                }

                statuses.Add(code);
            }
        }

        return new LogRateRule(s.Id, Category(s), Sev(s), Method(s), statuses, Pattern(s, "path"),
            s.GetInt("window", 60, 1, 86400), s.GetInt("threshold", 20, 2, 1_000_000), s.Require("zh"), s.Require("en"));
    }

    private static string Category(RuleSection s)
    {
        var c = s.Require("category");
        return AttackCategories.Contains(c) ? c : throw s.Error("category", $"category '{c}' is not one of {string.Join(", ", AttackCategories)}");
    }

    private static Severity Sev(RuleSection s) =>
        SeverityNames.TryParse(s.Require("severity"), out var v) ? v : throw s.Error("severity", "severity is info, low, medium, high or critical");

    private static string? Method(RuleSection s) => s.Get("method")?.ToUpperInvariant();

    private static Regex? Pattern(RuleSection s, string key)
    {
        if (s.Get(key) is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            // Interpreted, not compiled: rules run only on lines that hit a keyword, and compiling
            // every rule would cost more start-up time than a whole small log takes to scan.
            return new Regex(text, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexBudget);
        }
        catch (ArgumentException e)
        {
            throw s.Error(key, $"'{key}' is not a valid regular expression: {e.Message}");
        }
    }
}

/// <summary>A pattern rule with what matching it needs: its category slot, its keywords searched at once, its regex.</summary>
internal sealed class CompiledPatternRule(LogPatternRule rule)
{
    public LogPatternRule Rule { get; } = rule;

    /// <summary>At most one finding per slot (category) and line.</summary>
    public int Slot { get; } = rule.Category switch
    {
        Categories.AttackSqli => 0,
        Categories.AttackXss => 1,
        Categories.AttackTraversal => 2,
        Categories.AttackCmdi => 3,
        Categories.AttackScanner => 4,
        Categories.AttackBruteforce => 5,
        _ => 6,
    };

    public KeywordSet Keywords { get; } = new(rule.Keywords);

    public AdaptiveRegex? Pattern { get; } = rule.Pattern is null ? null : new AdaptiveRegex(rule.Pattern);
}

/// <summary>A rate rule with its path regex ready to match.</summary>
internal sealed class CompiledRateRule(LogRateRule rule)
{
    public LogRateRule Rule { get; } = rule;

    public AdaptiveRegex? PathPattern { get; } = rule.PathPattern is null ? null : new AdaptiveRegex(rule.PathPattern);
}

/// <summary>
/// A rule's regex that starts interpreted (no start-up cost on small logs) and is replaced by the same
/// expression compiled to IL, built in the background, once it has run often enough to be worth it.
/// Both give the same matches; only the speed differs.
/// </summary>
internal sealed class AdaptiveRegex(Regex interpreted)
{
    private const int CompileAfter = 2000;
    private Regex _current = interpreted;
    private int _uses;
    private int _compiling;

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        var regex = Volatile.Read(ref _current);
        if (_compiling == 0 && ++_uses >= CompileAfter && Interlocked.Exchange(ref _compiling, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Compile(), this, preferLocal: false);
        }

        return regex.IsMatch(text);
    }

    private void Compile()
    {
        var source = Volatile.Read(ref _current);
        var compiled = new Regex(source.ToString(), source.Options | RegexOptions.Compiled, source.MatchTimeout);
        Volatile.Write(ref _current, compiled);
    }
}
