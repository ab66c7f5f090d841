using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace GovGuard.Detection.Html;

/// <summary>
/// Applies the page's stylesheets (external texts, then &lt;style&gt; blocks, then style attributes) to its elements,
/// keeping only the properties that decide visibility. Rules are bucketed by the id, class or tag of their rightmost
/// compound selector, as browsers do, so each element is matched only against the rules that can apply to it.
/// </summary>
internal sealed class StyleCascade
{
    // Keys: importance, then origin (style attribute over sheets), then specificity, then source order.
    private const ulong ImportantBit = 1UL << 63;
    private const ulong InlineBit = 1UL << 62;

    private readonly List<Rule> _rules = [];
    private readonly Dictionary<string, List<int>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byClass = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byTag = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<int> _universal = [];
    private readonly CssSelectorParser _selectors = new();
    private int _order;

    private sealed record Rule(ISelector Selector, uint Specificity, int Order, (CssProperty Property, string Value, bool Important)[] Declarations);

    /// <summary>Number of rules with at least one relevant declaration.</summary>
    public int RuleCount => _rules.Count;

    /// <summary>Adds the rules of a stylesheet; at-rules other than screen media, supports and layers are skipped.</summary>
    public void AddSheet(string css, int maxRules)
    {
        var text = StripComments(css);
        AddBlock(text.AsSpan(), maxRules);
    }

    /// <summary>Computes the styles of every element that has a relevant value.</summary>
    public Dictionary<IElement, ElementStyle> Compute(IReadOnlyList<IElement> elements)
    {
        var result = new Dictionary<IElement, ElementStyle>();
        var candidates = new List<int>();
        var decls = new List<(CssProperty, string, bool)>();
        foreach (var e in elements)
        {
            ElementStyle? style = null;
            ApplyHints(e, ref style);
            if (_rules.Count > 0)
            {
                candidates.Clear();
                if (e.Id is { Length: > 0 } id && _byId.TryGetValue(id, out var ids))
                {
                    candidates.AddRange(ids);
                }

                foreach (var c in e.ClassList)
                {
                    if (_byClass.TryGetValue(c, out var cs))
                    {
                        candidates.AddRange(cs);
                    }
                }

                if (_byTag.TryGetValue(e.LocalName, out var tags))
                {
                    candidates.AddRange(tags);
                }

                candidates.AddRange(_universal);
                foreach (var r in candidates)
                {
                    var rule = _rules[r];
                    bool matched;
                    try
                    {
                        matched = rule.Selector.Match(e, null);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or NullReferenceException)
                    {
                        matched = false;
                    }

                    if (!matched)
                    {
                        continue;
                    }

                    style ??= new ElementStyle();
                    ulong key = ((ulong)rule.Specificity << 32) | (uint)rule.Order;
                    foreach (var (p, v, important) in rule.Declarations)
                    {
                        style.Apply(p, v, important ? key | ImportantBit : key);
                    }
                }
            }

            if (e.GetAttribute("style") is { Length: > 0 } inline)
            {
                decls.Clear();
                CssValues.ParseDeclarations(inline, (p, v, i) => decls.Add((p, v, i)));
                if (decls.Count > 0)
                {
                    style ??= new ElementStyle();
                    foreach (var (p, v, important) in decls)
                    {
                        style.Apply(p, v, InlineBit | (important ? ImportantBit : 0));
                    }
                }
            }

            if (style is not null)
            {
                result[e] = style;
            }
        }

        return result;
    }

