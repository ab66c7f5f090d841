namespace GovGuard.Detection.Http;

/// <summary>
/// A request a detector asks the caller to send to the site under scan. It names only the method, the
/// path and query on the scanned site's own origin, headers and body: the guarded fetcher decides the
/// host, applies its SSRF guard and caps, and hands the response back as an <see cref="HttpResponseView"/>.
/// </summary>
/// <param name="Method">HTTP method in upper case.</param>
/// <param name="PathAndQuery">Absolute path with query on the scanned origin, starting with '/'.</param>
/// <param name="Headers">Extra request headers (never Host, Content-Length, Connection or Transfer-Encoding).</param>
/// <param name="Body">Request body, empty for none.</param>
public sealed record ProbeRequest(
    string Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>Headers a request description may not set: the fetcher owns the connection and framing.</summary>
    public static IReadOnlySet<string> ReservedHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Proxy-Connection", "TE",
    };

    /// <summary>Redirects the fetcher may follow for this request (each hop re-checked by its guard); 0 means none.</summary>
    public int MaxRedirects { get; init; }

    /// <summary>A plain GET of a path.</summary>
    public static ProbeRequest Get(string pathAndQuery) => new("GET", pathAndQuery, [], ReadOnlyMemory<byte>.Empty);

    /// <summary>The absolute URL of this request on the origin of <paramref name="site"/>.</summary>
    public Uri On(Uri site)
    {
        ArgumentNullException.ThrowIfNull(site);
        // Concatenated, not resolved: a relative reference "//other.host/x" must stay a path on this origin.
        if (!PathAndQuery.StartsWith('/'))
        {
            throw new InvalidOperationException($"path '{PathAndQuery}' does not start with '/'");
        }

        var origin = site.GetLeftPart(UriPartial.Authority);
        var url = new Uri(origin + PathAndQuery);
        return string.Equals(url.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase)
            ? url
            : throw new InvalidOperationException($"path '{PathAndQuery}' leaves the origin {origin}");
    }
}
