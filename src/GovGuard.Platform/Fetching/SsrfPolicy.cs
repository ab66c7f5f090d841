using System.Net;

namespace GovGuard.Platform.Fetching;

/// <summary>How strictly fetch targets are guarded.</summary>
public enum SsrfMode
{
    /// <summary>
    /// The server: loopback, private, link-local, shared, reserved and metadata addresses are refused
    /// after DNS resolution and on every redirect, unless an administrator allow-lists a range.
    /// </summary>
    Strict = 0,

    /// <summary>
    /// The CLI: the operator names the target, loopback and intranet included. Still http/https only,
    /// and cloud metadata and unspecified addresses stay refused (a hostile page must not turn a scan
    /// run on a cloud machine into a credential leak).
    /// </summary>
    Operator = 1,
}

/// <summary>The guard's settings: the mode and the ranges an administrator allow-lists.</summary>
/// <param name="Mode">Strict for the server, Operator for the CLI.</param>
/// <param name="AllowedRanges">CIDR ranges reachable despite the strict mode (政务外网 intranet sites, tests).</param>
public sealed record SsrfPolicy(SsrfMode Mode, IReadOnlyList<IPNetwork> AllowedRanges)
{
    /// <summary>The server's policy with nothing allow-listed.</summary>
    public static SsrfPolicy Strict { get; } = new(SsrfMode.Strict, []);

    /// <summary>The CLI's policy.</summary>
    public static SsrfPolicy Operator { get; } = new(SsrfMode.Operator, []);

    /// <summary>
    /// Exact address-and-port pairs reachable in strict mode (the demo's own sites on 127.0.0.1): narrower than
    /// a range, so allowing one local port never opens loopback as a whole.
    /// </summary>
    public IReadOnlyList<IPEndPoint> AllowedEndpoints { get; init; } = [];

    /// <summary>Parses <c>address:port</c> pairs ("127.0.0.1:41234", "[::1]:41234").</summary>
    /// <exception cref="FormatException">An entry is not an address with a port; the message names it.</exception>
    public static IReadOnlyList<IPEndPoint> ParseEndpoints(IEnumerable<string> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var list = new List<IPEndPoint>();
        foreach (var raw in endpoints)
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!IPEndPoint.TryParse(text, out var endpoint) || endpoint.Port == 0 || !text.Contains(':', StringComparison.Ordinal) || IPAddress.TryParse(text, out _))
            {
                throw new FormatException($"允许的端点“{text}”不是“地址:端口”写法 / The allowed endpoint '{text}' is not address:port (e.g. 127.0.0.1:41234).");
            }

            list.Add(endpoint);
        }

        return list;
    }

    /// <summary>The strict policy with <paramref name="cidrs"/> allow-listed ("10.20.0.0/16", "127.0.0.1/32", "fd12::/48").</summary>
    /// <exception cref="FormatException">A range is not CIDR notation.</exception>
    public static SsrfPolicy StrictAllowing(params IEnumerable<string> cidrs) => new(SsrfMode.Strict, ParseRanges(cidrs));

    /// <summary>Parses CIDR ranges; a bare address is a single-address range.</summary>
    /// <exception cref="FormatException">A range is not CIDR notation; the message names it.</exception>
    public static IReadOnlyList<IPNetwork> ParseRanges(IEnumerable<string> cidrs)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        var ranges = new List<IPNetwork>();
        foreach (var raw in cidrs)
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (IPNetwork.TryParse(text, out var network))
            {
                ranges.Add(network);
            }
            else if (IPAddress.TryParse(text, out var single))
            {
                ranges.Add(new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new FormatException($"允许的地址范围“{text}”不是 CIDR 写法 / The allowed range '{text}' is not CIDR notation (e.g. 10.20.0.0/16).");
            }
        }

        return ranges;
    }
}
