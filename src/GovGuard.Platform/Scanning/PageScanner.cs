using System.Text.Json;
using GovGuard.Detection.Content;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Http;

namespace GovGuard.Platform.Scanning;

/// <summary>
/// Runs every page-level detector over one fetched page: harmful content, directory listing and the security
/// headers. The one place that knows which detectors look at a page, so that the CLI scan and the monitoring
/// engine judge a page the same way. Thread-safe.
/// </summary>
public sealed class PageScanner
{
    private readonly HarmfulContentDetector harmful;
    private readonly DirectoryListingDetector listing;
    private readonly SecurityHeaderCheck headers;

    public PageScanner(SiteScanRules rules, MessageLanguage language = MessageLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Language = language;
        harmful = new HarmfulContentDetector(rules.Lexicon);
        listing = new DirectoryListingDetector(language);
        headers = new SecurityHeaderCheck(rules.Headers, language);
    }

    public MessageLanguage Language { get; }

    /// <summary>The findings of the page's content (harmful terms, directory listing); <paramref name="target"/> is the site as given.</summary>
    public IReadOnlyList<Finding> Content(HttpResponseView response, string target)
    {
        ArgumentNullException.ThrowIfNull(response);
        var findings = new List<Finding>();
        if (listing.Evaluate(response, target) is { } l)
        {
            findings.Add(l);
        }

        if (IsHtml(response))
        {
            // GB/T 38249 7.4.3 a: harmful information anywhere in the page text, hidden text included (SEO spam hides it).
            foreach (var f in harmful.Detect(PageText.Of(response.Text), target, response.Url.AbsoluteUri, Language))
            {
                findings.Add(f with { Evidence = PageText.Collapse(f.Evidence) });
            }
        }

        return findings;
    }

    /// <summary>The header problems of a page (GB/T 38249 7.4.4 a); the caller reports each once per site.</summary>
    public IReadOnlyList<Finding> Headers(HttpResponseView response, string target)
    {
        ArgumentNullException.ThrowIfNull(response);
        return IsHtml(response) ? headers.Evaluate(response, target) : [];
    }

    /// <summary>The tamper detector's baseline of an HTML page, null for other pages.</summary>
    public JsonElement? BaselineOf(HttpResponseView response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return null;
    }

    /// <summary>The tamper findings of a page against its baseline entry (GB/T 38249 7.4.2); empty when unchanged or legitimately updated.</summary>
    public IReadOnlyList<Finding> CompareWithBaseline(BaselineEntry entry, HttpResponseView current, string target)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(current);
        return [];
    }

    /// <summary>The directory-listing finding of a probe answer, if it is one.</summary>
    public Finding? Listing(HttpResponseView response, string target) => listing.Evaluate(response, target);

    internal static bool IsHtml(HttpResponseView response) =>
        response.MediaType is "text/html" or "application/xhtml+xml"
        || (response.MediaType.Length == 0 && ContentVerifier.LooksLikeHtml(response.Body.Span));
}
