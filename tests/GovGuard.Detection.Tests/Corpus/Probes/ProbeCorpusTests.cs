using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Templates;
using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Corpus.Probes;

public class ProbeCorpusTests(ITestOutputHelper output)
{
    private const int Seed = 38249;

    [Fact]
    public void Exposures_reach_95_percent_precision_and_recall_on_generated_sites()
    {
        var (samples, soft404) = ExposureCorpus.Generate(Seed, sites: 60, ProbeRules.ExposureProbes);
        var detector = new ExposureDetector();
        var score = new CorpusScore();
        foreach (var s in samples)
        {
            var f = detector.Evaluate(s.Check, s.Response, soft404[s.Site]);
            score.Add($"{s.Behaviour} {s.Response.Url} ({s.Check.Probe.Id})", s.Exposed ? [Categories.VulnExposedFile] : [], f is null ? [] : [f.Category]);
        }

        output.WriteLine($"{samples.Count} probe answers on 60 sites, {samples.Count(s => s.Exposed)} real exposures");
        var withoutSoft404 = samples.Count(s => !s.Exposed && detector.Evaluate(s.Check, s.Response, []) is not null);
        output.WriteLine($"without the soft-404 profiles: {withoutSoft404} false positives");
        score.Report(output);
        score.AssertAtLeast(Categories.VulnExposedFile, 0.95, minimumPositives: 200);
        // Every probe kind is exercised by at least one real file.
        Assert.Empty(ProbeRules.ExposureProbes.Probes.Select(p => p.Id).Except(samples.Where(s => s.Exposed).Select(s => s.Check.Probe.Id)));
    }

    [Fact]
    public void Directory_listings_reach_95_percent_precision_and_recall()
    {
        var detector = new DirectoryListingDetector();
        var score = new CorpusScore();
        var samples = ListingCorpus.Generate(Seed, perKind: 30);
        foreach (var s in samples)
        {
            var f = detector.Evaluate(ProbeRules.HtmlResponse(s.Url, 200, s.Html));
            score.Add($"{s.Kind} {s.Url}", s.IsListing ? [Categories.VulnDirListing] : [], f is null ? [] : [f.Category]);
        }

        score.Report(output);
        score.AssertAtLeast(Categories.VulnDirListing, 0.95, minimumPositives: 200);
    }

    [Fact]
    public void Header_findings_reach_95_percent_precision_and_recall_per_header()
    {
        var check = new SecurityHeaderCheck(ProbeRules.HeaderPolicy);
        var score = new CorpusScore();
        var rules = new[]
        {
            "header-csp-missing", "header-csp-weak", "header-hsts-missing", "header-hsts-weak", "header-xcto-missing", "header-frame-missing",
            "header-frame-weak", "header-referrer-missing", "header-referrer-weak", "header-permissions-missing", "header-server-version",
            "header-x-powered-by", "header-x-aspnet-version", "header-x-aspnetmvc-version", "cookie-flags",
        };
        var samples = HeaderCorpus.Generate(Seed, count: 600);
        foreach (var s in samples)
        {
            var found = check.Evaluate(ProbeRules.TextResponse(s.Url, 200, s.Body, s.Headers)).Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
            Assert.Empty(found.Except(rules));
            // Judged per header: each (page, rule) pair is one sample.
            foreach (var rule in rules)
            {
                score.Add($"{s.Url} {rule}: {string.Join(" | ", s.Headers)}", s.ExpectedRules.Contains(rule) ? [Categories.VulnMissingHeader] : [],
                    found.Contains(rule) ? [Categories.VulnMissingHeader] : []);
            }
        }

        score.Report(output);
        score.AssertAtLeast(Categories.VulnMissingHeader, 0.95, minimumPositives: 300);
    }

    [Fact]
    public void Templates_reach_95_percent_precision_and_recall()
    {
        var set = ProbeRules.ShippedTemplates;
        var score = new CorpusScore();
        var samples = TemplateCorpus.Generate(Seed, variants: 20, set);
        foreach (var s in samples)
        {
            var t = set.Templates.Single(x => x.Id == s.TemplateId);
            var f = TemplateSet.Evaluate(t, s.RequestIndex, s.Response);
            score.Add($"{s.TemplateId}#{s.RequestIndex} {s.Response.Status} {s.Response.Url}", s.Matches ? [Categories.VulnTemplate] : [], f is null ? [] : [f.Category]);
        }

        output.WriteLine($"{samples.Count} template judgements, {samples.Count(s => s.Matches)} expected matches");
        score.Report(output);
        score.AssertAtLeast(Categories.VulnTemplate, 0.95, minimumPositives: 100);
    }
}
