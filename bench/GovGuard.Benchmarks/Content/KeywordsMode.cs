using System.Diagnostics;
using GovGuard.Detection.Content;
using GovGuard.Detection.Text;

namespace GovGuard.Benchmarks.Content;

/// <summary>
/// Whole-process entry for bench/peers/keywords.sh: <c>keywords LEXICON FILE [--evasion]</c> prints the number of
/// occurrences of the lexicon's terms (one a line) in the UTF-8 file, streamed in blocks on every core.
/// </summary>
internal static class KeywordsMode
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: keywords LEXICON FILE [--evasion]");
            return 2;
        }

        bool evasion = args.Contains("--evasion", StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var normalizer = evasion ? TextNormalizer.Default : null;
        var terms = File.ReadLines(args[0]).Where(l => l.Length > 0)
            .Select(t => normalizer?.NormalizeTerm(t) ?? t).ToList();
        var matcher = TermMatcher.Build(terms);
        var built = clock.Elapsed;
        using var file = new FileStream(args[1], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        long count = new TermStreamScanner(matcher, normalizer).Scan(file);
        Console.Out.WriteLine(count);
        Console.Error.WriteLine(
            $"govguard: {terms.Count} terms, {matcher.StateCount} states, build {built.TotalMilliseconds:0} ms, " +
            $"scan {(clock.Elapsed - built).TotalMilliseconds:0} ms, evasion {(evasion ? "on" : "off")}");
        return 0;
    }
}
