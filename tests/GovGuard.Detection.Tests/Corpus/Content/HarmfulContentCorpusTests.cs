using GovGuard.Detection.Content;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Tests.Content;
using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Corpus.Content;

public sealed class HarmfulContentCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] LexiconCategories = ["gambling", "lottery_fraud", "fake_documents", "pornography", "fraud"];

    [Fact]
    public void Corpus_precision_and_recall_are_at_least_95_percent_per_category()
    {
        var samples = HarmfulContentCorpus.Generate();
        Assert.True(samples.Count(s => s.Expected.Length > 0) >= 50, "at least 50 positive samples");
        Assert.True(samples.Count(s => s.Expected.Length == 0) >= 50, "at least 50 negative samples");

        var detector = new HarmfulContentDetector(ShippedLexicons.Lexicon);
        var byCategory = new CorpusScore();
        var overall = new CorpusScore();
        foreach (var s in samples)
        {
            var findings = detector.Detect(s.Text, "http://127.0.0.1:19001/", "http://127.0.0.1:19001/p.html", MessageLanguage.Chinese);
            Assert.All(findings, f => Assert.Equal(Categories.ContentHarmfulKeyword, f.Category));
            byCategory.Add(s.Name, s.Expected, findings.Select(f => f.Rule["lexicon:".Length..]));
            overall.Add(s.Name, s.Expected.Length > 0 ? [Categories.ContentHarmfulKeyword] : [], findings.Select(f => f.Category));
        }

        byCategory.Report(output);
        overall.Report(output);
        foreach (var c in LexiconCategories)
        {
            byCategory.AssertAtLeast(c, 0.95);
        }

        overall.AssertAtLeast(Categories.ContentHarmfulKeyword, 0.95, minimumPositives: 50);
    }

    [Fact]
    public void Every_disguise_is_seen_through_in_every_category()
    {
        var detector = new HarmfulContentDetector(ShippedLexicons.Lexicon);
        var rnd = new Random(5);
        foreach (var technique in HarmfulContentCorpus.Techniques)
        {
            var text = HarmfulContentCorpus.Disguise("政府网站。百家乐真人荷官。六合彩一码中特。代开各地发票。裸聊约炮。刷单返利日赚千元。", technique, rnd);
            var rules = detector.Detect(text, "t", null, MessageLanguage.Chinese).Select(f => f.Rule).ToList();
            Assert.True(rules.Count == 5, $"{technique}: {string.Join(", ", rules)}");
        }
    }

    [Fact]
    public void Without_evasion_handling_disguised_spam_is_missed()
    {
        // Shows the corpus really exercises the disguises: matching the raw text misses them.
        var detector = new HarmfulContentDetector(ShippedLexicons.Lexicon, new HarmfulContentOptions { HandleEvasion = false });
        var disguised = HarmfulContentCorpus.Generate()
            .Where(s => s.Expected.Length > 0 && !s.Name.EndsWith("/plain", StringComparison.Ordinal) && !s.Name.EndsWith("/full_width", StringComparison.Ordinal))
            .ToList();
        int found = disguised.Count(s => detector.Detect(s.Text, "t", null, MessageLanguage.Chinese).Count > 0);
        output.WriteLine($"raw matching found {found} of {disguised.Count} disguised samples");
        Assert.True(found < disguised.Count / 2, $"raw matching found {found} of {disguised.Count}");
    }
}
