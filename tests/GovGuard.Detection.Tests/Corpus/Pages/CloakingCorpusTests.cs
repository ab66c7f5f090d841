using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Tests.Content;
using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Corpus.Pages;

public sealed class CloakingCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Cloaking_precision_and_recall_are_at_least_95_percent()
    {
        var samples = CloakingCorpus.Generate();
        var detector = new CloakingDetector(new HarmfulContentDetector(ShippedLexicons.Lexicon), ShippedPageRules.Links);
        var agents = ShippedPageRules.Spiders.Spiders.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var url = new Uri(GovPages.Origin + "/index.html");
        var score = new CorpusScore();
        var rules = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in samples)
        {
            var browser = HtmlPage.Parse(url, s.Browser);
            var spiders = s.Spiders.Select(x => (agents[x.Spider], HtmlPage.Parse(new Uri(x.Url), x.Html))).ToList();
            var result = detector.Compare(browser, spiders, GovPages.Origin + "/");
            Assert.Equal(spiders.Count, result.Comparisons.Count);
            foreach (var f in result.Findings)
            {
                rules[f.Rule] = rules.GetValueOrDefault(f.Rule) + 1;
            }

            score.Add(s.Name, s.Cloaked ? [Categories.ContentCloaking] : [], result.Findings.Select(f => f.Category));
        }

        score.Report(output);
        foreach (var (rule, n) in rules)
        {
            output.WriteLine($"  {rule}: {n}");
        }

        score.AssertAtLeast(Categories.ContentCloaking, 0.95, minimumPositives: 50);
        Assert.True(samples.Count(s => !s.Cloaked) >= 50, "at least 50 honest pages");
    }
}
