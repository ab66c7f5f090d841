using System.Text;

namespace GovGuard.Detection.Manifest;

/// <summary>
/// Path rules of the manifest format: names in Unicode NFC, '/' separators, a safe escape for
/// characters that would break a line, and the sort order that a sorted directory walk produces.
/// </summary>
public static class ManifestPath
{
    /// <summary>The order of manifest entries: Unicode code points, with '/' before every other character.</summary>
    /// <remarks>
    /// '/' first makes a depth-first walk over each directory's sorted children come out in
    /// exactly this order, so entries stream without sorting the whole tree
    /// ("a", "a/x", "a.txt" — plain ordinal order would put "a.txt" before "a/x").
    /// </remarks>
    public static IComparer<string> Comparer { get; } = new PathComparer();

    /// <summary>Compares two relative paths in manifest order.</summary>
    public static int Compare(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var n = Math.Min(a.Length, b.Length);
        var common = a[..n].CommonPrefixLength(b[..n]);
        if (common < n)
        {
            return Rank(a[common]) - Rank(b[common]);
        }

        return a.Length - b.Length;
    }

    /// <summary>NFC form of a name (no allocation when it already is NFC, e.g. ASCII).</summary>
    public static string Normalize(string name) =>
        name.IsNormalized(NormalizationForm.FormC) ? name : name.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// Escapes a path for a manifest line: backslash, control characters (newline, tab, ...) and the
    /// link arrow "->" get backslash escapes; everything else, spaces and Chinese included, stays as is.
    /// </summary>
    public static void Escape(StringBuilder sb, string path)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(path);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                // A raw " -> " separates a link from its target; escaping every '>' after '-' keeps it unique.
                case '>' when i > 0 && path[i - 1] == '-': sb.Append(@"\>"); break;
                default:
                    if (c < 0x20 || c == 0x7F || c is '\u2028' or '\u2029' or '\u0085')
                    {
                        sb.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }

    /// <summary>The escaped form as a string.</summary>
    public static string Escape(string path)
    {
        var sb = new StringBuilder(path.Length + 8);
        Escape(sb, path);
        return sb.ToString();
    }

    /// <summary>Reverses <see cref="Escape(string)"/>; false (with the reason) on a malformed escape.</summary>
    public static bool TryUnescape(ReadOnlySpan<char> text, out string path, out string? error)
    {
        if (text.IndexOf('\\') < 0)
        {
            path = text.ToString();
            error = null;
            return true;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 >= text.Length)
            {
                path = string.Empty;
                error = "a backslash ends the path";
                return false;
            }

            var e = text[++i];
            switch (e)
            {
                case '\\': sb.Append('\\'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '>': sb.Append('>'); break;
                case 'u' when i + 4 < text.Length
                    && int.TryParse(text.Slice(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier,
                        System.Globalization.CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    path = string.Empty;
                    error = $"unknown escape \\{e}";
                    return false;
            }
        }

        path = sb.ToString();
        error = null;
        return true;
    }

    // '/' lowest; then code-point order (UTF-16 surrogates rank above U+E000..U+FFFF, as in UTF-8 byte order).
    private static int Rank(char c) => c switch
    {
        '/' => -1,
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };

    private sealed class PathComparer : IComparer<string>
    {
        public int Compare(string? x, string? y) => ManifestPath.Compare(x, y);
    }
}
