using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Detection.Http;

namespace GovGuard.Detection.Exposure;

/// <summary>
/// What a response must look like for a probed path to count as really exposed: the status, and the
/// content — words, a regex, magic bytes, a media type, "not an HTML page". A status 200 alone proves nothing
/// (soft-404 sites answer 200 for everything), so every probe names at least one content signature.
/// </summary>
public sealed class ContentVerifier
{
    private static readonly string[] HtmlOpeners = ["<!doctype html", "<html", "<head", "<body", "<title", "<!--", "<meta", "<script", "<div", "<p>", "<h1", "<table"];

    internal ContentVerifier(IReadOnlySet<int> statuses, IReadOnlyList<string> words, Regex? pattern,
        IReadOnlyList<(int Offset, byte[] Bytes)> magic, IReadOnlyList<string> mediaTypes, bool? html, int minSize)
    {
        Statuses = statuses;
        Words = words;
        Pattern = pattern;
        Magic = magic;
        MediaTypes = mediaTypes;
        Html = html;
        MinSize = minSize;
    }

    /// <summary>Accepted status codes.</summary>
    public IReadOnlySet<int> Statuses { get; }

    /// <summary>Any one of these must occur in the body (case-insensitive); empty for no word check.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>A regex the body text must match, or null.</summary>
    public Regex? Pattern { get; }

    /// <summary>Any one of these byte sequences must stand at its offset; empty for no magic check.</summary>
    public IReadOnlyList<(int Offset, byte[] Bytes)> Magic { get; }

    /// <summary>The Content-Type must start with one of these (when the list is not empty and the header is present).</summary>
    public IReadOnlyList<string> MediaTypes { get; }

    /// <summary>True: must be an HTML document; false: must not be one; null: either.</summary>
    public bool? Html { get; }

    /// <summary>Smallest body, in bytes.</summary>
    public int MinSize { get; }

    /// <summary>Checks a response; on success <paramref name="evidence"/> holds the excerpt that proves it.</summary>
    public bool Matches(HttpResponseView response, out string evidence)
    {
        ArgumentNullException.ThrowIfNull(response);
        evidence = "";
        if (!Statuses.Contains(response.Status) || response.Body.Length < MinSize)
        {
            return false;
        }

        var body = response.Body.Span;
        if (MediaTypes.Count > 0 && response.MediaType is { Length: > 0 } mt && !MediaTypes.Any(t => mt.StartsWith(t, StringComparison.Ordinal)))
        {
            return false;
        }

        if (Html is { } wantHtml && LooksLikeHtml(body) != wantHtml)
        {
            return false;
        }

        string? proof = null;
        if (Magic.Count > 0)
        {
            (int Offset, byte[] Bytes) hit = default;
            foreach (var m in Magic)
            {
                if (body.Length >= m.Offset + m.Bytes.Length && body.Slice(m.Offset, m.Bytes.Length).SequenceEqual(m.Bytes))
                {
                    hit = m;
                    break;
                }
            }

            if (hit.Bytes is null)
            {
                return false;
            }

            proof = $"{Escape(body[..Math.Min(body.Length, Math.Max(16, hit.Offset + hit.Bytes.Length))])} ({response.Body.Length} bytes{(response.Truncated ? ", truncated" : "")})";
        }

        if (Words.Count > 0 || Pattern is not null)
        {
            var text = response.Text;
            if (Words.Count > 0)
            {
                var at = -1;
                foreach (var w in Words)
                {
                    at = text.IndexOf(w, StringComparison.OrdinalIgnoreCase);
                    if (at >= 0)
                    {
                        proof ??= LineAround(text, at, w.Length);
                        break;
                    }
                }

                if (at < 0)
                {
                    return false;
                }
            }

            if (Pattern is not null)
            {
                Match m;
                try
                {
                    m = Pattern.Match(text);
                }
                catch (RegexMatchTimeoutException)
                {
                    return false;
                }

                if (!m.Success)
                {
                    return false;
                }

                proof = LineAround(text, m.Index, m.Length);
            }
        }

        evidence = proof ?? "";
        return true;
    }

    /// <summary>True when the first non-blank bytes open an HTML document (doctype, html, head, body, title or a comment).</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<byte> body)
    {
        var i = 0;
        // A UTF-8 byte order mark and leading blanks do not count.
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            i = 3;
        }

        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        var head = body[i..Math.Min(body.Length, i + 16)];
        Span<char> lower = stackalloc char[head.Length];
        for (var k = 0; k < head.Length; k++)
        {
            lower[k] = (char)(head[k] is >= (byte)'A' and <= (byte)'Z' ? head[k] + 32 : head[k]);
        }

        foreach (var o in HtmlOpeners)
        {
            if (((ReadOnlySpan<char>)lower).StartsWith(o, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The line holding a match, cut to a readable excerpt.</summary>
    internal static string LineAround(string text, int index, int length)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        if (index == 0)
        {
            start = 0;
        }

        var end = text.IndexOf('\n', index + length);
        end = end < 0 ? text.Length : end;
        start = Math.Max(start, index - 120);
        end = Math.Min(end, index + length + 120);
        return text[start..end].Trim();
    }

    /// <summary>Bytes as printable text with \xHH for the rest (evidence of binary content).</summary>
    internal static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7f && b != (byte)'\\')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return sb.ToString();
    }
}
