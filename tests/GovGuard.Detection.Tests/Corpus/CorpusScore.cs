using Xunit.Abstractions;

namespace GovGuard.Detection.Tests.Corpus;

/// <summary>
/// Precision and recall per category over a labelled corpus: each sample says which categories it
/// should raise (none for a hard negative); the detector's output is compared with that label.
/// </summary>
public sealed class CorpusScore
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _counts = new(StringComparer.Ordinal);
    private readonly List<string> _misses = [];

    /// <summary>Records one sample: the categories it is labelled with and the ones the detector raised.</summary>
    public void Add(string sample, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var e = expected.ToHashSet(StringComparer.Ordinal);
        var a = actual.ToHashSet(StringComparer.Ordinal);
        foreach (var c in e.Union(a))
        {
            var (tp, fp, fn) = _counts.GetValueOrDefault(c);
            if (e.Contains(c) && a.Contains(c))
            {
                tp++;
            }
            else if (a.Contains(c))
            {
                fp++;
                _misses.Add($"false positive {c}: {sample}");
            }
            else
            {
                fn++;
                _misses.Add($"false negative {c}: {sample}");
            }

            _counts[c] = (tp, fp, fn);
        }
    }

    /// <summary>Precision of a category (1 when it never fired).</summary>
    public double Precision(string category)
    {
        var (tp, fp, _) = _counts.GetValueOrDefault(category);
        return tp + fp == 0 ? 1.0 : (double)tp / (tp + fp);
    }

    /// <summary>Recall of a category (1 when no sample expected it).</summary>
    public double Recall(string category)
    {
        var (tp, _, fn) = _counts.GetValueOrDefault(category);
        return tp + fn == 0 ? 1.0 : (double)tp / (tp + fn);
    }

    /// <summary>Positive samples seen for a category (so a test can insist the corpus is not empty).</summary>
    public int Positives(string category)
    {
        var (tp, _, fn) = _counts.GetValueOrDefault(category);
        return tp + fn;
    }

    /// <summary>Prints the table and every miss to the test output.</summary>
    public void Report(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (c, (tp, fp, fn)) in _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{c,-28} precision {Precision(c):0.000} recall {Recall(c):0.000} (tp {tp}, fp {fp}, fn {fn})");
        }

        foreach (var m in _misses.Take(50))
        {
            output.WriteLine(m);
        }
    }

    /// <summary>Fails with the misses listed unless precision and recall of the category are at least <paramref name="minimum"/>.</summary>
    public void AssertAtLeast(string category, double minimum, int minimumPositives = 10)
    {
        Assert.True(Positives(category) >= minimumPositives,
            $"{category}: only {Positives(category)} positive samples; the corpus must hold at least {minimumPositives}");
        Assert.True(Precision(category) >= minimum && Recall(category) >= minimum,
            $"{category}: precision {Precision(category):0.000}, recall {Recall(category):0.000} (minimum {minimum}). " +
            string.Join("; ", _misses.Where(m => m.Contains(category, StringComparison.Ordinal)).Take(10)));
    }
}
