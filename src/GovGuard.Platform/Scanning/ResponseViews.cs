using GovGuard.Detection.Http;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Scanning;

/// <summary>Hands what the guarded fetcher read to the detectors, which never fetch anything themselves.</summary>
public static class ResponseViews
{
    /// <summary>
    /// The detectors' view of a fetch that received a response; null when none was received (no status).
    /// Headers keep one entry per value so that repeated headers (Set-Cookie) stay separate.
    /// </summary>
    public static HttpResponseView? From(FetchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.StatusCode is not { } status || result.FinalUrl is not { } url)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>(result.Headers.Count + 2);
        foreach (var (name, values) in result.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value));
            }
        }

        return new HttpResponseView(url, status, headers, result.Body, result.Text, result.Truncated, result.Timings.Total);
    }
}
