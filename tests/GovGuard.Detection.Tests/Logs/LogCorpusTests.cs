using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Tests.Corpus;
using GovGuard.Detection.Tests.Corpus.Logs;
using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Logs;

public class LogCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_attack_category_reaches_95_percent_precision_and_recall_on_the_generated_log()
    {
        var (lines, bursts) = LogCorpus.Generate(seed: 38249, benign: 20000, attacksPerKind: 5);
        var log = string.Join('\n', lines.Select(l => l.Line)) + "\n";
        var findings = new List<Finding>();
        var scanner = new AccessLogScanner(TestRules.Logs, new AccessLogOptions { Target = "corpus.log" });
        var summary = scanner.Scan(new MemoryStream(Encoding.UTF8.GetBytes(log)), findings.Add);
        Assert.Equal(lines.Count, summary.Lines);
        Assert.Equal(0, summary.Malformed);

        var rateRules = TestRules.Logs.Rates.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var perLine = findings.Where(f => !rateRules.Contains(f.Rule)).ToLookup(f => f.Line!.Value);
        var score = new CorpusScore();
        for (var i = 0; i < lines.Count; i++)
        {
            score.Add($"line {i + 1}: {lines[i].Line}", lines[i].Categories, perLine[i + 1].Select(f => f.Category));
        }

        // Rate findings are judged per client: each burst client once, every other client never.
        var perClient = findings.Where(f => rateRules.Contains(f.Rule))
            .ToLookup(f => f.Evidence[..f.Evidence.IndexOf(": ", StringComparison.Ordinal)], StringComparer.Ordinal);
        var clients = lines.Select(l => l.Line[..l.Line.IndexOf(' ', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal);
        foreach (var client in clients)
        {
            var expected = bursts.TryGetValue(client, out var c) ? [c] : Array.Empty<string>();
            score.Add($"client {client}", expected, perClient[client].Select(f => f.Category));
        }

        score.Report(output);
        foreach (var category in new[]
        {
            Categories.AttackSqli, Categories.AttackXss, Categories.AttackTraversal, Categories.AttackCmdi,
            Categories.AttackScanner, Categories.AttackBruteforce, Categories.AttackWebshellAccess,
        })
        {
            score.AssertAtLeast(category, 0.95, minimumPositives: 40);
        }
    }

    [Fact]
    public void Parallel_scan_gives_the_same_findings_in_the_same_order_as_one_thread()
    {
        // Enough lines for many batches, bursts across batch ends, and lines without a readable time.
        var (lines, _) = LogCorpus.Generate(seed: 7, benign: 30000, attacksPerKind: 20);
        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Line;
            text.Append(i % 997 == 5 ? line.Replace("[", "[bad ", StringComparison.Ordinal) : line).Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 5000 == 1)
            {
                text.Append("not a log line\n\n");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        List<Finding> Run(int threads, out LogScanSummary summary)
        {
            var found = new List<Finding>();
            summary = new AccessLogScanner(TestRules.Logs, new AccessLogOptions { Target = "p.log" }) { MaxParallelism = threads }
                .Scan(new MemoryStream(bytes), found.Add);
            return found;
        }

        var one = Run(1, out var s1);
        var four = Run(4, out var s4);
        Assert.True(one.Count > 100);
        Assert.Contains(one, f => f.Category == Categories.AttackBruteforce);
        Assert.Equal(one, four);
        Assert.Equal((s1.Lines, s1.Malformed, s1.Bytes), (s4.Lines, s4.Malformed, s4.Bytes));
        Assert.Equal(s1.FirstMalformed, s4.FirstMalformed);
        Assert.True(s1.Malformed > 5);
    }

    [Fact]
    public void Brute_force_is_one_finding_per_client_per_window()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 70; i++)
        {
            // 70 attempts over 140 s from one client: windows of 60 s open at 0 s, 60 s and 120 s.
            sb.Append(CultureInfo($"203.0.113.9 - - [12/May/2024:10:{i * 2 / 60:00}:{i * 2 % 60:00} +0800] \"POST /user/login HTTP/1.1\" 200 310 \"-\" \"Mozilla/5.0\"\n"));
        }

        var findings = Scan(sb.ToString());
        var brute = findings.Where(f => f.Category == Categories.AttackBruteforce).ToList();
        Assert.Equal(2, brute.Count);
        Assert.All(brute, f => Assert.StartsWith("203.0.113.9:", f.Evidence, StringComparison.Ordinal));
        Assert.Equal(20, brute[0].Line);
    }

    internal static List<Finding> Scan(string log, AccessLogFormat format = AccessLogFormat.Combined)
    {
        var findings = new List<Finding>();
        new AccessLogScanner(TestRules.Logs, new AccessLogOptions { Target = "t.log", Format = format })
            .Scan(new MemoryStream(Encoding.UTF8.GetBytes(log)), findings.Add);
        return findings;
    }

    private static string CultureInfo(FormattableString s) => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
