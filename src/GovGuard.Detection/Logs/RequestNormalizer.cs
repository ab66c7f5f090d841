using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text;

namespace GovGuard.Detection.Logs;

/// <summary>
/// Undoes the encodings attackers use to slip past string matching, so that rules are written once
/// against plain lower-case text: percent-encoding (up to three layers), <c>%uXXXX</c>, nginx's
/// <c>\xHH</c> escapes, '+' as space, overlong UTF-8 ("%c0%ae"), HTML entities, full-width forms,
/// SQL comments (<c>/**/</c>, <c>/*!50000 */</c>), control characters and mixed case.
/// One instance per thread: it reuses its buffers.
/// </summary>
public sealed class RequestNormalizer
{
    /// <summary>Longest input decoded; the rest of a longer field is not looked at.</summary>
    public const int MaxInput = 8192;

    private static readonly SearchValues<byte> Escapes = SearchValues.Create("%\\+"u8);
    private static readonly SearchValues<byte> EscapesNoPlus = SearchValues.Create("%\\"u8);

    // Bytes that decoding or cleaning would change (besides case): without them, the raw text is already clean.
    private static readonly SearchValues<byte> Specials = SearchValues.Create(
        "%\\+&*#\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    private readonly char[] _plain = new char[MaxInput];

    /// <summary>
    /// The raw field as characters when nothing in it needs decoding (ASCII, no escapes, entities,
    /// comments or control characters), else an empty span: callers then need <see cref="Normalize"/>.
    /// Case is not folded; match it case-insensitively.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryPlain(ReadOnlySpan<byte> raw, out ReadOnlySpan<char> text)
    {
        if (raw.Length > MaxInput)
        {
            raw = raw[..MaxInput];
        }

        if (raw.IndexOfAny(Specials) >= 0 || raw.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
        {
            text = default;
            return false;
        }

        Ascii.ToUtf16(raw, _plain, out var n);
        text = _plain.AsSpan(0, n);
        return true;
    }

    /// <summary>
    /// Like <see cref="TryPlain"/>, but the characters are folded to lower case, as <see cref="Normalize"/>
    /// would fold them: match them case-sensitively against lower-case keywords.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryPlainLower(ReadOnlySpan<byte> raw, out ReadOnlySpan<char> text)
    {
        if (raw.Length > MaxInput)
        {
            raw = raw[..MaxInput];
        }

        if (raw.IndexOfAny(Specials) >= 0 || raw.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
        {
            text = default;
            return false;
        }

        Ascii.ToLower(raw, _plain, out var n);
        text = _plain.AsSpan(0, n);
        return true;
    }

    private readonly byte[] _a = new byte[MaxInput];
    private readonly byte[] _b = new byte[MaxInput];
    private readonly char[] _chars = new char[MaxInput];
    private readonly char[] _out = new char[MaxInput];

    /// <summary>Decodes and normalises <paramref name="raw"/>; the result is valid until the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<char> Normalize(ReadOnlySpan<byte> raw, bool plusIsSpace = true)
    {
        if (raw.Length > MaxInput)
        {
            raw = raw[..MaxInput];
        }

        ReadOnlySpan<byte> bytes = raw;
        if (raw.IndexOfAny(Escapes) >= 0)
        {
            // Up to three layers: "%252e" is "%2e" after one pass and "." after two.
            var src = raw;
            var dst = _a;
            for (var pass = 0; pass < 3; pass++)
            {
                var n = DecodeOnce(src, dst, plusIsSpace && pass == 0, out var changed);
                bytes = dst.AsSpan(0, n);
                if (!changed)
                {
                    break;
                }

                src = bytes;
                dst = dst == _a ? _b : _a;
            }
        }

        int charCount;
        if (Ascii.IsValid(bytes))
        {
            charCount = bytes.Length;
            Ascii.ToUtf16(bytes, _chars, out _);
        }
        else
        {
            var fixedLen = FixOverlong(bytes, bytes == _a.AsSpan(0, bytes.Length) ? _b : _a);
            var fixedBytes = (bytes == _a.AsSpan(0, bytes.Length) ? _b : _a).AsSpan(0, fixedLen);
            charCount = Encoding.UTF8.GetChars(fixedBytes, _chars);
        }

        var chars = _chars.AsSpan(0, charCount);
        if (!chars.ContainsAnyExceptInRange(' ', '~') && !chars.ContainsAny('&', '*') && !chars.Contains("  ", StringComparison.Ordinal))
        {
            // Printable ASCII without entities, comments or runs of spaces: cleaning only folds case.
            Ascii.ToLower(chars, _out, out var lowered);
            return _out.AsSpan(0, lowered);
        }

        return Clean(chars, _out);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DecodeOnce(ReadOnlySpan<byte> s, Span<byte> d, bool plusIsSpace, out bool changed)
    {
        changed = false;
        var o = 0;
        var i = 0;
        var escapes = plusIsSpace ? Escapes : EscapesNoPlus;
        while (i < s.Length && o < d.Length - 4)
        {
            // Copy the run up to the next escape at once.
            var run = s[i..].IndexOfAny(escapes);
            if (run != 0)
            {
                var take = Math.Min(run < 0 ? s.Length - i : run, d.Length - 4 - o);
                s.Slice(i, take).CopyTo(d[o..]);
                i += take;
                o += take;
                continue;
            }

            var c = s[i];
            if (c == '%')
            {
                if (i + 2 < s.Length && Hex(s[i + 1]) is var h1 and >= 0 && Hex(s[i + 2]) is var h2 and >= 0)
                {
                    d[o++] = (byte)(h1 << 4 | h2);
                    i += 3;
                    changed = true;
                    continue;
                }

                if (i + 5 < s.Length && (s[i + 1] | 0x20) == 'u' && Hex4(s.Slice(i + 2, 4)) is var u and >= 0)
                {
                    o += new Rune(char.IsSurrogate((char)u) ? 0xFFFD : u).EncodeToUtf8(d[o..]);
                    i += 6;
                    changed = true;
                    continue;
                }
            }
            else if (c == '\\' && i + 3 < s.Length && s[i + 1] == 'x' && Hex(s[i + 2]) is var x1 and >= 0 && Hex(s[i + 3]) is var x2 and >= 0)
            {
                // nginx writes bytes it escapes in the log as \xHH.
                d[o++] = (byte)(x1 << 4 | x2);
                i += 4;
                changed = true;
                continue;
            }
            else if (c == '+' && plusIsSpace)
            {
                d[o++] = (byte)' ';
                i++;
                continue;
            }

            d[o++] = c;
            i++;
        }

        return o;
    }

    /// <summary>Overlong two-byte forms of ASCII (C0 AE = '.') become the ASCII byte; servers once accepted them.</summary>
    private static int FixOverlong(ReadOnlySpan<byte> s, Span<byte> d)
    {
        var o = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if ((c == 0xC0 || c == 0xC1) && i + 1 < s.Length && (s[i + 1] & 0xC0) == 0x80)
            {
                d[o++] = (byte)(((c & 0x1F) << 6) | (s[i + 1] & 0x3F));
                i++;
                continue;
            }

            if (c == 0xE0 && i + 2 < s.Length && (s[i + 1] & 0xE0) == 0x80 && (s[i + 2] & 0xC0) == 0x80)
            {
                d[o++] = (byte)(((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
                i += 2;
                continue;
            }

            d[o++] = c;
        }

        return o;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ReadOnlySpan<char> Clean(ReadOnlySpan<char> s, Span<char> d)
    {
        var o = 0;
        var lastSpace = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '&' && TryEntity(s[i..], out var decoded, out var len))
            {
                c = decoded;
                i += len - 1;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                // SQL comments separate keywords like spaces do; MySQL's /*!50000select*/ runs its content.
                var close = s[(i + 2)..].IndexOf("*/", StringComparison.Ordinal);
                if (i + 2 < s.Length && s[i + 2] == '!')
                {
                    var j = i + 3;
                    while (j < s.Length && char.IsAsciiDigit(s[j]))
                    {
                        j++;
                    }

                    i = j - 1;
                }
                else
                {
                    i = close < 0 ? s.Length - 1 : i + 2 + close + 1;
                }

                c = ' ';
            }
            else if (c == '*' && i + 1 < s.Length && s[i + 1] == '/')
            {
                i++;
                c = ' ';
            }

            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }

            if (c == '\0')
            {
                continue;
            }

            if (c == '\n' || c == '\r')
            {
                // Kept: a line break in a parameter is a command separator for a shell.
                c = '\n';
                lastSpace = true;
            }
            else if (c <= ' ' || c == '\u00A0' || c == '\u3000')
            {
                if (lastSpace)
                {
                    continue;
                }

                c = ' ';
                lastSpace = true;
            }
            else
            {
                lastSpace = false;
                if (char.IsAsciiLetterUpper(c))
                {
                    c = (char)(c | 0x20);
                }
                else if (c > 0x7F)
                {
                    c = char.ToLowerInvariant(c);
                }
            }

            d[o++] = c;
        }

        return d[..o];
    }

    private static bool TryEntity(ReadOnlySpan<char> s, out char c, out int len)
    {
        c = '\0';
        len = 0;
        if (s.Length < 3)
        {
            return false;
        }

        if (s[1] == '#')
        {
            var hex = s.Length > 2 && (s[2] | 0x20) == 'x';
            var j = hex ? 3 : 2;
            var value = 0;
            var digits = 0;
            while (j < s.Length && digits < 7)
            {
                var h = hex ? HexChar(s[j]) : (char.IsAsciiDigit(s[j]) ? s[j] - '0' : -1);
                if (h < 0)
                {
                    break;
                }

                value = value * (hex ? 16 : 10) + h;
                digits++;
                j++;
            }

            if (digits == 0 || value > 0xFFFF)
            {
                return false;
            }

            if (j < s.Length && s[j] == ';')
            {
                j++;
            }

            c = (char)value;
            len = j;
            return true;
        }

        var semi = s[..Math.Min(s.Length, 10)].IndexOf(';');
        if (semi < 3)
        {
            return false;
        }

        Span<char> name = stackalloc char[semi - 1];
        s[1..semi].ToLowerInvariant(name);
        c = name switch
        {
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "amp" => '&',
            "colon" => ':',
            "lpar" => '(',
            "rpar" => ')',
            "sol" => '/',
            "bsol" => '\\',
            "tab" => '\t',
            "newline" => '\n',
            "period" => '.',
            "semi" => ';',
            "equals" => '=',
            "grave" => '`',
            _ => '\0',
        };
        len = semi + 1;
        return c != '\0';
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static int HexChar(char b) => b < 128 ? Hex((byte)b) : -1;

    private static int Hex4(ReadOnlySpan<byte> s)
    {
        var v = 0;
        foreach (var b in s)
        {
            var h = Hex(b);
            if (h < 0)
            {
                return -1;
            }

            v = v << 4 | h;
        }

        return v;
    }
}
