using GovGuard.Detection.Findings;
using GovGuard.Detection.Tests.Corpus;
using GovGuard.Detection.Tests.Corpus.Files;
using GovGuard.Detection.Tests.Logs;
using GovGuard.Detection.Webshell;
using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Webshell;

public class WebshellCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Webshells_of_every_family_are_found_and_framework_code_is_not()
    {
        var files = WebshellCorpus.Generate(seed: 744, perFamily: 4);
        var scanner = new WebshellScanner(TestRules.Webshell, new WebshellScanOptions { Target = "www" });
        var score = new CorpusScore();
        foreach (var f in files)
        {
            var (finding, verdict) = scanner.Scan(f.Path, f.Content);
            var hits = string.Join(",", verdict.Hits.Select(h => $"{h.RuleId}:{h.Weight}"));
            score.Add($"{f.Family} {f.Path} score {verdict.Score} [{hits}] {verdict.Skipped}",
                f.IsWebshell ? [Categories.WebshellFile] : [], finding is null ? [] : [finding.Category]);
        }

        score.Report(output);
        score.AssertAtLeast(Categories.WebshellFile, 0.95, minimumPositives: 40);
    }
}
