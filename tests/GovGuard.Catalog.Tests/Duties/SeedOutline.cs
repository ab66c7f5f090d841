using System.Text.RegularExpressions;

namespace GovGuard.Catalog.Tests.Duties;

/// <summary>
/// Derives the duty ids of chapters 5 to 8 from the standard's text (the Markdown-like seed): every
/// leaf clause without lettered items is one id; a lettered item is one id unless it heads numbered
/// sub-items or bullets, which are then the ids; the chapter overviews x.1 have none.
/// </summary>
internal static partial class SeedOutline
{
    /// <summary>The seed file of GB/T 38249-2019 in ../shared/seed next to the repository, or null when absent.</summary>
    public static string? FindSeed()
    {
        var seedDir = Path.Combine(TestFiles.RepoRoot(), "..", "shared", "seed");
        if (!Directory.Exists(seedDir))
        {
            return null;
        }

        return Directory.EnumerateFiles(seedDir, "*.txt")
            .Order(StringComparer.Ordinal)
            .FirstOrDefault(f => File.ReadLines(f).Take(40).Any(l => l.Contains("GB/T 38249", StringComparison.Ordinal)));
    }

    /// <summary>The numbered sections of chapters 5 to 8 with their Chinese titles, in order.</summary>
    public static IReadOnlyList<(string Id, string Title)> Sections(IEnumerable<string> lines) =>
        Parse(lines).Select(s => (s.Id, s.Title)).ToList();

    /// <summary>The duty ids, in order.</summary>
    public static IReadOnlyList<string> DutyIds(IEnumerable<string> lines)
    {
        var sections = Parse(lines);
        var ids = new List<string>();
        foreach (var s in sections)
        {
            var isOverview = OverviewId().IsMatch(s.Id);
            var hasChildren = sections.Any(o => o.Id.StartsWith(s.Id + ".", StringComparison.Ordinal));
            if (isOverview || hasChildren)
            {
                continue;
            }

            if (s.Items.Count == 0)
            {
                ids.Add(s.Id);
                continue;
            }

            foreach (var (letter, subs) in s.Items)
            {
                if (subs == 0)
                {
                    ids.Add($"{s.Id}.{letter}");
                }
                else
                {
                    ids.AddRange(Enumerable.Range(1, subs).Select(n => $"{s.Id}.{letter}.{n}"));
                }
            }
        }

        return ids;
    }

    private sealed record Section(string Id, string Title, List<(char Letter, int Subs)> Items);

    private static List<Section> Parse(IEnumerable<string> lines)
    {
        var sections = new List<Section>();
        Section? current = null;
        foreach (var line in lines)
        {
            if (References().IsMatch(line))
            {
                break;
            }

            if (Heading().Match(line) is { Success: true } h)
            {
                current = new Section(h.Groups[1].Value, h.Groups[2].Value.Trim(), []);
                sections.Add(current);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            if (Lettered().Match(line) is { Success: true } l)
            {
                current.Items.Add((l.Groups[1].Value[0], 0));
            }
            else if (current.Items.Count > 0 && (Numbered().Match(line) is { Success: true } || Bullet().IsMatch(line)))
            {
                // Numbered sub-items 1) 2) and the indented bullets of 5.5.1 both count in order.
                var (letter, subs) = current.Items[^1];
                current.Items[^1] = (letter, subs + 1);
            }
        }

        return sections;
    }

    [GeneratedRegex(@"^#{1,6}\s*([5-8](?:\.\d+)*)\s+(\S.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^#{1,6}\s*参\s*考")]
    private static partial Regex References();

    [GeneratedRegex(@"^\s*(?:-\s*)?([a-z])\)\s*")]
    private static partial Regex Lettered();

    [GeneratedRegex(@"^\s*-\s*(\d+)\)\s*")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^\s+-\s+\S")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^[5-8]\.1$")]
    private static partial Regex OverviewId();
}
