using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;

namespace GovGuard.Platform.Fetching;

/// <summary>The text of a body and the encoding it was read with.</summary>
/// <param name="Text">The decoded text; bytes the encoding cannot read become U+FFFD, never an exception.</param>
/// <param name="Charset">The encoding's web name (utf-8, gb18030, big5, windows-1252, utf-16le, ...).</param>
/// <param name="Source">bom, header, meta, xml, sniffed or default.</param>
public sealed record DecodedText(string Text, string Charset, string Source);

/// <summary>
/// Decodes page bodies as browsers do: a byte-order mark first, then the HTTP charset, then
/// &lt;meta charset&gt; or &lt;meta http-equiv="Content-Type"&gt; (or an XML declaration) in the first
/// bytes; with nothing declared, UTF-8 when the bytes are valid UTF-8, else GB18030 — the likeliest
/// encoding of an undeclared Chinese government page. GB2312 and GBK labels read as GB18030, their superset.
/// </summary>
public static class TextDecoding
{
    private const int PrescanBytes = 4096;

    private static readonly ConcurrentDictionary<string, Encoding?> ByLabel = new(StringComparer.OrdinalIgnoreCase);

    // Registers the legacy code pages (GBK, GB18030, Big5) once, before any lookup.
    private static readonly bool CodePagesRegistered = RegisterCodePages();

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(false, false);

    /// <summary>True for media types whose body is text worth decoding.</summary>
    public static bool IsTextual(string? mediaType, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(mediaType))
        {
            // Undeclared: text unless it has NUL bytes near its start.
            return !body[..Math.Min(body.Length, 1024)].Contains((byte)0);
        }

