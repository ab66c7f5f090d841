namespace GovGuard.Catalog.Tests;

/// <summary>Paths of the test data and of the repository.</summary>
internal static class TestFiles
{
    /// <summary>A file under the test project's Data folder (copied next to the test assembly).</summary>
    public static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>The repository root: the nearest folder up from the test assembly that holds GovGuard.slnx.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GovGuard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("GovGuard.slnx was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The non-comment, non-empty lines of a Data file.</summary>
    public static IReadOnlyList<string> DataLines(string name) =>
        File.ReadAllLines(Data(name)).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
}
