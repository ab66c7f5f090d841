using GovGuard.Detection.Content;

namespace GovGuard.Detection.Tests.Content;

/// <summary>Loads the lexicons shipped in rules/lexicons of this repository, as the platform does.</summary>
internal static class ShippedLexicons
{
    private static readonly Lazy<Lexicon> Loaded = new(() => Lexicon.Parse(Files()));

    public static Lexicon Lexicon => Loaded.Value;

    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "rules", "lexicons");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("rules/lexicons not found above the test binaries");
        }
    }

    public static IEnumerable<(string Name, string Text)> Files() =>
        Directory.GetFiles(Folder, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
}
