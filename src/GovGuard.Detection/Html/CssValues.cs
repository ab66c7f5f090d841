using System.Globalization;

namespace GovGuard.Detection.Html;

/// <summary>The CSS properties that decide whether something is seen; every other property is dropped at parse time.</summary>
public enum CssProperty
{
    Display,
    Visibility,
    Opacity,
    Position,
    Left,
    Top,
    Right,
    Bottom,
    Width,
    Height,
    MaxWidth,
    MaxHeight,
    Overflow,
    FontSize,
    TextIndent,
    Clip,
    ClipPath,
    Color,
    BackgroundColor,
    BackgroundImage,
    Transform,
    MarginLeft,
    MarginTop,
    ZIndex,
    Filter,
}

/// <summary>Reads CSS declarations and the few value kinds the hiding checks compare (lengths, colours).</summary>
internal static class CssValues
{
    public const int PropertyCount = (int)CssProperty.Filter + 1;

    // The viewport the cascade assumes when it evaluates width media queries: a common desktop.
    public const double ViewportWidth = 1280;

    private static readonly Dictionary<string, CssProperty> Names = new(StringComparer.Ordinal)
    {
        ["display"] = CssProperty.Display,
        ["visibility"] = CssProperty.Visibility,
        ["opacity"] = CssProperty.Opacity,
        ["position"] = CssProperty.Position,
        ["left"] = CssProperty.Left,
        ["top"] = CssProperty.Top,
        ["right"] = CssProperty.Right,
        ["bottom"] = CssProperty.Bottom,
        ["width"] = CssProperty.Width,
        ["height"] = CssProperty.Height,
        ["max-width"] = CssProperty.MaxWidth,
        ["max-height"] = CssProperty.MaxHeight,
        ["overflow"] = CssProperty.Overflow,
        ["overflow-x"] = CssProperty.Overflow,
        ["overflow-y"] = CssProperty.Overflow,
        ["font-size"] = CssProperty.FontSize,
        ["text-indent"] = CssProperty.TextIndent,
        ["clip"] = CssProperty.Clip,
        ["clip-path"] = CssProperty.ClipPath,
        ["color"] = CssProperty.Color,
        ["background-color"] = CssProperty.BackgroundColor,
        ["background-image"] = CssProperty.BackgroundImage,
        ["transform"] = CssProperty.Transform,
        ["margin-left"] = CssProperty.MarginLeft,
        ["margin-top"] = CssProperty.MarginTop,
        ["z-index"] = CssProperty.ZIndex,
        ["filter"] = CssProperty.Filter,
    };

    private static readonly Dictionary<string, int> NamedColours = new(StringComparer.Ordinal)
    {
        ["white"] = 0xFFFFFF, ["black"] = 0x000000, ["red"] = 0xFF0000, ["green"] = 0x008000, ["blue"] = 0x0000FF,
        ["yellow"] = 0xFFFF00, ["gray"] = 0x808080, ["grey"] = 0x808080, ["silver"] = 0xC0C0C0, ["maroon"] = 0x800000,
        ["navy"] = 0x000080, ["purple"] = 0x800080, ["teal"] = 0x008080, ["olive"] = 0x808000, ["lime"] = 0x00FF00,
        ["aqua"] = 0x00FFFF, ["cyan"] = 0x00FFFF, ["fuchsia"] = 0xFF00FF, ["magenta"] = 0xFF00FF, ["orange"] = 0xFFA500,
        ["whitesmoke"] = 0xF5F5F5, ["snow"] = 0xFFFAFA, ["ivory"] = 0xFFFFF0, ["ghostwhite"] = 0xF8F8FF,
        ["lightgray"] = 0xD3D3D3, ["lightgrey"] = 0xD3D3D3, ["darkgray"] = 0xA9A9A9, ["gainsboro"] = 0xDCDCDC,
        ["darkred"] = 0x8B0000, ["darkblue"] = 0x00008B, ["darkgreen"] = 0x006400, ["gold"] = 0xFFD700,
    };

