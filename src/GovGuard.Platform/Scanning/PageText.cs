using System.Text;

namespace GovGuard.Platform.Scanning;

/// <summary>
/// The text of an HTML page for the lexicon: markup, scripts and styles removed, every element's text kept
/// (hidden text too), block boundaries as line breaks so that words of two blocks never join. Character
/// references stay as written: the harmful-content normaliser decodes them and sees through their disguises.
/// </summary>
internal static class PageText
{
    private static readonly string[] Skipped = ["script", "style", "template", "svg"];

    public static string Of(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var sb = new StringBuilder(html.Length / 2);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                sb.Append(html, i, html.Length - i);
                break;
            }

            sb.Append(html, i, lt - i);
            if (html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }

            var gt = html.IndexOf('>', lt + 1);
            if (gt < 0)
            {
                break;
            }

            var name = TagName(html.AsSpan(lt + 1, gt - lt - 1));
            if (sb.Length > 0 && sb[^1] != '\n')
            {
                sb.Append('\n');
            }

            i = gt + 1;
            foreach (var skipped in Skipped)
            {
                if (name.Equals(skipped, StringComparison.OrdinalIgnoreCase))
                {
                    var close = html.IndexOf("</" + skipped, i, StringComparison.OrdinalIgnoreCase);
                    i = close < 0 ? html.Length : close;
                    break;
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>An excerpt of page text as one line: runs of white space (block breaks included) become one space.</summary>
    public static string Collapse(string excerpt)
    {
        ArgumentNullException.ThrowIfNull(excerpt);
        var sb = new StringBuilder(excerpt.Length);
        foreach (var c in excerpt.AsSpan().Trim())
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
            else if (sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> tag)
    {
        var n = 0;
        while (n < tag.Length && (char.IsAsciiLetterOrDigit(tag[n]) || tag[n] == '-'))
        {
            n++;
        }

        return tag[..n];
    }
}
