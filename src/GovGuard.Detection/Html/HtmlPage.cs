using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GovGuard.Detection.Html;

/// <summary>
/// One fetched page parsed once (AngleSharp, scripting off so that &lt;noscript&gt; content is markup) and read
/// into what every page detector needs: title, text blocks, links with their visibility, scripts, frames, meta
/// refresh, noscript text, loaded resources and a structure signature. Immutable after <see cref="Parse"/>:
/// detectors on several threads may read one page at once.
/// </summary>
public sealed class HtmlPage
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "ul", "marquee", "center", "option", "legend", "menu", "html",
    };

    private static readonly HashSet<string> SkippedTags = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "noscript", "head", "iframe", "frame", "object", "svg", "math", "canvas",
    };

    private readonly Dictionary<IElement, ElementStyle> _styles;
    private readonly object _documentLock = new();

    private HtmlPage(Uri url, IDocument document, Dictionary<IElement, ElementStyle> styles)
    {
        Url = url;
        Document = document;
        _styles = styles;
    }

    /// <summary>The page's URL as fetched (after redirects).</summary>
    public Uri Url { get; }

    /// <summary>The title, whitespace collapsed; empty when there is none.</summary>
    public string Title { get; private set; } = "";

    /// <summary>Text blocks in document order, hidden ones included and marked.</summary>
    public IReadOnlyList<TextBlock> Blocks { get; private set; } = [];

    /// <summary>Every link with its destination and visibility.</summary>
    public IReadOnlyList<PageLink> Links { get; private set; } = [];

    /// <summary>Every script element.</summary>
    public IReadOnlyList<PageScript> Scripts { get; private set; } = [];

    /// <summary>Every iframe and frame.</summary>
    public IReadOnlyList<PageFrame> Frames { get; private set; } = [];

    /// <summary>The meta refresh, or null.</summary>
    public MetaRefresh? Refresh { get; private set; }

    /// <summary>The text of each &lt;noscript&gt; element.</summary>
    public IReadOnlyList<string> NoscriptTexts { get; private set; } = [];

    /// <summary>Resources the page loads, with absolute http(s) URLs.</summary>
    public IReadOnlyList<PageResource> Resources { get; private set; } = [];

    /// <summary>Distinct tag paths of the element tree (tag names only, hashed): what a layout looks like.</summary>
    public IReadOnlySet<uint> Structure { get; private set; } = new HashSet<uint>();

    /// <summary>Number of elements.</summary>
    public int ElementCount { get; private set; }

    /// <summary>Stylesheet rules that carry a visibility-relevant declaration.</summary>
    public int StyleRuleCount { get; private set; }

    /// <summary>True when a limit of <see cref="HtmlPageOptions"/> cut the page, its text or its styles.</summary>
    public bool Truncated { get; private set; }

    /// <summary>All block text (hidden blocks included: spiders and harmful-content checks read it), one block a line.</summary>
    public string Text => _text ??= string.Join('\n', Blocks.Select(b => b.Text));

    /// <summary>The text a visitor sees, one block a line.</summary>
    public string VisibleText => _visibleText ??= string.Join('\n', Blocks.Where(b => !b.Hidden).Select(b => b.Text));

    // Computed on first use; a race computes the same string twice, which is harmless.
    private string? _text;
    private string? _visibleText;

    /// <summary>The parsed document. AngleSharp is not documented thread-safe: selector queries take the page's lock.</summary>
    internal IDocument Document { get; }

    /// <summary>Parses a page. Never throws for bad markup: whatever the parser makes of it is read.</summary>
    /// <param name="url">The page URL after redirects; relative links resolve against it (or its &lt;base&gt;).</param>
    /// <param name="html">The response already decoded to text.</param>
    /// <param name="externalCss">Texts of the external stylesheets the caller fetched, in the page's order.</param>
    /// <param name="options">Limits; <see cref="HtmlPageOptions.Default"/> when null.</param>
    public static HtmlPage Parse(Uri url, string html, IReadOnlyList<string>? externalCss = null, HtmlPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(html);
        options ??= HtmlPageOptions.Default;
        bool truncated = false;
        if (html.Length > options.MaxChars)
        {
            html = html[..options.MaxChars];
            truncated = true;
        }

        int safe = NestingGuard.SafeLength(html, options.MaxOpenTags);
        if (safe < html.Length)
        {
            html = html[..safe];
            truncated = true;
        }

        var parser = new HtmlParser(new HtmlParserOptions
        {
            IsScripting = false,
            MaximumDepth = options.MaxDepth,
            SkipComments = true,
            SkipProcessingInstructions = true,
        });
        var document = parser.ParseDocument(html);
        var elements = AllElements(document);

        var cascade = new StyleCascade();
        foreach (var css in externalCss ?? [])
        {
            if (css is not null)
            {
                cascade.AddSheet(css, options.MaxStyleRules);
            }
        }

        foreach (var e in elements)
        {
            if (e.LocalName == "style" && !IsInSvg(e))
            {
                cascade.AddSheet(e.TextContent, options.MaxStyleRules);
            }
        }

        truncated |= cascade.RuleCount >= options.MaxStyleRules;
        var styles = cascade.Compute(elements);
        ScriptHiding.Apply(elements, styles);
        var page = new HtmlPage(url, document, styles)
        {
            ElementCount = elements.Count,
            StyleRuleCount = cascade.RuleCount,
            _externalSheets = externalCss?.Count ?? 0,
        };
        page.Read(elements, options, ref truncated);
        page.Truncated = truncated;
        return page;
    }

    /// <summary>The cascaded style of an element (empty when nothing relevant is set).</summary>
    public ElementStyle StyleOf(IElement element) => _styles.GetValueOrDefault(element) ?? EmptyStyle;

    private static readonly ElementStyle EmptyStyle = new();

    /// <summary>
    /// Why a visitor does not see <paramref name="element"/>: its own box or an ancestor's (display, visibility,
    /// opacity, off-screen, zero size, clip, tiny marquee), and, when <paramref name="textOnly"/>, what hides only
    /// text (tiny font, far text-indent, colour equal to the background). Null when it is visible.
    /// </summary>
    public Hiding? HidingOf(IElement element, bool textOnly = true)
    {
        ArgumentNullException.ThrowIfNull(element);

        // visibility inherits and a descendant may turn it back on: the nearest element that sets it decides.
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (_styles.TryGetValue(e, out var s) && s[CssProperty.Visibility] is { } v)
            {
                if (v is "hidden" or "collapse")
                {
                    return new Hiding(HidingTechnique.VisibilityHidden, e, "visibility:" + v, e != element);
                }

                break;
            }
        }

        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (_styles.TryGetValue(e, out var s) && HidingRules.Box(e, s) is { } box)
            {
                return new Hiding(box.Technique, e, box.Declaration, e != element);
            }
        }

        return textOnly ? TextHiding(element) : null;
    }

    /// <summary>A start tag as written, attributes included, for evidence.</summary>
    public static string StartTag(IElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var sb = new StringBuilder("<").Append(element.LocalName);
        foreach (var a in element.Attributes)
        {
            sb.Append(' ').Append(a.Name).Append("=\"").Append(a.Value.Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');
            if (sb.Length > 400)
            {
                break;
            }
        }

        return sb.Append('>').ToString();
    }

    /// <summary>The outer HTML of an element, cut to <paramref name="max"/> characters (without serialising a huge subtree).</summary>
    public static string Snippet(IElement element, int max = 300)
    {
        ArgumentNullException.ThrowIfNull(element);
        var start = StartTag(element);
        if (start.Length >= max || element.ChildElementCount > 50)
        {
            return Cut(start + Collapse(element.TextContent), max);
        }

        return Cut(element.OuterHtml, max);
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max - 1), "…");

    private Hiding? TextHiding(IElement element)
    {
        IElement? fontAt = null, indentAt = null, colourAt = null;
        string? colour = null;
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (!_styles.TryGetValue(e, out var s))
            {
                continue;
            }

            if (fontAt is null && s[CssProperty.FontSize] is { } fs)
            {
                fontAt = e;
                if (HidingRules.TinyFont(fs))
                {
                    return new Hiding(HidingTechnique.TinyFont, e, "font-size:" + fs, e != element);
                }
            }

            if (indentAt is null && s[CssProperty.TextIndent] is { } ti)
            {
                indentAt = e;
                if (HidingRules.FarIndent(ti))
                {
                    return new Hiding(HidingTechnique.TextIndent, e, "text-indent:" + ti, e != element);
                }
            }

            if (colourAt is null && s[CssProperty.Color] is { } c)
            {
                colourAt = e;
                colour = c;
            }
        }

        if (colourAt is null || !CssValues.TryColour(colour, out var fg))
        {
            return null;
        }

        // The nearest painted background: a colour, or an image we cannot see through (then no verdict).
        // The white canvas is assumed only when every stylesheet of the page was handed in: a sheet not read may paint it.
        int bg = 0xFFFFFF;
        string? bgText = _allStylesRead ? "default white" : null;
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (!_styles.TryGetValue(e, out var s))
            {
                continue;
            }

            if (s[CssProperty.BackgroundImage] is { } img && img != "none")
            {
                return null;
            }

            if (s[CssProperty.BackgroundColor] is { } b)
            {
                if (CssValues.TryColour(b, out var rgb))
                {
                    bg = rgb;
                    bgText = "background-color:" + b;
                    break;
                }

                if (b is not ("transparent" or "none" or "initial" or "inherit"))
                {
                    return null;
                }
            }
        }

        return bgText is not null && CssValues.LookAlike(fg, bg)
            ? new Hiding(HidingTechnique.ColourCamouflage, colourAt, $"color:{colour};{bgText}", colourAt != element)
            : null;
    }

    private void Read(List<IElement> elements, HtmlPageOptions options, ref bool truncated)
    {
        var baseUri = Url;
        var links = new List<PageLink>();
        var scripts = new List<PageScript>();
        var frames = new List<PageFrame>();
        var noscripts = new List<string>();
        var resources = new List<PageResource>();
        int sheets = 0;
        foreach (var e in elements)
        {
            if (e.LocalName == "base" && baseUri == Url && e.GetAttribute("href") is { } b && Uri.TryCreate(Url, b.Trim(), out var bu) && IsWeb(bu))
            {
                baseUri = bu;
            }
            else if (e.LocalName == "link" && (e.GetAttribute("rel") ?? "").Contains("stylesheet", StringComparison.OrdinalIgnoreCase))
            {
                sheets++;
            }
        }

        // Before any hiding is judged: colour checks need to know whether a stylesheet went unread.
        _allStylesRead = sheets <= _externalSheets;

        foreach (var e in elements)
        {
            switch (e.LocalName)
            {
                case "title" when Title.Length == 0 && !IsInSvg(e):
                    Title = Collapse(e.TextContent);
                    break;
                case "a" or "area":
                    if (e.GetAttribute("href") is { } href)
                    {
                        var img = FirstImage(e);
                        bool image = img is not null || e.LocalName == "area";
                        var text = Collapse(e.TextContent);
                        if (text.Length == 0)
                        {
                            text = Collapse(img?.GetAttribute("alt") ?? e.GetAttribute("title") ?? e.GetAttribute("alt") ?? "");
                        }

                        links.Add(new PageLink(e, href, Resolve(baseUri, href), text, image, Closest(e, "noscript"),
                            HidingOf(e, textOnly: !image)));
                    }

                    break;
                case "script":
                {
                    var src = e.GetAttribute("src");
                    var url = src is null ? null : Resolve(baseUri, src);
                    var type = (e.GetAttribute("type") ?? "").Trim().ToLowerInvariant();
                    bool js = type is "" or "text/javascript" or "application/javascript" or "module" or "text/ecmascript"
                        or "application/x-javascript" or "text/jscript" or "application/ecmascript";
                    scripts.Add(new PageScript(e, src, url, src is null ? e.TextContent : "", js));
                    if (url is not null)
                    {
                        resources.Add(new PageResource(ResourceKind.Script, src!, url, e));
                    }

                    break;
                }

                case "iframe" or "frame":
                {
                    var src = e.GetAttribute("src") ?? "";
                    var url = Resolve(baseUri, src);
                    frames.Add(new PageFrame(e, src, url, HidingOf(e, textOnly: false)));
                    if (url is not null)
                    {
                        resources.Add(new PageResource(ResourceKind.Frame, src, url, e));
                    }

                    break;
                }

                case "img" or "input" when e.LocalName == "img" || string.Equals(e.GetAttribute("type"), "image", StringComparison.OrdinalIgnoreCase):
                    AddResource(resources, baseUri, ResourceKind.Image, e, e.GetAttribute("src"));
                    break;
                case "link":
                {
                    var rel = (e.GetAttribute("rel") ?? "").ToLowerInvariant();
                    if (rel.Contains("stylesheet", StringComparison.Ordinal) || rel.Contains("icon", StringComparison.Ordinal))
                    {
                        AddResource(resources, baseUri, rel.Contains("stylesheet", StringComparison.Ordinal) ? ResourceKind.Stylesheet : ResourceKind.Image, e, e.GetAttribute("href"));
                    }

                    break;
                }

                case "video" or "audio" or "source" or "track":
                    AddResource(resources, baseUri, ResourceKind.Media, e, e.GetAttribute("src"));
                    break;
                case "embed":
                    AddResource(resources, baseUri, ResourceKind.Embed, e, e.GetAttribute("src"));
                    break;
                case "object":
                    AddResource(resources, baseUri, ResourceKind.Embed, e, e.GetAttribute("data"));
                    break;
                case "noscript":
                    noscripts.Add(Collapse(e.TextContent));
                    break;
                case "meta" when Refresh is null && string.Equals(e.GetAttribute("http-equiv")?.Trim(), "refresh", StringComparison.OrdinalIgnoreCase):
                    Refresh = ParseRefresh(baseUri, e.GetAttribute("content") ?? "");
                    break;
            }
        }

        Links = links;
        Scripts = scripts;
        Frames = frames;
        NoscriptTexts = noscripts;
        Resources = resources;
        Structure = StructureOf(Document);
        _maxTextChars = options.MaxTextChars;
        Blocks = ReadBlocks(null, ref truncated);
    }

    private int _maxTextChars;
    private bool _allStylesRead = true;
    private int _externalSheets;

    /// <summary>
    /// The elements matched by any of the CSS selectors (invalid selectors are skipped), for per-site ignore rules.
    /// </summary>
    public IReadOnlySet<IElement> Select(IReadOnlyList<string> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var set = new HashSet<IElement>();
        if (selectors.Count == 0)
        {
            return set;
        }

        lock (_documentLock)
        {
            foreach (var selector in selectors)
            {
                try
                {
                    foreach (var e in Document.QuerySelectorAll(selector))
                    {
                        set.Add(e);
                    }
                }
                catch (DomException)
                {
                    // An invalid selector in a site's ignore rules drops nothing.
                }
            }
        }

        return set;
    }

    /// <summary>True when the element is one of <paramref name="set"/> or inside one.</summary>
    public static bool IsWithin(IElement element, IReadOnlySet<IElement> set)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(set);
        if (set.Count == 0)
        {
            return false;
        }

        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (set.Contains(e))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text blocks with everything inside <paramref name="ignored"/> left out.</summary>
    public IReadOnlyList<TextBlock> BlocksExcept(IReadOnlySet<IElement> ignored)
    {
        ArgumentNullException.ThrowIfNull(ignored);
        if (ignored.Count == 0)
        {
            return Blocks;
        }

        bool truncated = false;
        return ReadBlocks(ignored, ref truncated);
    }

    /// <summary>Walks the body's nodes once, cutting text into blocks at block elements, line breaks and hidden boxes.</summary>
    private List<TextBlock> ReadBlocks(IReadOnlySet<IElement>? ignored, ref bool truncated)
    {
        int maxChars = _maxTextChars;
        var blocks = new List<TextBlock>();
        var root = Document.Body ?? Document.DocumentElement;
        if (root is null)
        {
            return blocks;
        }

        var text = new StringBuilder();
        int total = 0;
        int hiddenDepth = 0;
        var owners = new Stack<IElement>();
        var stack = new Stack<(INode Node, bool Exit, bool Hides)>();
        stack.Push((root, false, false));
        while (stack.Count > 0)
        {
            var (node, exit, hides) = stack.Pop();
            if (node is IElement el)
            {
                bool block = BlockTags.Contains(el.LocalName) || hides;
                if (exit)
                {
                    if (block)
                    {
                        Flush();
                        owners.Pop();
                    }

                    if (hides)
                    {
                        hiddenDepth--;
                    }

                    continue;
                }

                if (SkippedTags.Contains(el.LocalName) || (ignored is not null && ignored.Contains(el)))
                {
                    continue;
                }

                if (el.LocalName == "br")
                {
                    Flush();
                    continue;
                }

                bool ownHiding = _styles.TryGetValue(el, out var s)
                    && (HidingRules.Box(el, s) is not null || s[CssProperty.Visibility] is "hidden" or "collapse");
                if (ownHiding || BlockTags.Contains(el.LocalName))
                {
                    Flush();
                    owners.Push(el);
                }

                if (ownHiding)
                {
                    hiddenDepth++;
                }

                stack.Push((el, true, ownHiding));
                for (var child = el.LastChild; child is not null; child = child.PreviousSibling)
                {
                    stack.Push((child, false, false));
                }
            }
            else if (node.NodeType == NodeType.Text && total < maxChars)
            {
                var data = node.TextContent;
                text.Append(data);
                total += data.Length;
                if (total >= maxChars)
                {
                    truncated = true;
                }
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (text.Length == 0)
            {
                return;
            }

            var t = Collapse(text.ToString());
            text.Clear();
            if (t.Length == 0)
            {
                return;
            }

            var owner = owners.Count > 0 ? owners.Peek() : root;
            bool hidden = hiddenDepth > 0 || HidingOf(owner, textOnly: true) is not null;
            blocks.Add(new TextBlock(t, hidden, TagPath(owner)));
        }
    }

    private static List<IElement> AllElements(IDocument document)
    {
        var list = new List<IElement>(1024);
        if (document.DocumentElement is not { } root)
        {
            return list;
        }

        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            list.Add(e);
            for (var c = e.LastElementChild; c is not null; c = c.PreviousElementSibling)
            {
                stack.Push(c);
            }
        }

        return list;
    }

    /// <summary>Hashes of the distinct tag paths from the root (12 levels at most), chained so no path string is built.</summary>
    private static HashSet<uint> StructureOf(IDocument document)
    {
        var set = new HashSet<uint>();
        if (document.DocumentElement is not { } root)
        {
            return set;
        }

        var stack = new Stack<(IElement Element, ulong Parent, int Depth)>();
        stack.Push((root, 0, 0));
        while (stack.Count > 0)
        {
            var (e, parent, depth) = stack.Pop();
            ulong h = depth >= 12 ? parent : (parent * 1099511628211UL) ^ StableHash.Of(e.LocalName);
            set.Add((uint)(h ^ (h >> 32)));
            for (var c = e.LastElementChild; c is not null; c = c.PreviousElementSibling)
            {
                stack.Push((c, h, depth + 1));
            }
        }

        return set;
    }

    /// <summary>"html>body>div#main>ul>li": tag names and short ids from the root, at most 12 levels.</summary>
    internal static string TagPath(IElement element)
    {
        var parts = new List<string>(16);
        for (var e = element; e is not null && parts.Count < 12; e = e.ParentElement)
        {
            parts.Add(e.Id is { Length: > 0 and < 40 } id ? e.LocalName + "#" + id : e.LocalName);
        }

        parts.Reverse();
        return string.Join('>', parts);
    }

    private static IElement? FirstImage(IElement link)
    {
        var stack = new Stack<IElement>();
        for (var c = link.LastElementChild; c is not null; c = c.PreviousElementSibling)
        {
            stack.Push(c);
        }

        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e.LocalName == "img")
            {
                return e;
            }

            for (var c = e.LastElementChild; c is not null; c = c.PreviousElementSibling)
            {
                stack.Push(c);
            }
        }

        return null;
    }

    private static bool Closest(IElement e, string tag)
    {
        for (var p = e.ParentElement; p is not null; p = p.ParentElement)
        {
            if (p.LocalName == tag)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInSvg(IElement e) => e.NamespaceUri is { } ns && ns != AngleSharp.Dom.NamespaceNames.HtmlUri;

    private static void AddResource(List<PageResource> resources, Uri baseUri, ResourceKind kind, IElement element, string? raw)
    {
        if (raw is not null && Resolve(baseUri, raw) is { } url)
        {
            resources.Add(new PageResource(kind, raw, url, element));
        }
    }

    /// <summary>An absolute http(s) URL for an attribute value, or null (javascript:, mailto:, data:, bad syntax).</summary>
    public static Uri? Resolve(Uri baseUri, string raw)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var r = raw.Trim();
        if (r.Length > 4096)
        {
            return null;
        }

        return Uri.TryCreate(baseUri, r, out var u) && IsWeb(u) ? u : null;
    }

    private static bool IsWeb(Uri u) => u.IsAbsoluteUri && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) && u.Host.Length > 0;

    private static MetaRefresh ParseRefresh(Uri baseUri, string content)
    {
        var c = content.Trim();
        int sep = c.IndexOfAny([';', ',']);
        var delayText = (sep < 0 ? c : c[..sep]).Trim();
        _ = int.TryParse(delayText.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var delay);
        Uri? url = null;
        if (sep >= 0)
        {
            var rest = c[(sep + 1)..].Trim();
            if (rest.StartsWith("url", StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[3..].TrimStart();
                if (rest.StartsWith('='))
                {
                    rest = rest[1..].Trim();
                }
            }

            rest = rest.Trim('\'', '"', ' ');
            url = Resolve(baseUri, rest);
        }

        return new MetaRefresh(delay, url, content);
    }

    /// <summary>Collapses runs of white space (including no-break and ideographic spaces) to one space and trims.</summary>
    public static string Collapse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0' || c == '\u3000' || c == '\u200B' || c == '\uFEFF')
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