    /// <summary>Presentational attributes, weaker than any stylesheet rule.</summary>
    private static void ApplyHints(IElement e, ref ElementStyle? style)
    {
        if (e.HasAttribute("hidden"))
        {
            (style ??= new ElementStyle()).Apply(CssProperty.Display, "none", 0);
        }

        if (!e.HasAttributes())
        {
            return;
        }

        switch (e.LocalName)
        {
            case "iframe" or "frame" or "img" or "marquee" or "table" or "td" or "div" or "embed" or "object":
                if (e.GetAttribute("width") is { Length: > 0 } w)
                {
                    (style ??= new ElementStyle()).Apply(CssProperty.Width, w.Trim().ToLowerInvariant(), 0);
                }

                if (e.GetAttribute("height") is { Length: > 0 } h)
                {
                    (style ??= new ElementStyle()).Apply(CssProperty.Height, h.Trim().ToLowerInvariant(), 0);
                }

                break;
        }

        if (e.GetAttribute("bgcolor") is { Length: > 0 } bg)
        {
            (style ??= new ElementStyle()).Apply(CssProperty.BackgroundColor, bg.Trim().ToLowerInvariant(), 0);
        }

        if (e.GetAttribute("background") is { Length: > 0 } bgImage)
        {
            (style ??= new ElementStyle()).Apply(CssProperty.BackgroundImage, bgImage, 0);
        }

        if (e.LocalName == "font")
        {
            if (e.GetAttribute("color") is { Length: > 0 } fc)
            {
                (style ??= new ElementStyle()).Apply(CssProperty.Color, fc.Trim().ToLowerInvariant(), 0);
            }

            if (e.GetAttribute("size") is { Length: > 0 } size && size.Trim() is "0")
            {
                (style ??= new ElementStyle()).Apply(CssProperty.FontSize, "0", 0);
            }
        }
    }

    private void AddBlock(ReadOnlySpan<char> css, int maxRules)
    {
        while (!css.IsEmpty && _rules.Count < maxRules)
        {
            int open = css.IndexOfAny('{', '}');
            if (open < 0)
            {
                return;
            }

            if (css[open] == '}')
            {
                css = css[(open + 1)..];
                continue;
            }

            var prelude = css[..open].Trim();
            int close = MatchingBrace(css, open);
            var body = css[(open + 1)..close];
            css = close < css.Length ? css[(close + 1)..] : [];

            // Statement at-rules (@import, @charset) end with ';' and may stand before the prelude.
            while (prelude.StartsWith('@') && prelude.IndexOf(';') is var semi and >= 0)
            {
                prelude = prelude[(semi + 1)..].Trim();
            }

            if (prelude.StartsWith('@'))
            {
                if (AppliesToScreen(prelude))
                {
                    AddBlock(body, maxRules);
                }

                continue;
            }

            AddRule(prelude, body);
        }
    }

