namespace GovGuard.Platform.Fetching;

/// <summary>Whose eyes a fetch looks through: decides the user agent and Accept headers.</summary>
public enum FetchPurpose
{
    /// <summary>A monitoring probe, identified as GovGuard.</summary>
    Monitor = 0,

    /// <summary>As a visitor's browser would (the browser side of a cloaking comparison).</summary>
    Browser = 1,

    /// <summary>As a search engine spider; the caller gives the spider's user agent (rules/ list).</summary>
    Spider = 2,
}

/// <summary>One fetch to make. Only <see cref="Url"/> is required; the rest defaults from <see cref="FetchOptions"/>.</summary>
/// <param name="Url">An absolute http or https URL.</param>
public sealed record FetchRequest(string Url)
{
    public FetchPurpose Purpose { get; init; } = FetchPurpose.Monitor;

    /// <summary>The user agent; required for <see cref="FetchPurpose.Spider"/>, else replaces the purpose's default.</summary>
    public string? UserAgent { get; init; }

    /// <summary>GET by default; HEAD and POST also work (a POST body is kept across 307/308 only).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    /// <summary>The request body, for POST.</summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>The body's media type.</summary>
    public string? BodyContentType { get; init; }

    /// <summary>Extra request headers (Referer for referrer-only redirects, ...). Authorization and Cookie are dropped on a cross-origin redirect.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Follow redirects (each hop checked). When false, a 3xx is the result.</summary>
    public bool FollowRedirects { get; init; } = true;

    /// <summary>
    /// TLS monitor mode: accept any certificate so that it can be inspected (<see cref="FetchResult.Tls"/>),
    /// on a fresh connection per request. The body of such a fetch is not to be trusted as the site's.
    /// </summary>
    public bool InspectTls { get; init; }

    /// <summary>Replaces <see cref="FetchOptions.MaxBodyBytes"/> for this fetch.</summary>
    public long? MaxBodyBytes { get; init; }

    /// <summary>Replaces <see cref="FetchOptions.TotalTimeout"/> for this fetch.</summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>A fetch as the spider whose user agent is <paramref name="userAgent"/>.</summary>
    public static FetchRequest AsSpider(string url, string userAgent) => new(url) { Purpose = FetchPurpose.Spider, UserAgent = userAgent };

    /// <summary>A fetch as a desktop browser.</summary>
    public static FetchRequest AsBrowser(string url) => new(url) { Purpose = FetchPurpose.Browser };
}
