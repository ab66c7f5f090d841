namespace GovGuard.Platform.Fetching;

/// <summary>
/// A small, allocation-free reader of start tags and their attributes, enough to find links and
/// &lt;meta charset&gt;. Skips comments, doctype and the raw text of script, style, textarea and title,
/// so that a link written inside a script or a comment is not taken for a navigable one.
/// Malformed markup never throws: the reader moves on to the next '&lt;'.
/// </summary>
internal ref struct HtmlTagReader(ReadOnlySpan<char> html)
{
    private readonly ReadOnlySpan<char> html = html;
    private int pos;
    private int attrPos = -1;
    private int tagStart;
    private int tagLength;

    /// <summary>Moves to the next start tag; its name is lower-case ASCII letters and digits as written (compare ignoring case).</summary>
    public bool NextTag(out ReadOnlySpan<char> name)
    {
        SkipRawText();
        while (true)
        {
            var lt = html[pos..].IndexOf('<');
            if (lt < 0)
            {
                pos = html.Length;
                name = default;
                attrPos = -1;
                return false;
            }

            pos += lt + 1;
            var rest = html[pos..];
            if (rest.StartsWith("!--"))
            {
                var end = rest[3..].IndexOf("-->");
                pos = end < 0 ? html.Length : pos + 3 + end + 3;
                continue;
            }

            if (rest.Length == 0 || !char.IsAsciiLetter(rest[0]))
            {
                // End tags, <!doctype>, <?xml?>, stray '<': not start tags.
                continue;
            }

            var n = 1;
            while (n < rest.Length && (char.IsAsciiLetterOrDigit(rest[n]) || rest[n] == '-'))
            {
                n++;
            }

            name = rest[..n];
            tagStart = pos;
            tagLength = n;
            pos += n;
            attrPos = pos;
            return true;
        }
    }

    /// <summary>The next attribute of the current tag; a value-less attribute has an empty value. Entities are left as written.</summary>
    public bool NextAttribute(out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        name = default;
        value = default;
        if (attrPos < 0)
        {
            return false;
        }

        var s = html;
        var i = attrPos;
        while (i < s.Length && (char.IsWhiteSpace(s[i]) || s[i] == '/'))
        {
            i++;
        }

        if (i >= s.Length || s[i] == '>')
        {
            attrPos = -1;
            pos = Math.Min(i + 1, s.Length);
            return false;
        }

        var nameStart = i;
        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('=' or '>' or '/'))
        {
            i++;
        }

        name = s[nameStart..Math.Max(i, nameStart + 1)];
        i = Math.Max(i, nameStart + 1);
        var j = i;
        while (j < s.Length && char.IsWhiteSpace(s[j]))
        {
            j++;
        }

        if (j < s.Length && s[j] == '=')
        {
            j++;
            while (j < s.Length && char.IsWhiteSpace(s[j]))
            {
                j++;
            }

            if (j < s.Length && s[j] is '"' or '\'')
            {
                var quote = s[j];
                var close = s[(j + 1)..].IndexOf(quote);
                var end = close < 0 ? s.Length : j + 1 + close;
                value = s[(j + 1)..end];
                i = Math.Min(end + 1, s.Length);
            }
            else
            {
                var start = j;
                while (j < s.Length && !char.IsWhiteSpace(s[j]) && s[j] != '>')
                {
                    j++;
                }

                value = s[start..j];
                i = j;
            }
        }

        attrPos = i;
        pos = i;
        return true;
    }

    /// <summary>After a start tag whose content is raw text (script, style, textarea, title, ...), skips to its end tag.</summary>
    private void SkipRawText()
    {
        if (tagLength == 0)
        {
            return;
        }

        var tagName = html.Slice(tagStart, tagLength);
        tagLength = 0;
        while (attrPos >= 0 && NextAttribute(out _, out _))
        {
        }

        if (!IsRawText(tagName))
        {
            return;
        }

        Span<char> closing = stackalloc char[2 + tagName.Length];
        "</".CopyTo(closing);
        tagName.CopyTo(closing[2..]);
        var end = html[pos..].IndexOf(closing, StringComparison.OrdinalIgnoreCase);
        pos = end < 0 ? html.Length : pos + end;
    }

    private static bool IsRawText(ReadOnlySpan<char> tag) =>
        tag.Equals("script", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("style", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("textarea", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("title", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("xmp", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("noembed", StringComparison.OrdinalIgnoreCase)
        || tag.Equals("noframes", StringComparison.OrdinalIgnoreCase);
}
