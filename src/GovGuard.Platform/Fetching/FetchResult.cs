using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace GovGuard.Platform.Fetching;

/// <summary>How a fetch ended. Anything but <see cref="Ok"/> means the page was not seen whole: report it as incomplete, never as clean.</summary>
public enum FetchOutcome
{
    /// <summary>A response was read whole (whatever its status code).</summary>
    Ok = 0,

    /// <summary>The URL is malformed or has a host that cannot be an address.</summary>
    InvalidUrl,

    /// <summary>The SSRF guard refused the URL or an address it resolves to (or a redirect's), before connecting.</summary>
    Refused,

    /// <summary>The name did not resolve (fail closed).</summary>
    DnsFailed,

    /// <summary>No TCP connection could be made.</summary>
    ConnectFailed,

    /// <summary>The total deadline, the idle limit or the connect limit ran out.</summary>
    Timeout,

    /// <summary>The body (after decompression) or the headers were larger than allowed; the body kept is cut at the cap.</summary>
    TooLarge,

    /// <summary>More redirects than allowed.</summary>
    TooManyRedirects,

    /// <summary>A redirect led back to a URL already visited.</summary>
    RedirectLoop,

    /// <summary>A redirect went from https to http.</summary>
    DowngradeRefused,

    /// <summary>The TLS handshake failed or the certificate is not valid (outside inspection mode).</summary>
    TlsError,

    /// <summary>The server broke HTTP: malformed response, connection closed mid-body, corrupt compression.</summary>
    ProtocolError,
}

/// <summary>Why a fetch did not end <see cref="FetchOutcome.Ok"/>, with the rule that stopped it.</summary>
/// <param name="Kind">The outcome.</param>
/// <param name="Rule">What stopped it: an <c>ssrf.*</c>/<c>url.*</c> rule, <c>timeout.total</c>, <c>timeout.idle</c>, <c>limit.body</c>, <c>limit.headers</c>, ...</param>
/// <param name="MessageZh">One sentence in Chinese naming the rule.</param>
/// <param name="MessageEn">The same in English.</param>
public sealed record FetchError(FetchOutcome Kind, string Rule, string MessageZh, string MessageEn) : IBilingualMessage;

/// <summary>One redirect followed.</summary>
/// <param name="Url">The URL that answered with a redirect.</param>
/// <param name="StatusCode">301, 302, 303, 307 or 308.</param>
/// <param name="Location">Where it sent us, resolved against <paramref name="Url"/>.</param>
public sealed record RedirectHop(Uri Url, int StatusCode, Uri Location);

/// <summary>Where the time of a fetch went. Phases are of the last hop; null when it did not happen (a reused connection has no connect or TLS).</summary>
/// <param name="Dns">Name resolution of the last hop.</param>
/// <param name="Connect">TCP connect of the last hop.</param>
/// <param name="Tls">TLS handshake of the last hop.</param>
/// <param name="FirstByte">From the start of the last hop (DNS included) until its response headers.</param>
/// <param name="Total">The whole fetch: every hop and the body.</param>
public sealed record FetchTimings(TimeSpan? Dns, TimeSpan? Connect, TimeSpan? Tls, TimeSpan? FirstByte, TimeSpan Total);

/// <summary>What the TLS handshake showed: the protocol and the server certificate, and whether it validates.</summary>
/// <param name="Protocol">The negotiated protocol (Tls12, Tls13, ...).</param>
/// <param name="CipherSuite">The negotiated cipher suite.</param>
/// <param name="Subject">The certificate's subject distinguished name.</param>
/// <param name="Issuer">The issuer's distinguished name.</param>
/// <param name="NotBefore">Start of validity (UTC).</param>
/// <param name="NotAfter">End of validity (UTC).</param>
/// <param name="SubjectAlternativeNames">DNS names and addresses the certificate covers.</param>
/// <param name="Thumbprint">SHA-256 of the certificate, hex.</param>
/// <param name="PolicyErrors">None when valid; else name mismatch, chain errors, no certificate.</param>
/// <param name="ChainErrors">The chain's problems (UntrustedRoot, NotTimeValid, ...), empty when valid.</param>
public sealed record TlsInfo(
    SslProtocols Protocol,
    TlsCipherSuite? CipherSuite,
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<string> SubjectAlternativeNames,
    string Thumbprint,
    SslPolicyErrors PolicyErrors,
    IReadOnlyList<string> ChainErrors)
{
    /// <summary>True when the certificate validated (name, chain, dates).</summary>
    public bool IsValid => PolicyErrors == SslPolicyErrors.None;
}

/// <summary>
/// The result of one fetch. Network conditions never throw: they end here as an <see cref="Outcome"/> with an
/// <see cref="Error"/>. What was received before a limit hit (a cut body, headers) is kept.
/// </summary>
public sealed record FetchResult
{
    /// <summary>The URL asked for.</summary>
    public required string RequestedUrl { get; init; }

    /// <summary>
    /// The URL of the last hop: the last response's, or a redirect target refused before connecting (then
    /// <see cref="StatusCode"/> is null and the redirect is the last of <see cref="Redirects"/>); null when the requested URL did not parse.
    /// </summary>
    public Uri? FinalUrl { get; init; }

    public required FetchOutcome Outcome { get; init; }

    /// <summary>Why the outcome is not Ok; null when it is.</summary>
    public FetchError? Error { get; init; }

    /// <summary>The HTTP status of the last response, null when none was received.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Response and content headers of the last response, names case-insensitive.</summary>
    public IReadOnlyDictionary<string, string[]> Headers { get; init; } = Empty;

    /// <summary>The media type (text/html), lower-case, without parameters.</summary>
    public string? MediaType { get; init; }

    /// <summary>The body, decompressed, cut at the size cap.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>True when the body was not read to its end (a cap, a deadline or a broken connection).</summary>
    public bool Truncated { get; init; }

    /// <summary>The body decoded, when it is text (HTML, XML, JSON, JavaScript, CSS, plain); null otherwise.</summary>
    public string? Text { get; init; }

    /// <summary>The encoding the text was decoded with (utf-8, gb18030, big5, ...).</summary>
    public string? Charset { get; init; }

    /// <summary>Where the charset came from: bom, header, meta, xml, sniffed or default.</summary>
    public string? CharsetSource { get; init; }

    /// <summary>The redirects followed, in order.</summary>
    public IReadOnlyList<RedirectHop> Redirects { get; init; } = [];

    /// <summary>The addresses the last hop resolved to, all of them checked.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    /// <summary>The address connected to, when the last hop opened a new connection.</summary>
    public IPAddress? RemoteAddress { get; init; }

    public required FetchTimings Timings { get; init; }

    /// <summary>The TLS handshake behind the last response (https only; over a reused connection, the latest handshake with the same origin).</summary>
    public TlsInfo? Tls { get; init; }

    /// <summary>True when the response was read whole.</summary>
    public bool IsComplete => Outcome == FetchOutcome.Ok;

    /// <summary>True for text/html and application/xhtml+xml.</summary>
    public bool IsHtml => MediaType is "text/html" or "application/xhtml+xml";

    /// <summary>The values of a header joined with ", ", or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) ? string.Join(", ", values) : null;

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
}
