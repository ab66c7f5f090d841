using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Webshell;

/// <summary>The script families a web-root file is scanned as.</summary>
[Flags]
public enum ScriptKind
{
    None = 0,
    Php = 1,
    Jsp = 2,
    Asp = 4,

    /// <summary>.htaccess, .user.ini, web.config: server settings that can turn data files into code.</summary>
    Config = 8,
    Any = Php | Jsp | Asp | Config,
}

/// <summary>One weighted technique of the webshell scorer: keywords pre-filter, a regex gives the line, optional companions must also occur.</summary>
public sealed record WebshellRule(
    string Id,
    ScriptKind Kinds,
    int Weight,
    IReadOnlyList<string> Keywords,
    Regex Pattern,
    Regex? With,
    Regex? With2,
    string MessageZh,
    string MessageEn);

/// <summary>
/// Webshell techniques from <c>rules/webshell/*.rules</c> and known-benign file hashes from
/// <c>rules/webshell/*sha256*.txt</c>. Rule regexes may use <c>{php_source}</c>, <c>{jsp_source}</c>,
/// <c>{asp_source}</c> for "request input" of each language.
/// </summary>
public sealed class WebshellRuleSet
{
    /// <summary>Attacker-controlled input in PHP: request arrays, headers, the raw body.</summary>
    public const string PhpSource =
        @"(?:\$_(?:GET|POST|REQUEST|COOKIE|FILES)\b|\$_SERVER\s*\[\s*['""](?:HTTP_\w+|QUERY_STRING|REQUEST_URI|PATH_INFO|PHP_SELF)|\$\{\s*['""]_(?:GET|POST|REQUEST|COOKIE)|\$GLOBALS\s*\[\s*['""]_(?:GET|POST|REQUEST|COOKIE)|\bgetallheaders\s*\(|\bapache_request_headers\s*\(|php://input|\$HTTP_RAW_POST_DATA|\$HTTP_(?:GET|POST)_VARS)";

    /// <summary>Attacker-controlled input in JSP / Java.</summary>
    public const string JspSource =
        @"(?:request\s*\.\s*(?:getParameter(?:Values|Map)?|getHeader|getInputStream|getReader|getQueryString|getCookies|getPart)\s*\()";

    /// <summary>Attacker-controlled input in classic ASP and ASP.NET.</summary>
    public const string AspSource =
        @"(?:\bRequest\s*(?:\.\s*(?:Form|Item|QueryString|Params|Cookies|Headers|ServerVariables|BinaryRead|InputStream|Files)\b|\(|\[))";

    // A guard against pathological user rules; tight budgets make results depend on machine load.
    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(2);

    private WebshellRuleSet(IReadOnlyList<WebshellRule> rules, HashSet<string> benign)
    {
        Rules = rules;
        BenignSha256 = benign;
        var words = rules.SelectMany(r => r.Keywords).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        KeywordList = words;
        Anchors = SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);
    }

    public IReadOnlyList<WebshellRule> Rules { get; }

    /// <summary>Lower-case hex SHA-256 of files known to be benign (never reported).</summary>
    public IReadOnlySet<string> BenignSha256 { get; }

    internal SearchValues<string> Anchors { get; }

    internal IReadOnlyList<string> KeywordList { get; }

    /// <summary>Loads rule files (name, text) and hash lists (name, text).</summary>
    public static WebshellRuleSet Load(IEnumerable<(string Name, string Text)> ruleFiles, IEnumerable<(string Name, string Text)> hashFiles)
    {
        ArgumentNullException.ThrowIfNull(ruleFiles);
        ArgumentNullException.ThrowIfNull(hashFiles);
        var rules = new List<WebshellRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in ruleFiles)
        {
            foreach (var s in SectionedRuleFile.Parse(name, text))
            {
                if (!ids.Add(s.Id))
                {
                    throw new RuleFormatException(s.File, s.Line, $"rule id '{s.Id}' is already defined in another file");
                }

                rules.Add(Read(s));
            }
        }

        var benign = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in hashFiles)
        {
            var lineNo = 0;
            foreach (var raw in text.Split('\n'))
            {
                lineNo++;
                var line = raw;
                var hash = line.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0)
                {
                    line = line[..hash];
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var first = line.Split([' ', '\t'], 2)[0];
                if (first.Length != 64 || !first.All(char.IsAsciiHexDigit))
                {
                    throw new RuleFormatException(name, lineNo, "each line holds one SHA-256 as 64 hex digits, optionally followed by a comment");
                }

                benign.Add(first.ToLowerInvariant());
            }
        }

        return new WebshellRuleSet(rules, benign);
    }

    private static WebshellRule Read(RuleSection s)
    {
        s.OnlyKeys("lang", "weight", "keywords", "regex", "with", "with2", "zh", "en");
        var kinds = ScriptKind.None;
        foreach (var part in s.Require("lang").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds |= part switch
            {
                "php" => ScriptKind.Php,
                "jsp" => ScriptKind.Jsp,
                "asp" => ScriptKind.Asp,
                "config" => ScriptKind.Config,
                "any" => ScriptKind.Any,
                _ => throw s.Error("lang", $"lang '{part}' is not one of php, jsp, asp, config, any"),
            };
        }

        var keywords = s.Require("keywords").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.Replace("\\x2c", ",", StringComparison.Ordinal)).ToArray();
        return new WebshellRule(s.Id, kinds, s.GetInt("weight", 5, 1, 20), keywords, Pattern(s, "regex")!, Pattern(s, "with"),
            Pattern(s, "with2"), s.Require("zh"), s.Require("en"));
    }

    private static Regex? Pattern(RuleSection s, string key)
    {
        var text = key == "regex" ? s.Require(key) : s.Get(key);
        if (text is null)
        {
            return null;
        }

        text = text.Replace("{php_source}", PhpSource, StringComparison.Ordinal)
            .Replace("{jsp_source}", JspSource, StringComparison.Ordinal)
            .Replace("{asp_source}", AspSource, StringComparison.Ordinal);
        try
        {
            return new Regex(text, RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, RegexBudget);
        }
        catch (ArgumentException e)
        {
            throw s.Error(key, string.Create(CultureInfo.InvariantCulture, $"'{key}' is not a valid regular expression: {e.Message}"));
        }
    }
}
