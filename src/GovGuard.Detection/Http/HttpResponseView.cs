using System.Text;

namespace GovGuard.Detection.Http;

/// <summary>
/// An HTTP response the caller has already fetched, as the probe detectors see it: final URL, status,
/// headers in wire order, the (possibly truncated) body and its decoded text. Immutable; the detectors
/// never fetch anything themselves.
/// </summary>
public sealed class HttpResponseView
{
    private readonly Lazy<string> _text;

    /// <param name="url">The URL the response came from (after any redirects the caller followed).</param>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="headers">Response headers in wire order; a repeated header (Set-Cookie) appears once per line.</param>
    /// <param name="body">The body bytes as received (after content decoding), possibly cut at the fetcher's cap.</param>
    /// <param name="bodyText">The body decoded with its charset (GBK pages included), or null to decode as UTF-8 on demand.</param>
    /// <param name="truncated">True when the fetcher stopped reading at its size cap.</param>
    /// <param name="duration">How long the fetch took.</param>
    public HttpResponseView(Uri url, int status, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body,
        string? bodyText = null, bool truncated = false, TimeSpan duration = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(headers);
        Url = url;
        Status = status;
        Headers = headers;
        Body = body;
        BodyText = bodyText;
        Truncated = truncated;
        Duration = duration;
        _text = bodyText is null
            ? new Lazy<string>(() => Encoding.UTF8.GetString(Body.Span), LazyThreadSafetyMode.PublicationOnly)
            : new Lazy<string>(bodyText);
    }

    public Uri Url { get; }

    public int Status { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The text the caller decoded, or null when it left decoding to us (see <see cref="Text"/>).</summary>
    public string? BodyText { get; }

    public bool Truncated { get; }

    public TimeSpan Duration { get; }

    /// <summary>The body as text: <see cref="BodyText"/> when given, else the bytes read as UTF-8 (invalid bytes replaced).</summary>
    public string Text => _text.Value;

    /// <summary>The site the response belongs to, <c>scheme://host[:port]/</c>: the default finding target.</summary>
    public string Origin => Url.GetLeftPart(UriPartial.Authority) + "/";

    /// <summary>True when the response came over HTTPS.</summary>
    public bool IsHttps => Url.Scheme == Uri.UriSchemeHttps;

    /// <summary>The media type of Content-Type in lower case without parameters ("text/html"), or "" when absent.</summary>
    public string MediaType
    {
        get
        {
            var ct = Header("Content-Type");
            if (ct is null)
            {
                return "";
            }

            var semi = ct.IndexOf(';', StringComparison.Ordinal);
            return (semi < 0 ? ct : ct[..semi]).Trim().ToLowerInvariant();
        }
    }

    /// <summary>The first value of a header (case-insensitive name), or null when absent.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Every value of a header (case-insensitive name), in wire order.</summary>
    public IEnumerable<string> HeaderValues(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                yield return value;
            }
        }
    }

    /// <summary>True when the header is present at all (even empty).</summary>
    public bool HasHeader(string name) => Header(name) is not null;

    /// <summary>The headers as they stood on the wire, one "Name: value" per line (what header matchers read).</summary>
    public string HeaderBlock()
    {
        var sb = new StringBuilder(Headers.Count * 32);
        foreach (var (key, value) in Headers)
        {
            sb.Append(key).Append(": ").Append(value).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>A view over a text body (UTF-8 encoded), for callers and tests that hold text.</summary>
    public static HttpResponseView FromText(Uri url, int status, IReadOnlyList<KeyValuePair<string, string>> headers, string text,
        TimeSpan duration = default) =>
        new(url, status, headers, Encoding.UTF8.GetBytes(text), text, false, duration);
}
