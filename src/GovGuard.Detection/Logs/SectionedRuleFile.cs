using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Logs;

/// <summary>
/// Reads the project's rule file format shared by log and webshell rules: <c>[rule-id]</c> headers,
/// <c>key = value</c> lines below them, <c>#</c> comments. Everything after the first '=' is the value,
/// so regular expressions need no escaping. A bad line fails with its file and line.
/// </summary>
public static class SectionedRuleFile
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    public static IReadOnlyList<RuleSection> Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sections = new List<RuleSection>();
        RuleSection? current = null;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.Length < 3)
                {
                    throw new RuleFormatException(file, lineNo, "a section header is written [rule-id]");
                }

                var id = line[1..^1].Trim();
                if (id.Length == 0 || id.Any(c => char.IsWhiteSpace(c)))
                {
                    throw new RuleFormatException(file, lineNo, "a rule id is one word without spaces");
                }

                if (sections.Any(s => string.Equals(s.Id, id, StringComparison.Ordinal)))
                {
                    throw new RuleFormatException(file, lineNo, $"rule id '{id}' is defined twice in this file");
                }

                current = new RuleSection(file, id, lineNo);
                sections.Add(current);
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new RuleFormatException(file, lineNo, "expected 'key = value' or '[rule-id]'");
            }

            if (current is null)
            {
                throw new RuleFormatException(file, lineNo, "a 'key = value' line must follow a [rule-id] header");
            }

            var key = line[..eq].Trim().ToLowerInvariant();
            var value = line[(eq + 1)..].Trim();
            if (!current.Values.TryAdd(key, (value, lineNo)))
            {
                throw new RuleFormatException(file, lineNo, $"key '{key}' is given twice in rule '{current.Id}'");
            }
        }

        return sections;
    }
}

/// <summary>One <c>[rule-id]</c> block of a rule file with its keys and the lines they stand on.</summary>
public sealed class RuleSection(string file, string id, int line)
{
    public string File { get; } = file;

    public string Id { get; } = id;

    public int Line { get; } = line;

    public Dictionary<string, (string Value, int Line)> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The value of a key, or null when absent.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out var v) ? v.Value : null;

    /// <summary>The value of a required key; fails naming the rule when missing.</summary>
    public string Require(string key) =>
        Get(key) is { Length: > 0 } v ? v : throw Error(key, $"rule '{Id}' needs '{key} = ...'");

    /// <summary>An error at the line of <paramref name="key"/> (or the header when the key is absent).</summary>
    public RuleFormatException Error(string key, string problem) =>
        new(File, Values.TryGetValue(key, out var v) ? v.Line : Line, problem);

    /// <summary>Fails on keys the reader does not know (a typo must not silently disable a rule).</summary>
    public void OnlyKeys(params string[] known)
    {
        foreach (var (key, (_, line)) in Values)
        {
            if (Array.IndexOf(known, key) < 0)
            {
                throw new RuleFormatException(File, line, $"unknown key '{key}' in rule '{Id}' (known: {string.Join(", ", known)})");
            }
        }
    }

    /// <summary>An integer key with bounds, or <paramref name="fallback"/> when absent.</summary>
    public int GetInt(string key, int fallback, int min, int max)
    {
        if (Get(key) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Error(key, $"'{key}' must be a whole number from {min} to {max}");
    }
}
