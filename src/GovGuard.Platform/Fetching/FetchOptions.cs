using System.Security.Cryptography.X509Certificates;

namespace GovGuard.Platform.Fetching;

/// <summary>
/// Limits and identity of every fetch. Bound from configuration (<c>Fetching</c> section) on the server;
/// the defaults serve the embedded mode and the CLI. A fetch that hits a limit is reported as incomplete, never as clean.
/// </summary>
public sealed class FetchOptions
{
    /// <summary>Strict on the server; the CLI uses <see cref="SsrfMode.Operator"/>.</summary>
    public SsrfMode Mode { get; set; } = SsrfMode.Strict;

    /// <summary>CIDR ranges reachable in strict mode (intranet 政务外网 sites, tests). Off by default; changes are audited by the caller.</summary>
    public IList<string> AllowedRanges { get; init; } = new List<string>();

    /// <summary>Exact <c>address:port</c> pairs reachable in strict mode (the demo's own sites); never a whole range.</summary>
    public IList<string> AllowedEndpoints { get; init; } = new List<string>();

    /// <summary>Body bytes kept, after decompression; a longer body is cut here and reported as <see cref="FetchOutcome.TooLarge"/>.</summary>
    public long MaxBodyBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Redirects followed, each hop checked; one more is <see cref="FetchOutcome.TooManyRedirects"/>.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The whole fetch, redirects and body included: a server trickling a byte a second is cut here.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>TCP connection plus TLS handshake, per connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for the response headers or for the next body bytes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>All response header lines together.</summary>
    public int MaxHeaderBytes { get; set; } = 64 * 1024;

    /// <summary>Connections per server and scheme kept by the pool.</summary>
    public int MaxConnectionsPerServer { get; set; } = 8;

    /// <summary>The user agent of monitoring probes.</summary>
    public string MonitorUserAgent { get; set; } = "Mozilla/5.0 (compatible; GovGuard/0.1; +website security monitoring)";

    /// <summary>A common desktop browser, for the browser side of cloaking comparisons.</summary>
    public string BrowserUserAgent { get; set; } = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Extra roots trusted beside the system's (an intranet CA); certificates they sign pass validation.</summary>
    public X509Certificate2Collection ExtraTrustedRoots { get; init; } = [];

    /// <summary>The CLI's defaults: the operator names the targets, loopback included.</summary>
    public static FetchOptions ForOperator() => new() { Mode = SsrfMode.Operator };

    /// <summary>The problems of these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxBodyBytes is < 1 or > int.MaxValue - 1)
        {
            problems.Add($"{nameof(MaxBodyBytes)} must be between 1 and {int.MaxValue - 1}.");
        }

        if (MaxRedirects is < 0 or > 50)
        {
            problems.Add($"{nameof(MaxRedirects)} must be between 0 and 50.");
        }

        if (MaxHeaderBytes < 1024)
        {
            problems.Add($"{nameof(MaxHeaderBytes)} must be at least 1024.");
        }

        if (MaxConnectionsPerServer < 1)
        {
            problems.Add($"{nameof(MaxConnectionsPerServer)} must be at least 1.");
        }

        foreach (var (name, value) in new[] { (nameof(TotalTimeout), TotalTimeout), (nameof(ConnectTimeout), ConnectTimeout), (nameof(IdleTimeout), IdleTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{name} must be positive.");
            }
        }

        try
        {
            SsrfPolicy.ParseRanges(AllowedRanges);
            SsrfPolicy.ParseEndpoints(AllowedEndpoints);
        }
        catch (FormatException ex)
        {
            problems.Add(ex.Message);
        }

        return problems;
    }
}
