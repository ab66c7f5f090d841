using GovGuard.Detection.Tamper;

namespace GovGuard.Platform.Monitoring.Tamper;

/// <summary>How one row of a side-by-side diff stands.</summary>
public enum DiffRowKind
{
    /// <summary>The same block on both sides.</summary>
    Same,

    /// <summary>Only in the baseline.</summary>
    Removed,

    /// <summary>Only on the page now.</summary>
    Added,
}

/// <summary>One row of the side-by-side view: the baseline's block on the left, the current one on the right (plain text).</summary>
public sealed record DiffRow(string Kind, string? Before, string? After, bool Hidden);

/// <summary>Hosts a page loads scripts, frames or images from, added or removed (<c>script</c>, <c>iframe</c>, <c>img</c>).</summary>
public sealed record DiffResource(string Kind, string Host, bool Added);

/// <summary>The baseline and the current page side by side, as text (never HTML): rows aligned on the common blocks.</summary>
public sealed record TamperSideBySide(
    string TitleBefore,
    string TitleAfter,
    bool TitleChanged,
    IReadOnlyList<DiffRow> Rows,
    IReadOnlyList<DiffResource> Resources,
    int Removed,
    int Added,
    bool Truncated);

/// <summary>Builds the side-by-side diff of two page snapshots (pure; the detector's block hashes decide what is the same).</summary>
public static class TamperReview
{
    /// <summary>Blocks compared per side at most; the rest are left out and the diff says it is cut.</summary>
    public const int MaxBlocks = 1500;

    public static TamperSideBySide Diff(PageBaseline before, PageBaseline after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = before.Blocks.Take(MaxBlocks).ToList();
        var b = after.Blocks.Take(MaxBlocks).ToList();
        var rows = Align(a, b);
        var resources = new List<DiffResource>();
        Hosts("script", before.ScriptHosts, after.ScriptHosts, resources);
        Hosts("iframe", before.FrameHosts, after.FrameHosts, resources);
        Hosts("img", before.ImageHosts, after.ImageHosts, resources);
        var code = Common.WireCodes<DiffRowKind>.Code;
        return new TamperSideBySide(before.Title, after.Title, !string.Equals(before.NormalizedTitle, after.NormalizedTitle, StringComparison.Ordinal),
            rows.Select(r => new DiffRow(code(r.Kind), r.Before?.Text, r.After?.Text, (r.Before?.Hidden ?? false) || (r.After?.Hidden ?? false))).ToList(),
            resources, rows.Count(r => r.Kind == DiffRowKind.Removed), rows.Count(r => r.Kind == DiffRowKind.Added),
            before.Blocks.Count > MaxBlocks || after.Blocks.Count > MaxBlocks);
    }

    private sealed record Aligned(DiffRowKind Kind, BaselineBlock? Before, BaselineBlock? After);

    /// <summary>Longest common subsequence over the blocks' masked hashes; the rest are removed or added rows in page order.</summary>
    private static List<Aligned> Align(List<BaselineBlock> a, List<BaselineBlock> b)
    {
        var n = a.Count;
        var m = b.Count;
        var lcs = new int[(n + 1) * (m + 1)];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[(i * (m + 1)) + j] = string.Equals(a[i].Hash, b[j].Hash, StringComparison.Ordinal)
                    ? lcs[((i + 1) * (m + 1)) + j + 1] + 1
                    : Math.Max(lcs[((i + 1) * (m + 1)) + j], lcs[(i * (m + 1)) + j + 1]);
            }
        }

        var rows = new List<Aligned>(Math.Max(n, m));
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && string.Equals(a[x].Hash, b[y].Hash, StringComparison.Ordinal))
            {
                rows.Add(new Aligned(DiffRowKind.Same, a[x++], b[y++]));
            }
            else if (x < n && (y == m || lcs[((x + 1) * (m + 1)) + y] >= lcs[(x * (m + 1)) + y + 1]))
            {
                rows.Add(new Aligned(DiffRowKind.Removed, a[x++], null));
            }
            else
            {
                rows.Add(new Aligned(DiffRowKind.Added, null, b[y++]));
            }
        }

        return rows;
    }

    private static void Hosts(string kind, IReadOnlyList<string> before, IReadOnlyList<string> after, List<DiffResource> into)
    {
        var old = before.ToHashSet(StringComparer.Ordinal);
        var now = after.ToHashSet(StringComparer.Ordinal);
        into.AddRange(after.Where(h => !old.Contains(h)).Select(h => new DiffResource(kind, h, true)));
        into.AddRange(before.Where(h => !now.Contains(h)).Select(h => new DiffResource(kind, h, false)));
    }
}
