using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Http;
using GovGuard.Detection.Tamper;
using GovGuard.Detection.Templates;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Scanning;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>
/// The one place where monitors reach the page detectors: it forwards to the site-scan pipeline
/// (<see cref="PageScanner"/> over <see cref="SiteScanRules"/>), so that a monitor and <c>govguard scan site</c>
/// judge a page the same way — harmful content, hidden links, malicious scripts, directory listings, security
/// headers, exposure probes, vulnerability templates, cloaking and tamper. Rules are read once, on first use.
/// </summary>
public sealed class PageDetectors
{
    private readonly Lazy<SiteScanRules> _rules = new(() => SiteScanRules.Load(null, _ => { }));
    private readonly Lazy<PageScanner> _scanner;
    private readonly ExposureDetector _exposure = new();

    public PageDetectors() => _scanner = new(() => new PageScanner(_rules.Value));

    /// <summary>The rules of rules/ (lexicons, links, scripts, spiders, exposures, headers, templates).</summary>
    public SiteScanRules Rules => _rules.Value;

    /// <summary>The page-level detectors of the site scan.</summary>
    public PageScanner Scanner => _scanner.Value;

    /// <summary>Harmful content, hidden links and malicious scripts of an HTML page, and a directory listing (GB/T 38249 7.4.3 a, 7.4.4 a).</summary>
    public IReadOnlyList<Finding> Content(HttpResponseView response, HtmlPage? page, string target) => Scanner.Content(response, page, target);

    /// <summary>Missing or weak security headers and cookie flags (7.4.4 a).</summary>
    public IReadOnlyList<Finding> Headers(HttpResponseView page, string target) => Scanner.Headers(page, target);

    /// <summary>A directory listing (7.4.4 a).</summary>
    public Finding? Listing(HttpResponseView page, string target) => Scanner.Listing(page, target);

    /// <summary>The exposure probes for a site.</summary>
    public IReadOnlyList<ExposureCheck> ExposureChecks(Uri site) => Rules.Exposures.Requests(site);

    /// <summary>An exposed file, judged against the site's soft-404 profiles (7.4.4 a).</summary>
    public Finding? Exposure(ExposureCheck check, HttpResponseView response, IReadOnlyList<Soft404Profile> soft404, string target) =>
        _exposure.Evaluate(check, response, soft404, target);

    /// <summary>The vulnerability check templates (rules/templates).</summary>
    public IReadOnlyList<HttpTemplate> Templates => Rules.Templates.Templates;

    /// <summary>A tamper comparer for one monitor's ignore rules, with the shared lexicon and trusted hosts.</summary>
    public TamperComparer Tamper(TamperOptions options) => Scanner.Tamper(options);

    /// <summary>A fetch result as the detectors' response view; null when no response was received.</summary>
    public static HttpResponseView? View(FetchResult result) => ResponseViews.From(result);
}
