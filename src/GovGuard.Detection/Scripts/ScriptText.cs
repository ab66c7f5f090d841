using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GovGuard.Detection.Scripts;

/// <summary>
/// Undoes the cheap layers scripts hide behind so that patterns can be matched on what the code says:
/// split string literals rejoined ('docu'+'ment'), \x and \u escapes, %XX and %uXXXX escapes, String.fromCharCode
/// lists and base64 literals passed to atob. Best effort over text; nothing is run.
/// </summary>
internal static partial class ScriptText
{
    private const int MaxLength = 1 << 20;

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    [GeneratedRegex(@"(?<q>['""])\s*\+\s*\k<q>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Concatenation();

    [GeneratedRegex(@"fromCharCode\s*\(\s*((?:0x[0-9a-f]+|\d+)(?:\s*,\s*(?:0x[0-9a-f]+|\d+))*)\s*\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex FromCharCode();

    [GeneratedRegex(@"atob\s*\(\s*['""]([A-Za-z0-9+/=]{16,})['""]\s*\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Atob();

    /// <summary>The script with every layer above undone once (layers inside layers are undone when they are plain escapes).</summary>
    public static string Decode(string script)
    {
        var s = script.Length > MaxLength ? script[..MaxLength] : script;
        try
        {
            s = Concatenation().Replace(s, "");
            s = FromCharCode().Replace(s, m => "\"" + CharCodes(m.Groups[1].Value) + "\"");
            s = Atob().Replace(s, m => "\"" + Base64(m.Groups[1].Value) + "\"");
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was decoded so far: a pathological script is still scored on its text.
        }

        s = Unescape(s);
        // Escapes inside decoded layers (unescape('%5Cx3c') and the like) give way to a second pass.
        return s.Contains('\\', StringComparison.Ordinal) || s.Contains('%', StringComparison.Ordinal) ? Unescape(s) : s;
    }

    /// <summary>Decodes \xHH, \uHHHH, %uHHHH and %HH escapes; anything else is copied.</summary>
    public static string Unescape(string s)
    {
        if (s.IndexOfAny(['\\', '%']) < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                char k = s[i + 1];
                if (k == 'x' && HexAt(s, i + 2, 2, out var x))
                {
                    sb.Append((char)x);
                    i += 3;
                    continue;
                }

                if (k == 'u' && HexAt(s, i + 2, 4, out var u))
                {
                    sb.Append((char)u);
                    i += 5;
                    continue;
                }

                if (k is '/' or '\'' or '"' or '\\')
                {
                    sb.Append(k);
                    i++;
                    continue;
                }
            }
            else if (c == '%' && i + 2 < s.Length)
            {
                if (s[i + 1] == 'u' && HexAt(s, i + 2, 4, out var u))
                {
                    sb.Append((char)u);
                    i += 5;
                    continue;
                }

                if (HexAt(s, i + 1, 2, out var x))
                {
                    sb.Append((char)x);
                    i += 2;
                    continue;
                }
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Counts \x, \u, %u and %XX escapes and the longest run of them back to back.</summary>
    public static (int Count, int LongestRun) Escapes(string s)
    {
        int count = 0, run = 0, longest = 0;
        int i = 0;
        while (i < s.Length)
        {
            int len = EscapeLength(s, i);
            if (len > 0)
            {
                count++;
                run++;
                longest = Math.Max(longest, run);
                i += len;
            }
            else
            {
                run = 0;
                i++;
            }
        }

        return (count, longest);
    }

    private static int EscapeLength(string s, int i)
    {
        char c = s[i];
        if (c == '\\' && i + 1 < s.Length)
        {
            return s[i + 1] == 'x' && HexAt(s, i + 2, 2, out _) ? 4 : s[i + 1] == 'u' && HexAt(s, i + 2, 4, out _) ? 6 : 0;
        }

        if (c == '%' && i + 2 < s.Length)
        {
            return s[i + 1] == 'u' && HexAt(s, i + 2, 4, out _) ? 6 : HexAt(s, i + 1, 2, out _) ? 3 : 0;
        }

        return 0;
    }

    private static bool HexAt(string s, int start, int length, out int value)
    {
        value = 0;
        if (start + length > s.Length || s.AsSpan(start, length).IndexOfAnyExcept(Hex) >= 0)
        {
            return false;
        }

        value = int.Parse(s.AsSpan(start, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return true;
    }

    private static string CharCodes(string list)
    {
        var sb = new StringBuilder();
        foreach (var part in list.Split(','))
        {
            var p = part.Trim();
            bool ok = p.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? int.TryParse(p.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var n)
                : int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out n);
            if (ok && n is > 0 and < 0xFFFF)
            {
                sb.Append((char)n);
            }
        }

        return sb.ToString();
    }

    private static string Base64(string text)
    {
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            return text;
        }

        var decoded = Encoding.UTF8.GetString(buffer, 0, written);
        // Only text is worth reading: binary blobs stay as they were.
        return decoded.Any(c => c < 9 || (c > 13 && c < 32) || c == '\uFFFD') ? text : decoded;
    }
}
