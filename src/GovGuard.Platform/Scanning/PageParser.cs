using System.Collections.Concurrent;
using GovGuard.Detection.Html;
using GovGuard.Detection.Http;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Scanning;

/// <summary>
/// Parses fetched HTML into the page model the page detectors share, with the page's external stylesheets
/// (hiding by a class of the site's stylesheet is the commonest dark-link trick). Each stylesheet is fetched once
/// per scan; one that cannot be read is left out, and the page model then knows not every stylesheet was read.
/// </summary>
public sealed class PageParser(GuardedFetcher fetcher)
{
    /// <summary>External stylesheets read per page at most; the rest count as unread.</summary>
    public const int MaxStylesheets = 16;

    private const long MaxStylesheetBytes = 1024 * 1024;
    private readonly ConcurrentDictionary<string, Task<string?>> sheets = new(StringComparer.Ordinal);

    /// <summary>The page model of an HTML response, or null when it is not HTML.</summary>
    public async Task<HtmlPage?> ParseAsync(HttpResponseView response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!PageScanner.IsHtml(response))
        {
            return null;
        }

        var bare = HtmlPage.Parse(response.Url, response.Text);
        var links = bare.Resources.Where(r => r.Kind == ResourceKind.Stylesheet).Select(r => r.Url).Take(MaxStylesheets).ToList();
        if (links.Count == 0)
        {
            return bare;
        }

        var css = new List<string>(links.Count);
        foreach (var link in links)
        {
            if (await sheets.GetOrAdd(link.AbsoluteUri, u => FetchSheetAsync(u, cancellationToken)).ConfigureAwait(false) is { } text)
            {
                css.Add(text);
            }
        }

        return HtmlPage.Parse(response.Url, response.Text, css);
    }

    private async Task<string?> FetchSheetAsync(string url, CancellationToken cancellationToken)
    {
        var result = await fetcher.FetchAsync(new FetchRequest(url) { MaxBodyBytes = MaxStylesheetBytes }, cancellationToken).ConfigureAwait(false);
        return result.IsComplete && result.StatusCode is >= 200 and < 300 ? result.Text : null;
    }
}