    private void AddRule(ReadOnlySpan<char> selectorText, ReadOnlySpan<char> body)
    {
        var decls = new List<(CssProperty, string, bool)>();
        CssValues.ParseDeclarations(body, (p, v, i) => decls.Add((p, v, i)));
        if (decls.Count == 0)
        {
            return;
        }

        var declarations = decls.ToArray();
        while (!selectorText.IsEmpty)
        {
            int comma = CssValues.NextTopLevel(selectorText, ',');
            var one = selectorText[..comma].Trim();
            selectorText = comma < selectorText.Length ? selectorText[(comma + 1)..] : [];
            // Pseudo-elements style generated boxes, not the element.
            if (one.IsEmpty || one.Contains("::", StringComparison.Ordinal) || one.Contains(":before", StringComparison.OrdinalIgnoreCase)
                || one.Contains(":after", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = one.ToString();
            ISelector? selector;
            try
            {
                selector = _selectors.ParseSelector(text);
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
            {
                selector = null;
            }

            if (selector is null)
            {
                continue;
            }

            var s = selector.Specificity;
            uint specificity = ((uint)Math.Min((int)s.Ids, 255) << 16) | ((uint)Math.Min((int)s.Classes, 255) << 8) | Math.Min((uint)s.Tags, 255);
            int index = _rules.Count;
            _rules.Add(new Rule(selector, specificity, _order++, declarations));
            Bucket(text, index);
        }
    }

    /// <summary>Files a rule under the id, class or tag of its rightmost compound selector.</summary>
    private void Bucket(string selector, int index)
    {
        int start = 0, depth = 0;
        for (int i = 0; i < selector.Length; i++)
        {
            char c = selector[i];
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
            else if (depth == 0 && (c is ' ' or '>' or '+' or '~' || char.IsWhiteSpace(c)))
            {
                start = i + 1;
            }
        }

        var compound = selector.AsSpan(start);
        string? id = null, cls = null, tag = null;
        depth = 0;
        for (int i = 0; i < compound.Length; i++)
        {
            char c = compound[i];
            if (c is '(' or '[')
            {
                depth++;
                continue;
            }

            if (c is ')' or ']')
            {
                depth--;
                continue;
            }

            if (depth > 0)
            {
                continue;
            }

            if (c is '#' or '.')
            {
                int end = i + 1;
                while (end < compound.Length && (char.IsLetterOrDigit(compound[end]) || compound[end] is '-' or '_' || compound[end] > 127))
                {
                    end++;
                }

                var name = compound[(i + 1)..end].ToString();
                if (c == '#')
                {
                    id ??= name;
                }
                else
                {
                    cls ??= name;
                }

                i = end - 1;
            }
            else if (i == 0 && char.IsLetter(c))
            {
                int end = i + 1;
                while (end < compound.Length && (char.IsLetterOrDigit(compound[end]) || compound[end] == '-'))
                {
                    end++;
                }

                tag = compound[..end].ToString();
                i = end - 1;
            }
        }

        if (id is { Length: > 0 })
        {
            Add(_byId, id, index);
        }
        else if (cls is { Length: > 0 })
        {
            Add(_byClass, cls, index);
        }
        else if (tag is { Length: > 0 })
        {
            Add(_byTag, tag, index);
        }
        else
        {
            _universal.Add(index);
        }

        static void Add(Dictionary<string, List<int>> map, string key, int index)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            list.Add(index);
        }
    }

    /// <summary>
    /// True for blocks that apply to a desktop screen: @media for screen/all whose width conditions hold at the
    /// assumed viewport, @supports, @layer, @document; false for print, @font-face, @keyframes, @page.
    /// </summary>
    private static bool AppliesToScreen(ReadOnlySpan<char> prelude)
    {
        var p = prelude.ToString().ToLowerInvariant();
        if (p.StartsWith("@supports", StringComparison.Ordinal) || p.StartsWith("@layer", StringComparison.Ordinal)
            || p.StartsWith("@document", StringComparison.Ordinal) || p.StartsWith("@-moz-document", StringComparison.Ordinal))
        {
            return true;
        }

        if (!p.StartsWith("@media", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var query in p["@media".Length..].Split(','))
        {
            if (QueryHolds(query.Trim()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool QueryHolds(string query)
    {
        if (query.StartsWith("not ", StringComparison.Ordinal) || query.Contains("print", StringComparison.Ordinal)
            || query.Contains("speech", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in query.Split("and", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var f = part.Trim('(', ')', ' ');
            int colon = f.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var name = f[..colon].Trim();
            if (!CssValues.TryLength(f[(colon + 1)..].Trim(), out var px))
            {
                continue;
            }

            if ((name == "max-width" && CssValues.ViewportWidth > px) || (name == "min-width" && CssValues.ViewportWidth < px))
            {
                return false;
            }
        }

        return true;
    }

    private static int MatchingBrace(ReadOnlySpan<char> css, int open)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = open; i < css.Length; i++)
        {
            char c = css[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\')
                {
                    i++;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    if (--depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return css.Length;
    }

    private static string StripComments(string css)
    {
        if (!css.Contains("/*", StringComparison.Ordinal))
        {
            return css;
        }

        var sb = new System.Text.StringBuilder(css.Length);
        int i = 0;
        while (i < css.Length)
        {
            int start = css.IndexOf("/*", i, StringComparison.Ordinal);
            if (start < 0)
            {
                sb.Append(css, i, css.Length - i);
                break;
            }

            sb.Append(css, i, start - i);
            int end = css.IndexOf("*/", start + 2, StringComparison.Ordinal);
            i = end < 0 ? css.Length : end + 2;
        }

        return sb.ToString();
    }
}
