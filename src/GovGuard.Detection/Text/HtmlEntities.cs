using System.Net;

namespace GovGuard.Detection.Text;

/// <summary>Parses one HTML character reference at the start of a span, without allocating for numeric ones.</summary>
internal static class HtmlEntities
{
    /// <summary>Longest reference looked at: "&amp;#x10FFFF;" and the longest common named ones fit.</summary>
    public const int MaxLength = 32;

    public enum Result
    {
        /// <summary>Not a character reference: the ampersand is an ordinary character.</summary>
        NotEntity,

        /// <summary>A reference was decoded.</summary>
        Decoded,

        /// <summary>The span ended before the reference did; more input is needed to decide.</summary>
        NeedMore,
    }

    /// <summary>
    /// Reads a reference starting at <paramref name="s"/>[0] == '&amp;'. On success gives the code point and how many
    /// characters it took. Numeric references are accepted without the closing ';' as browsers do.
    /// </summary>
    public static Result TryParse(ReadOnlySpan<char> s, bool isFinal, out int codePoint, out int length)
    {
        codePoint = 0;
        length = 0;
        if (s.Length < 2)
        {
            return isFinal ? Result.NotEntity : Result.NeedMore;
        }

        if (s[1] == '#')
        {
            return ParseNumeric(s, isFinal, out codePoint, out length);
        }

        // Named reference: letters and digits, then ';' (required, as the spec requires outside attributes for most).
        int i = 1;
        while (i < s.Length && i <= MaxLength && char.IsAsciiLetterOrDigit(s[i]))
        {
            i++;
        }

        if (i == s.Length)
        {
            return isFinal || i > MaxLength ? Result.NotEntity : Result.NeedMore;
        }

        if (i == 1 || s[i] != ';')
        {
            return Result.NotEntity;
        }

        var reference = s[..(i + 1)];
        // WebUtility knows the full HTML 4 table; it allocates, but named references are rare in page text.
        var decoded = WebUtility.HtmlDecode(reference.ToString());
        if (decoded.Length == 0 || decoded.AsSpan().SequenceEqual(reference))
        {
            return Result.NotEntity;
        }

        if (decoded.Length == 1)
        {
            codePoint = decoded[0];
        }
        else if (decoded.Length == 2 && char.IsSurrogatePair(decoded[0], decoded[1]))
        {
            codePoint = char.ConvertToUtf32(decoded[0], decoded[1]);
        }
        else
        {
            return Result.NotEntity;
        }

        length = i + 1;
        return Result.Decoded;
    }

    private static Result ParseNumeric(ReadOnlySpan<char> s, bool isFinal, out int codePoint, out int length)
    {
        codePoint = 0;
        length = 0;
        int i = 2;
        bool hex = false;
        if (i < s.Length && (s[i] == 'x' || s[i] == 'X'))
        {
            hex = true;
            i++;
        }

        int digitsStart = i;
        long value = 0;
        while (i < s.Length && i - digitsStart < 8)
        {
            char c = s[i];
            int d = char.IsAsciiDigit(c) ? c - '0'
                : hex && char.IsAsciiHexDigitLower(c) ? c - 'a' + 10
                : hex && char.IsAsciiHexDigitUpper(c) ? c - 'A' + 10
                : -1;
            if (d < 0)
            {
                break;
            }

            value = (value * (hex ? 16 : 10)) + d;
            i++;
        }

        if (i == s.Length && !isFinal)
        {
            return Result.NeedMore;
        }

        if (i == digitsStart || value == 0 || value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF)
        {
            return Result.NotEntity;
        }

        if (i < s.Length && s[i] == ';')
        {
            i++;
        }

        codePoint = (int)value;
        length = i;
        return Result.Decoded;
    }
}
