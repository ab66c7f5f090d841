using AngleSharp.Dom;

namespace GovGuard.Detection.Html;

/// <summary>How an element is kept from a visitor's eyes.</summary>
public enum HidingTechnique
{
    /// <summary>display:none or the hidden attribute.</summary>
    DisplayNone,

    /// <summary>visibility:hidden or collapse.</summary>
    VisibilityHidden,

    /// <summary>opacity (or an old alpha filter) at or near zero.</summary>
    Opacity,

    /// <summary>Positioned, shifted or transformed far outside the page.</summary>
    Offscreen,

    /// <summary>A box of zero or one pixel that clips its content, or scaled to nothing.</summary>
    ZeroSize,

    /// <summary>A box of a few pixels that clips its content (overflow:hidden on a sliver).</summary>
    Overflow,

    /// <summary>Text of one pixel or less.</summary>
    TinyFont,

    /// <summary>Text pushed out of its box by a far negative (or far positive) text-indent.</summary>
    TextIndent,

    /// <summary>clip or clip-path that leaves nothing to see.</summary>
    Clip,

    /// <summary>Text in the colour of its background.</summary>
    ColourCamouflage,

    /// <summary>A marquee a few pixels tall or wide that scrolls its content out of sight.</summary>
    TinyMarquee,
}

/// <summary>Why something on a page is not seen: the technique, the element whose style does it, and the declaration.</summary>
/// <param name="Technique">The technique.</param>
/// <param name="Element">The element whose style hides (the link itself or an ancestor).</param>
/// <param name="Declaration">The deciding CSS, e.g. "position:absolute;left:-9999px".</param>
/// <param name="ByAncestor">True when an ancestor, not the element itself, hides it.</param>
public sealed record Hiding(HidingTechnique Technique, IElement Element, string Declaration, bool ByAncestor);

/// <summary>The visibility checks over cascaded styles.</summary>
internal static class HidingRules
{
    // How far outside the page a box must be to count as moved away (legitimate layouts stay well within).
    private const double FarAway = -500;
    private const double FarRight = 3000;

    /// <summary>Hiding by the element's own box (not inherited): display, opacity, position, size, clip, marquee.</summary>
    public static (HidingTechnique Technique, string Declaration)? Box(IElement e, ElementStyle s)
    {
        if (s[CssProperty.Display] is "none")
        {
            return (HidingTechnique.DisplayNone, "display:none");
        }

        if (s[CssProperty.Opacity] is { } op && double.TryParse(op.TrimEnd('%'), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var o) && (op.EndsWith('%') ? o / 100 : o) <= 0.05)
        {
            return (HidingTechnique.Opacity, "opacity:" + op);
        }

        if (s[CssProperty.Filter] is { } filter && filter.Replace(" ", "", StringComparison.Ordinal).Contains("opacity=0", StringComparison.Ordinal)
            && !filter.Replace(" ", "", StringComparison.Ordinal).Contains("opacity=0.", StringComparison.Ordinal))
        {
            return (HidingTechnique.Opacity, "filter:" + filter);
        }

        var position = s[CssProperty.Position];
        bool positioned = position is "absolute" or "fixed" or "relative" or "sticky";
        if (positioned)
        {
            foreach (var side in (ReadOnlySpan<CssProperty>)[CssProperty.Left, CssProperty.Top, CssProperty.Right, CssProperty.Bottom])
            {
                if (CssValues.TryLength(s[side], out var v, out var pct) && (pct ? v <= -100 : v <= FarAway || (side == CssProperty.Left && v >= FarRight)))
                {
                    return (HidingTechnique.Offscreen, $"position:{position};{ElementStyle.Name(side)}:{s[side]}");
                }
            }
        }

        foreach (var margin in (ReadOnlySpan<CssProperty>)[CssProperty.MarginLeft, CssProperty.MarginTop])
        {
            if (CssValues.TryLength(s[margin], out var v, out var pct) && !pct && v <= FarAway)
            {
                return (HidingTechnique.Offscreen, $"{ElementStyle.Name(margin)}:{s[margin]}");
            }
        }

        if (s[CssProperty.Transform] is { } transform && Transform(transform) is { } t)
        {
            return (t, "transform:" + transform);
        }

        bool clips = s[CssProperty.Overflow] is "hidden" or "clip" or "scroll" or "auto";
        bool replaced = e.LocalName is "iframe" or "frame" or "img" or "embed" or "object" or "marquee";
        foreach (var dim in (ReadOnlySpan<CssProperty>)[CssProperty.Width, CssProperty.Height, CssProperty.MaxWidth, CssProperty.MaxHeight])
        {
            if (!CssValues.TryLength(s[dim], out var v, out _))
            {
                continue;
            }

            if (e.LocalName == "marquee" && v <= 5)
            {
                return (HidingTechnique.TinyMarquee, $"marquee {ElementStyle.Name(dim)}:{s[dim]}");
            }

            if ((clips || replaced) && v <= 1)
            {
                return (HidingTechnique.ZeroSize, $"{ElementStyle.Name(dim)}:{s[dim]}" + (clips ? ";overflow:" + s[CssProperty.Overflow] : ""));
            }

            if (clips && v <= 4)
            {
                return (HidingTechnique.Overflow, $"{ElementStyle.Name(dim)}:{s[dim]};overflow:{s[CssProperty.Overflow]}");
            }
        }

        if (s[CssProperty.Clip] is { } clip && (position is "absolute" or "fixed") && ClipsAll(clip))
        {
            return (HidingTechnique.Clip, "clip:" + clip);
        }

        if (s[CssProperty.ClipPath] is { } clipPath && ClipPathHidesAll(clipPath))
        {
            return (HidingTechnique.Clip, "clip-path:" + clipPath);
        }

        return null;
    }

