using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Tamper;
using GovGuard.Detection.Tests.Content;
using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Corpus.Pages;

public sealed class TamperCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Defacement_precision_and_recall_are_at_least_95_percent_and_updates_never_raise_defacement()
    {
        var samples = TamperCorpus.Generate();
        var harmful = new HarmfulContentDetector(ShippedLexicons.Lexicon);
        var url = new Uri(GovPages.Origin + "/index.html");
        var score = new CorpusScore();
        var updatesReported = new List<string>();
        var rules = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int changed = 0;
        foreach (var s in samples)
        {
            var baseline = PageBaseline.FromJson(PageBaseline.Create(HtmlPage.Parse(url, s.Baseline), s.Options).ToJson());
            var comparer = new TamperComparer(s.Options, harmful, ShippedPageRules.Links);
            var result = comparer.Compare(baseline, HtmlPage.Parse(url, s.Current), GovPages.Origin + "/");
            Assert.Equal(result.Findings.Count > 0, result.Status == TamperStatus.Defaced);
            Assert.DoesNotContain("<", result.Diff.Summary.Replace("< ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            foreach (var f in result.Findings)
            {
                rules[f.Rule] = rules.GetValueOrDefault(f.Rule) + 1;
            }

            if (!s.Defaced)
            {
                changed += result.Status == TamperStatus.Changed ? 1 : 0;
                if (result.Findings.Count > 0)
                {
                    updatesReported.Add($"{s.Name}: {string.Join(", ", result.Findings.Select(f => f.Rule))} (kept {result.Kept:0.00}, added {result.Added:0.00})");
                }
            }

            score.Add(s.Name, s.Defaced ? [Categories.TamperDefacement] : [], result.Findings.Select(f => f.Category));
        }

        score.Report(output);
        foreach (var (rule, n) in rules)
        {
            output.WriteLine($"  {rule}: {n}");
        }

        output.WriteLine($"legitimate updates seen as Changed: {changed}");
        Assert.True(updatesReported.Count == 0, "legitimate updates reported as defacement: " + string.Join("; ", updatesReported));
        score.AssertAtLeast(Categories.TamperDefacement, 0.95, minimumPositives: 50);
        Assert.True(samples.Count(s => !s.Defaced) >= 50, "at least 50 legitimate updates");
    }
}
