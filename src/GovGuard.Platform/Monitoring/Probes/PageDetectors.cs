using GovGuard.Detection.Content;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Http;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Rules;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>
/// The one place where monitors call the page detectors (harmful content, directory listings, security headers,
/// exposure probes with soft-404 canaries). When the site-scan pipeline lands, this class forwards to it instead.
/// Rules are read once from the rules folder, on first use.
/// </summary>
public sealed class PageDetectors
{
    private readonly Lazy<HarmfulContentDetector> _content = new(() =>
        new HarmfulContentDetector(Lexicon.Parse(RuleFiles.Read("lexicons", "*.txt").Select(f => (f.Name, f.Text)))));

    private readonly Lazy<ExposureProbeSet> _probes = new(() =>
        ExposureProbeSet.Load(RuleFiles.Read("exposure", "*.rules").Select(f => (f.Name, f.Text))));

    private readonly Lazy<SecurityHeaderCheck> _headers = new(() =>
    {
        var files = RuleFiles.Read("headers", "*.rules");
        return files.Count == 0 ? SecurityHeaderCheck.Default : new SecurityHeaderCheck(SecurityHeaderPolicy.Load(files.Select(f => (f.Name, f.Text))));
    });

    private readonly DirectoryListingDetector _listing = new();
    private readonly ExposureDetector _exposure = new();

    /// <summary>Harmful content in a page's text (GB/T 38249 7.4.3 a).</summary>
    public IReadOnlyList<Finding> Content(HttpResponseView page, string target)
    {
        ArgumentNullException.ThrowIfNull(page);
        return _content.Value.Detect(page.Text, target, page.Url.ToString(), MessageLanguage.Chinese);
    }

    /// <summary>Missing or weak security headers and cookie flags (7.4.4 a).</summary>
    public IReadOnlyList<Finding> Headers(HttpResponseView page, string target) => _headers.Value.Evaluate(page, target);

    /// <summary>A directory listing (7.4.4 a).</summary>
    public Finding? Listing(HttpResponseView page, string target) => _listing.Evaluate(page, target);

    /// <summary>The exposure probes for a site.</summary>
    public IReadOnlyList<ExposureCheck> ExposureChecks(Uri site) => _probes.Value.Requests(site);

    /// <summary>An exposed file, judged against the site's soft-404 profiles (7.4.4 a).</summary>
    public Finding? Exposure(ExposureCheck check, HttpResponseView response, IReadOnlyList<Soft404Profile> soft404, string target) =>
        _exposure.Evaluate(check, response, soft404, target);

    /// <summary>A fetch result as the detectors' response view; null when no response was received.</summary>
    public static HttpResponseView? View(FetchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.StatusCode is not { } status || result.FinalUrl is null)
        {
            return null;
        }

        var headers = result.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        return new HttpResponseView(result.FinalUrl, status, headers, result.Body, result.Text, result.Truncated, result.Timings.Total);
    }
}
