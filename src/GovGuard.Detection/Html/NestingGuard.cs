namespace GovGuard.Detection.Html;

/// <summary>
/// A linear pre-scan that finds where a page's unclosed container and formatting tags pile up past a limit.
/// The HTML tree builder checks element scopes by walking its stack of open elements, so tens of thousands of
/// unclosed &lt;div&gt; or &lt;b&gt; tags cost quadratic time (measured: 100,000 unclosed divs took 95 s to parse);
/// no real page comes near the limit, so the input is cut there instead.
/// </summary>
internal static class NestingGuard
{
    // Tags that HTML does not close implicitly; p, li, td, option and the like close themselves and are not counted.
    private static readonly HashSet<string> Counted = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "aside", "nav", "header", "footer", "main", "form", "fieldset", "blockquote",
        "center", "ul", "ol", "dl", "table", "figure", "details", "span", "b", "i", "u", "s", "em", "strong", "font",
        "a", "small", "big", "nobr", "tt", "code", "label", "object", "button", "marquee",
    };

    /// <summary>The length of the prefix of <paramref name="html"/> in which no more than <paramref name="maxOpen"/> counted tags are open.</summary>
    public static int SafeLength(string html, int maxOpen)
    {
        int open = 0;
        int i = 0;
        Span<char> name = stackalloc char[12];
        while (true)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                return html.Length;
            }

            int p = lt + 1;
            bool closing = html[p] == '/';
            if (closing)
            {
                p++;
            }

            int n = 0;
            while (p < html.Length && n < name.Length && char.IsAsciiLetterOrDigit(html[p]))
            {
                name[n++] = html[p++];
            }

            i = p;
            if (n == 0 || n == name.Length || (p < html.Length && html[p] != '>' && !char.IsWhiteSpace(html[p]) && html[p] != '/'))
            {
                continue;
            }

            var alternate = Counted.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!alternate.Contains(name[..n]))
            {
                continue;
            }

            if (closing)
            {
                open = Math.Max(0, open - 1);
            }
            else if (++open > maxOpen)
            {
                return lt;
            }
        }
    }
}
