using GovGuard.Detection.Http;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Scanning;

/// <summary>One probe answer: the fetch as it ended and the detectors' view of its response (null when none came).</summary>
public sealed record ProbeAnswer(ProbeRequest Request, Uri Url, FetchResult Result, HttpResponseView? Response);

/// <summary>
/// Sends the requests detectors ask for (<see cref="ProbeRequest"/>) through the guarded fetcher, on the scanned
/// site's origin only, following at most the redirects each request allows (every hop checked by the guard, never from https to http).
/// </summary>
public sealed class ProbeClient(GuardedFetcher fetcher)
{
    /// <summary>A probe body is judged by its start (magic bytes, keywords); archives are asked for with a Range header.</summary>
    public const long MaxProbeBodyBytes = 2 * 1024 * 1024;

    public async Task<ProbeAnswer> SendAsync(ProbeRequest request, Uri site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(site);
        var url = request.On(site);
        var method = new HttpMethod(request.Method);
        var body = request.Body;
        IReadOnlyList<KeyValuePair<string, string>> headers = request.Headers;
        for (var hop = 0; ; hop++)
        {
            var fetch = new FetchRequest(url.AbsoluteUri)
            {
                Method = method,
                Headers = headers,
                Body = body.IsEmpty ? null : body,
                FollowRedirects = false,
                MaxBodyBytes = MaxProbeBodyBytes,
            };
            var result = await fetcher.FetchAsync(fetch, cancellationToken).ConfigureAwait(false);
            if (result.StatusCode is null && result.Outcome is FetchOutcome.ProtocolError or FetchOutcome.ConnectFailed)
            {
                // Once more on a fresh try: a pooled connection the server had just closed is not the site's answer.
                result = await fetcher.FetchAsync(fetch, cancellationToken).ConfigureAwait(false);
            }

            if (hop >= request.MaxRedirects || result.StatusCode is not (301 or 302 or 303 or 307 or 308)
                || result.Header("Location") is not { } location || !Uri.TryCreate(url, location, out var next)
                || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                || (url.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp))
            {
                return new ProbeAnswer(request, url, result, ResponseViews.From(result));
            }

            if (result.StatusCode is 303 || (result.StatusCode is 301 or 302 && method == HttpMethod.Post))
            {
                method = HttpMethod.Get;
                body = ReadOnlyMemory<byte>.Empty;
            }

            // The probe's own headers (Authorization of a default-credentials check) never leave the scanned origin.
            if (!string.Equals(next.GetLeftPart(UriPartial.Authority), url.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                headers = [];
            }

            url = next;
        }
    }
}