        return mediaType.StartsWith("text/", StringComparison.Ordinal)
            || mediaType is "application/xhtml+xml" or "application/xml" or "application/json" or "application/javascript"
                or "application/x-javascript" or "application/ecmascript" or "application/rss+xml" or "application/atom+xml"
            || mediaType.EndsWith("+xml", StringComparison.Ordinal)
            || mediaType.EndsWith("+json", StringComparison.Ordinal);
    }

    /// <summary>Decodes <paramref name="body"/>; <paramref name="headerCharset"/> is the Content-Type charset parameter, if any.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> body, string? headerCharset, string? mediaType = null)
    {
        var (encoding, source, skip) = Detect(body, headerCharset, mediaType);
        return new DecodedText(encoding.GetString(body[skip..]), encoding.WebName, source);
    }

    /// <summary>The encoding of <paramref name="label"/> (WHATWG labels and .NET names), reading invalid bytes as U+FFFD; null when unknown.</summary>
    public static Encoding? ForLabel(string? label)
    {
        _ = CodePagesRegistered;
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        return ByLabel.GetOrAdd(label.Trim().Trim('"', '\'').Trim(), static l => l.ToLowerInvariant() switch
        {
            "utf-8" or "utf8" or "unicode-1-1-utf-8" or "x-unicode20utf8" => Utf8NoBom,
            "gb2312" or "gbk" or "x-gbk" or "gb_2312-80" or "chinese" or "csgb2312" or "iso-ir-58" or "cp936"
                or "windows-936" or "ms936" or "gb18030" or "euc-cn" or "x-euc-cn" => CodePage(54936),
            "big5" or "big5-hkscs" or "cn-big5" or "csbig5" or "x-x-big5" or "cp950" => CodePage(950),
            "iso-8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "iso8859-1" or "cp1252" or "windows-1252" => CodePage(1252),
            "utf-16" or "utf-16le" => new UnicodeEncoding(false, false, false),
            "utf-16be" => new UnicodeEncoding(true, false, false),
            var other => TryGet(other),
        });
    }

    private static (Encoding Encoding, string Source, int Skip) Detect(ReadOnlySpan<byte> body, string? headerCharset, string? mediaType)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8NoBom, "bom", 3);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (ForLabel("utf-16le")!, "bom", 2);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (ForLabel("utf-16be")!, "bom", 2);
        }

        if (ForLabel(headerCharset) is { } declared)
        {
            return (declared, "header", 0);
        }

        if (Prescan(body[..Math.Min(body.Length, PrescanBytes)], mediaType) is { } inDocument)
        {
            return inDocument;
        }

        if (IsValidUtf8Prefix(body))
        {
            return (Utf8NoBom, body.ContainsAnyExceptInRange((byte)0, (byte)0x7F) ? "sniffed" : "default", 0);
        }

        return (CodePage(54936), "sniffed", 0);
    }

    private static (Encoding, string, int)? Prescan(ReadOnlySpan<byte> head, string? mediaType)
    {
        // Latin-1 maps each byte to one char, so ASCII markup reads right whatever the real encoding.
        Span<char> chars = stackalloc char[head.Length];
        Encoding.Latin1.GetChars(head, chars);
        if (mediaType is not ("text/html" or "application/xhtml+xml" or null) || chars.StartsWith("<?xml"))
        {
            return XmlDeclaration(chars) is { } xml && ForLabel(xml) is { } e ? (Meta(e), "xml", 0) : null;
        }

        var reader = new HtmlTagReader(chars);
        while (reader.NextTag(out var tag))
        {
            if (!tag.Equals("meta", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string? charset = null, content = null;
            var httpEquivContentType = false;
            while (reader.NextAttribute(out var name, out var value))
            {
                if (name.Equals("charset", StringComparison.OrdinalIgnoreCase))
                {
                    charset = value.ToString();
                }
                else if (name.Equals("content", StringComparison.OrdinalIgnoreCase))
                {
                    content = value.ToString();
                }
                else if (name.Equals("http-equiv", StringComparison.OrdinalIgnoreCase))
                {
                    httpEquivContentType = value.Trim().Equals("content-type", StringComparison.OrdinalIgnoreCase);
                }
            }

            charset ??= httpEquivContentType && content is not null ? CharsetParameter(content) : null;
            if (ForLabel(charset) is { } found)
            {
                return (Meta(found), "meta", 0);
            }
        }

        return null;
    }

    /// <summary>The charset parameter of a Content-Type value, or null.</summary>
    public static string? CharsetParameter(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        var at = contentType.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var rest = contentType.AsSpan(at + 7).TrimStart();
        if (rest.IsEmpty || rest[0] != '=')
        {
            return null;
        }

        rest = rest[1..].Trim().Trim('"').Trim('\'');
        var end = rest.IndexOfAny(';', ' ', ',');
        return (end < 0 ? rest : rest[..end]).ToString();
    }

    private static string? XmlDeclaration(ReadOnlySpan<char> chars)
    {
        if (!chars.StartsWith("<?xml"))
        {
            return null;
        }

        var end = chars.IndexOf("?>");
        var decl = end < 0 ? chars : chars[..end];
        var at = decl.IndexOf("encoding");
        if (at < 0)
        {
            return null;
        }

        var rest = decl[(at + 8)..].TrimStart().TrimStart('=').TrimStart();
        if (rest.IsEmpty || rest[0] is not ('"' or '\''))
        {
            return null;
        }

        var close = rest[1..].IndexOf(rest[0]);
        return close < 0 ? null : rest[1..(close + 1)].ToString();
    }

    // WHATWG: a UTF-16 label found inside the bytes means UTF-8 (the bytes were readable as ASCII).
    private static Encoding Meta(Encoding e) => e is UnicodeEncoding ? Utf8NoBom : e;

    private static Encoding CodePage(int codePage)
    {
        _ = CodePagesRegistered;
        return Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    }

    private static Encoding? TryGet(string label)
    {
        try
        {
            return Encoding.GetEncoding(label, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    }

    /// <summary>Valid UTF-8, allowing a sequence cut at the very end (a body cut at the cap).</summary>
    private static bool IsValidUtf8Prefix(ReadOnlySpan<byte> body)
    {
        for (var cut = 0; cut <= 3 && cut <= body.Length; cut++)
        {
            if (Utf8.IsValid(body[..^cut]))
            {
                return true;
            }
        }

        return false;
    }
}