    /// <summary>
    /// Parses a declaration block (a style attribute or a rule body) and hands each relevant declaration to
    /// <paramref name="sink"/>; shorthands (background, margin, font, inset) are split into the longhands kept.
    /// </summary>
    public static void ParseDeclarations(ReadOnlySpan<char> block, Action<CssProperty, string, bool> sink)
    {
        while (!block.IsEmpty)
        {
            int end = NextTopLevel(block, ';');
            var decl = block[..end];
            block = end < block.Length ? block[(end + 1)..] : [];
            int colon = decl.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = decl[..colon].Trim();
            var value = decl[(colon + 1)..].Trim();
            bool important = false;
            int bang = value.LastIndexOf('!');
            if (bang >= 0 && value[(bang + 1)..].Trim().Equals("important", StringComparison.OrdinalIgnoreCase))
            {
                important = true;
                value = value[..bang].TrimEnd();
            }

            if (value.IsEmpty || name.Length > 24)
            {
                continue;
            }

            var v = value.ToString().ToLowerInvariant();
            var n = name.ToString().ToLowerInvariant();
            if (Names.TryGetValue(n, out var p))
            {
                sink(p, v, important);
                continue;
            }

            switch (n)
            {
                case "background":
                    if (v.Contains("url(", StringComparison.Ordinal) || v.Contains("gradient(", StringComparison.Ordinal))
                    {
                        sink(CssProperty.BackgroundImage, v, important);
                    }

                    foreach (var token in SplitTokens(v))
                    {
                        if (TryColour(token, out _) || token == "transparent")
                        {
                            sink(CssProperty.BackgroundColor, token, important);
                            break;
                        }
                    }

                    break;
                case "margin":
                    SinkBoxSides(v, CssProperty.MarginTop, CssProperty.MarginLeft, important, sink);
                    break;
                case "inset":
                    SinkBoxSides(v, CssProperty.Top, CssProperty.Left, important, sink);
                    break;
                case "font":
                    // The size is the first token that is a length, possibly written size/line-height.
                    foreach (var token in SplitTokens(v))
                    {
                        var size = token.Split('/')[0];
                        if (TryLength(size, out _))
                        {
                            sink(CssProperty.FontSize, size, important);
                            break;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Top and left of a one-to-four value box shorthand (margin, inset).</summary>
    private static void SinkBoxSides(string value, CssProperty top, CssProperty left, bool important, Action<CssProperty, string, bool> sink)
    {
        var t = SplitTokens(value);
        if (t.Count > 0)
        {
            sink(top, t[0], important);
            sink(left, t.Count switch { 1 => t[0], 2 or 3 => t[1], _ => t[3] }, important);
        }
    }

    /// <summary>A length in CSS pixels (em and rem at 16px, vw against the assumed viewport).</summary>
    public static bool TryLength(string? text, out double px) => TryLength(text, out px, out _);

    /// <summary>A length in CSS pixels; a percentage comes back as its number with <paramref name="percent"/> set.</summary>
    public static bool TryLength(string? text, out double px, out bool percent)
    {
        px = 0;
        percent = false;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        int i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '.' or '-' or '+'))
        {
            i++;
        }

        if (i == 0 || !double.TryParse(s[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        var unit = s[i..].Trim();
        double factor;
        switch (unit)
        {
            case "" or "px": factor = 1; break;
            case "em" or "rem": factor = 16; break;
            case "pt": factor = 4.0 / 3; break;
            case "pc": factor = 16; break;
            case "cm": factor = 37.8; break;
            case "mm": factor = 3.78; break;
            case "in": factor = 96; break;
            case "vw": factor = ViewportWidth / 100; break;
            case "vh": factor = 8; break;
            case "%": factor = 1; percent = true; break;
            default: return false;
        }

        // A bare number counts as pixels: quirks-mode pages, which many government sites still are, read it so.
        px = n * factor;
        return true;
    }

    /// <summary>A colour as 0xRRGGBB; false for transparent, currentColor, inherit and what is not understood.</summary>
    public static bool TryColour(string? text, out int rgb)
    {
        rgb = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith('#'))
        {
            var hex = s.AsSpan(1);
            if (hex.Length is 3 or 4 && int.TryParse(hex[..3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var short3))
            {
                if (hex.Length == 4 && hex[3] == '0')
                {
                    return false;
                }

                int r = (short3 >> 8) & 0xF, g = (short3 >> 4) & 0xF, b = short3 & 0xF;
                rgb = (r * 17 << 16) | (g * 17 << 8) | (b * 17);
                return true;
            }

            if (hex.Length is 6 or 8 && int.TryParse(hex[..6], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var full))
            {
                if (hex.Length == 8 && hex[6..].SequenceEqual("00"))
                {
                    return false;
                }

                rgb = full;
                return true;
            }

            return false;
        }

        if (s.StartsWith("rgb", StringComparison.Ordinal))
        {
            int open = s.IndexOf('('), close = s.IndexOf(')');
            if (open < 0 || close < open)
            {
                return false;
            }

            var parts = s[(open + 1)..close].Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
            {
                return false;
            }

            if (parts.Length >= 4 && double.TryParse(parts[3].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha) && alpha == 0)
            {
                return false;
            }

            int value = 0;
            for (int k = 0; k < 3; k++)
            {
                var p = parts[k];
                bool pct = p.EndsWith('%');
                if (!double.TryParse(pct ? p[..^1] : p, NumberStyles.Float, CultureInfo.InvariantCulture, out var c))
                {
                    return false;
                }

                int channel = (int)Math.Clamp(pct ? c * 2.55 : c, 0, 255);
                value = (value << 8) | channel;
            }

            rgb = value;
            return true;
        }

        return NamedColours.TryGetValue(s, out rgb);
    }

    /// <summary>True when two colours cannot be told apart by eye (each channel within a few steps).</summary>
    public static bool LookAlike(int a, int b)
    {
        for (int shift = 0; shift <= 16; shift += 8)
        {
            if (Math.Abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 10)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits a value on spaces outside parentheses: "rect(0 0 0 0) red" → ["rect(0 0 0 0)", "red"].</summary>
    public static List<string> SplitTokens(string value)
    {
        var tokens = new List<string>();
        int depth = 0, start = -1;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }

            bool space = char.IsWhiteSpace(c) && depth == 0;
            if (!space && start < 0)
            {
                start = i;
            }
            else if (space && start >= 0)
            {
                tokens.Add(value[start..i]);
                start = -1;
            }
        }

        if (start >= 0)
        {
            tokens.Add(value[start..]);
        }

        return tokens;
    }

    /// <summary>The index of the first <paramref name="separator"/> outside quotes and parentheses, or the length.</summary>
    public static int NextTopLevel(ReadOnlySpan<char> text, char separator)
    {
        int depth = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
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
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == separator && depth == 0)
            {
                return i;
            }
        }

        return text.Length;
    }
}
