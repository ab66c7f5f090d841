namespace GovGuard.Detection.Html;

/// <summary>The line discipline of the page rule files: '#' comments, blank lines skipped, 1-based numbers kept.</summary>
internal static class RuleLines
{
    /// <summary>Non-empty, non-comment lines (trimmed, BOM dropped) with their 1-based numbers.</summary>
    public static IEnumerable<(int Line, string Text)> Read(string text)
    {
        int lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r').Trim(' ', '\t', '\uFEFF');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            yield return (lineNo, line);
        }
    }

    /// <summary>One DNS label: letters, digits and '-' (internationalised labels in their xn-- form).</summary>
    public static bool IsLabel(string s) =>
        s.Length is > 0 and <= 63 && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && s[0] != '-' && s[^1] != '-';

    /// <summary>A host name of dot-separated labels, optionally starting with "*.".</summary>
    public static bool IsHost(string s)
    {
        if (s.StartsWith("*.", StringComparison.Ordinal))
        {
            s = s[2..];
        }

        return s.Length is > 0 and <= 253 && s.Split('.').All(IsLabel);
    }
}