    private static HidingTechnique? Transform(string transform)
    {
        foreach (var token in CssValues.SplitTokens(transform))
        {
            int open = token.IndexOf('(', StringComparison.Ordinal);
            if (open < 0 || !token.EndsWith(')'))
            {
                continue;
            }

            var fn = token[..open];
            var args = token[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (fn is "translate" or "translatex" or "translatey" or "translate3d")
            {
                foreach (var a in args)
                {
                    if (CssValues.TryLength(a, out var v, out var pct) && (pct ? Math.Abs(v) >= 100 : Math.Abs(v) >= 1000))
                    {
                        return HidingTechnique.Offscreen;
                    }
                }
            }
            else if (fn is "scale" or "scalex" or "scaley" or "scale3d" && args.Length > 0
                && args.Any(a => double.TryParse(a, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && Math.Abs(n) < 0.01))
            {
                return HidingTechnique.ZeroSize;
            }
        }

        return null;
    }

    private static bool ClipsAll(string clip)
    {
        int open = clip.IndexOf('(', StringComparison.Ordinal), close = clip.IndexOf(')', StringComparison.Ordinal);
        if (!clip.StartsWith("rect", StringComparison.Ordinal) || open < 0 || close < open)
        {
            return false;
        }

        var parts = clip[(open + 1)..close].Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4)
        {
            return false;
        }

        // rect(top right bottom left): nothing shows when bottom <= top + 1 or right <= left + 1.
        var v = new double[4];
        for (int i = 0; i < 4; i++)
        {
            if (parts[i] == "auto" || !CssValues.TryLength(parts[i], out v[i]))
            {
                return false;
            }
        }

        return v[2] - v[0] <= 1 || v[1] - v[3] <= 1;
    }

    private static bool ClipPathHidesAll(string clipPath)
    {
        var c = clipPath.Replace(" ", "", StringComparison.Ordinal);
        if (c.StartsWith("inset(", StringComparison.Ordinal))
        {
            var first = c[6..].Split([',', ')'])[0];
            return CssValues.TryLength(first, out var v, out var pct) && (pct ? v >= 50 : v >= 5000);
        }

        return c.StartsWith("circle(0", StringComparison.Ordinal) || c.StartsWith("ellipse(0", StringComparison.Ordinal)
            || c is "polygon(0000)" or "polygon(00,00,00)" or "polygon(00,00,00,00)";
    }

    /// <summary>True when a font size leaves nothing readable (one pixel or less; 0.1em and smaller).</summary>
    public static bool TinyFont(string? size) => CssValues.TryLength(size, out var px, out var pct) && (pct ? px <= 10 : px < 2);

    /// <summary>True when a text-indent pushes text out of sight.</summary>
    public static bool FarIndent(string? indent) => CssValues.TryLength(indent, out var px, out var pct) && !pct && (px <= FarAway || px >= FarRight);
}
