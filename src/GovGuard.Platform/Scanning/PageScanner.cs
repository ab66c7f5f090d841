using System.Text;
using System.Text.Json;
using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Content;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Html;
using GovGuard.Detection.Http;
using GovGuard.Detection.Links;
using GovGuard.Detection.Scripts;
using GovGuard.Detection.Tamper;

namespace GovGuard.Platform.Scanning;

/// <summary>
/// Runs every page-level detector over one fetched page: harmful content, hidden links, malicious scripts,
/// directory listing and the security headers, plus the tamper comparison and the cloaking comparison. The one
/// place that knows which detectors look at a page, so that the CLI scan and the monitoring engine judge a page
/// the same way. Detectors are built once; thread-safe.
/// </summary>
public sealed class PageScanner
{
    private readonly HarmfulContentDetector harmful;
    private readonly DarkLinkDetector darkLinks;
    private readonly MaliciousScriptDetector scripts;
    private readonly DirectoryListingDetector listing;
    private readonly SecurityHeaderCheck headers;
    private readonly TamperComparer tamper;
    private readonly CloakingDetector cloaking;
    private readonly LinkRuleSet links;

    public PageScanner(SiteScanRules rules, MessageLanguage language = MessageLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Language = language;
        harmful = new HarmfulContentDetector(rules.Lexicon);
        darkLinks = new DarkLinkDetector(rules.Links, harmful);
        scripts = new MaliciousScriptDetector(rules.Scripts, rules.Links);
        listing = new DirectoryListingDetector(language);
        headers = new SecurityHeaderCheck(rules.Headers, language);
        tamper = new TamperComparer(null, harmful, rules.Links);
        cloaking = new CloakingDetector(harmful, rules.Links);
        links = rules.Links;
    }

    public MessageLanguage Language { get; }

    /// <summary>A tamper comparer with a site's own ignore rules and thresholds, sharing this scanner's lexicon and trusted hosts.</summary>
    public TamperComparer Tamper(TamperOptions options) => new(options, harmful, links);

    /// <summary>
    /// The findings of a page's content: directory listing (any response), and for HTML (<paramref name="page"/>)
    /// harmful terms, hidden links and malicious scripts. <paramref name="target"/> is the site as given.
    /// </summary>
    public IReadOnlyList<Finding> Content(HttpResponseView response, HtmlPage? page, string target)
    {
        ArgumentNullException.ThrowIfNull(response);
        var findings = new List<Finding>();
        if (listing.Evaluate(response, target) is { } l)
        {
            findings.Add(l);
        }

        if (page is null)
        {
            return findings;
        }

        // GB/T 38249 7.4.3 a: harmful information anywhere in the page text, hidden text included (SEO spam hides it).
        foreach (var f in harmful.Detect(page.Title + "\n" + page.Text, target, response.Url.AbsoluteUri, Language))
        {
            findings.Add(f with { Evidence = Collapse(f.Evidence) });
        }

        findings.AddRange(darkLinks.Detect(page, target, Language));
        findings.AddRange(scripts.Detect(page, target, Language));
        return findings;
    }

    /// <summary>The header problems of a page (GB/T 38249 7.4.4 a); the caller reports each once per site.</summary>
    public IReadOnlyList<Finding> Headers(HttpResponseView response, string target)
    {
        ArgumentNullException.ThrowIfNull(response);
        return IsHtml(response) ? headers.Evaluate(response, target) : [];
    }

    /// <summary>The directory-listing finding of a probe answer, if it is one.</summary>
    public Finding? Listing(HttpResponseView response, string target) => listing.Evaluate(response, target);

    /// <summary>The tamper detector's baseline of a page, as the JSON object stored in the baseline file.</summary>
    public static JsonElement BaselineOf(HtmlPage page)
    {
        using var doc = JsonDocument.Parse(PageBaseline.Create(page).ToJson());
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// The tamper findings of a page against its baseline entry (GB/T 38249 7.4.2 a); empty when unchanged or
    /// legitimately updated, or when the entry has no page model (not HTML when the baseline was made).
    /// </summary>
    /// <exception cref="FormatException">The entry's page model is of another version or malformed.</exception>
    public IReadOnlyList<Finding> CompareWithBaseline(BaselineEntry entry, HtmlPage current, string target)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(current);
        if (entry.Page is not { } stored)
        {
            return [];
        }

        var result = tamper.Compare(PageBaseline.FromJson(stored.GetRawText()), current, target, Language);
        return result.Status == TamperStatus.Defaced ? result.Findings : [];
    }

    /// <summary>The cloaking findings of a page fetched as a browser and as each spider (GB/T 38249 7.4.3 a).</summary>
    public IReadOnlyList<Finding> Cloaking(HtmlPage browser, IReadOnlyList<(SpiderAgent Agent, HtmlPage Page)> spiders, string target) =>
        cloaking.Compare(browser, spiders, target, Language).Findings;

    internal static bool IsHtml(HttpResponseView response) =>
        response.MediaType is "text/html" or "application/xhtml+xml"
        || (response.MediaType.Length == 0 && ContentVerifier.LooksLikeHtml(response.Body.Span));

    /// <summary>An excerpt of page text as one line: runs of white space (block breaks included) become one space.</summary>
    private static string Collapse(string excerpt)
    {
        var sb = new StringBuilder(excerpt.Length);
        foreach (var c in excerpt.AsSpan().Trim())
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
            else if (sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }
}
