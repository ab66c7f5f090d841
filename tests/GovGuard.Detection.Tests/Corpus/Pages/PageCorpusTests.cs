using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Links;
using GovGuard.Detection.Scripts;
using GovGuard.Detection.Tests.Content;
using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Corpus.Pages;

public sealed class PageCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Hidden_link_and_malicious_script_precision_and_recall_are_at_least_95_percent()
    {
        var samples = PageCorpus.Generate();
        var harmful = new HarmfulContentDetector(ShippedLexicons.Lexicon);
        var darkLinks = new DarkLinkDetector(ShippedPageRules.Links, harmful);
        var scripts = new MaliciousScriptDetector(ShippedPageRules.Scripts, ShippedPageRules.Links);
        var score = new CorpusScore();
        var byRule = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in samples)
        {
            var page = HtmlPage.Parse(new Uri(GovPages.Origin + "/index.html"), s.Html, s.Css);
            var findings = darkLinks.Detect(page, GovPages.Origin + "/").Concat(scripts.Detect(page, GovPages.Origin + "/")).ToList();
            foreach (var f in findings)
            {
                Assert.Equal(GovPages.Origin + "/", f.Target);
                Assert.True(f.Evidence.Length <= Finding.MaxEvidenceLength);
                Assert.False(string.IsNullOrWhiteSpace(f.Message));
                byRule[f.Category + " " + f.Rule] = byRule.GetValueOrDefault(f.Category + " " + f.Rule) + 1;
            }

            score.Add(s.Name, s.Expected, findings.Select(f => f.Category));
        }

        score.Report(output);
        foreach (var (rule, n) in byRule)
        {
            output.WriteLine($"  {rule}: {n}");
        }

        score.AssertAtLeast(Categories.ContentDarkLink, 0.95, minimumPositives: 50);
        score.AssertAtLeast(Categories.ContentMaliciousScript, 0.95, minimumPositives: 50);
        Assert.True(samples.Count(s => s.Expected.Length == 0) >= 100, "at least 100 hard negatives");
    }
}
