using AngleSharp.Dom;

namespace GovGuard.Detection.Html;

/// <summary>A link of the page (a or area with href).</summary>
/// <param name="Element">The element.</param>
/// <param name="Href">The href as written.</param>
/// <param name="Url">The absolute http(s) destination, or null for fragments of other schemes (javascript:, mailto:).</param>
/// <param name="Text">The anchor text (whitespace collapsed), else the alt or title of an image inside it.</param>
/// <param name="HasImage">True when the link shows an image.</param>
/// <param name="InNoscript">True when it stands inside &lt;noscript&gt; (seen only without scripts, and by spiders).</param>
/// <param name="Hiding">Why a visitor does not see it, or null when it is visible.</param>
public sealed record PageLink(IElement Element, string Href, Uri? Url, string Text, bool HasImage, bool InNoscript, Hiding? Hiding);

/// <summary>A script element: inline text or an external source.</summary>
/// <param name="Element">The element.</param>
/// <param name="Src">The src attribute as written, or null for inline code.</param>
/// <param name="Url">The absolute source, or null.</param>
/// <param name="Text">The inline code (empty for external scripts).</param>
/// <param name="IsJavaScript">False for data blocks and templates (application/ld+json, text/template, ...).</param>
public sealed record PageScript(IElement Element, string? Src, Uri? Url, string Text, bool IsJavaScript);

/// <summary>An iframe or frame.</summary>
/// <param name="Element">The element.</param>
/// <param name="Src">The src as written.</param>
/// <param name="Url">The absolute source, or null (about:blank, javascript:, missing).</param>
/// <param name="Hiding">Why it is not seen, or null.</param>
public sealed record PageFrame(IElement Element, string Src, Uri? Url, Hiding? Hiding);

/// <summary>A &lt;meta http-equiv="refresh"&gt;: the delay and the destination (null when it reloads the page).</summary>
public sealed record MetaRefresh(int DelaySeconds, Uri? Url, string Content);

/// <summary>What kind of thing a page loads.</summary>
public enum ResourceKind
{
    Script,
    Frame,
    Image,
    Stylesheet,
    Media,
    Embed,
}

/// <summary>A resource the page loads (img, script, iframe, stylesheet, media, embed), with its absolute URL.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Raw">The attribute value as written.</param>
/// <param name="Url">The absolute URL.</param>
/// <param name="Element">The element that loads it.</param>
public sealed record PageResource(ResourceKind Kind, string Raw, Uri Url, IElement Element);

/// <summary>A block of page text as a reader sees it: one paragraph, list item, cell or line.</summary>
/// <param name="Text">The text, whitespace collapsed.</param>
/// <param name="Hidden">True when the block is hidden by CSS (still text a spider reads).</param>
/// <param name="Path">The tag path of the block element, e.g. "html>body>div#main>ul>li".</param>
public sealed record TextBlock(string Text, bool Hidden, string Path);

/// <summary>Limits of <see cref="HtmlPage.Parse"/>; what goes past a limit is cut and <see cref="HtmlPage.Truncated"/> says so.</summary>
public sealed record HtmlPageOptions
{
    /// <summary>Characters of HTML parsed; the rest of a longer page is dropped.</summary>
    public int MaxChars { get; init; } = 8 * 1024 * 1024;

    /// <summary>Element nesting depth kept by the parser (deeper elements are attached at this depth).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>
    /// Unclosed container and formatting tags (div, table, b, font, ...) allowed before the page is cut: the parser's
    /// scope checks are quadratic in them, so a page of tens of thousands would take minutes.
    /// </summary>
    public int MaxOpenTags { get; init; } = 2000;

    /// <summary>Stylesheet rules read (over all sheets).</summary>
    public int MaxStyleRules { get; init; } = 20_000;

    /// <summary>Characters of text kept in <see cref="HtmlPage.Blocks"/>.</summary>
    public int MaxTextChars { get; init; } = 2 * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static HtmlPageOptions Default { get; } = new();
}
