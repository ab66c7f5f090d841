namespace GovGuard.Platform.Rules;

/// <summary>
/// Finds the rule folders: the project's own <c>rules/</c> (beside the <c>govguard</c> script, or
/// found upwards from the program) and any folders the user adds. Detectors get text, never paths.
/// </summary>
public static class RuleFiles
{
    /// <summary>The folder of GovGuard's own rules, or null when none is found.</summary>
    public static string? FindRoot()
    {
        var home = Environment.GetEnvironmentVariable("GOVGUARD_HOME");
        if (!string.IsNullOrEmpty(home) && Directory.Exists(Path.Combine(home, "rules")))
        {
            return Path.Combine(home, "rules");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "rules");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Every file matching <paramref name="pattern"/> under <paramref name="subfolder"/> of our rules and
    /// under each extra folder (user rules sit beside ours), in a stable order: ours first, then the user's.
    /// </summary>
    public static IReadOnlyList<RuleFile> Read(string subfolder, string pattern, IEnumerable<string>? extraDirs = null)
    {
        var files = new List<RuleFile>();
        var roots = new List<string>();
        if (FindRoot() is { } root)
        {
            roots.Add(Path.Combine(root, subfolder));
        }

        foreach (var extra in extraDirs ?? [])
        {
            var withSub = Path.Combine(extra, subfolder);
            roots.Add(Directory.Exists(withSub) ? withSub : extra);
        }

        foreach (var dir in roots.Where(Directory.Exists))
        {
            foreach (var path in Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                files.Add(new RuleFile(Path.GetRelativePath(Path.GetDirectoryName(dir)!, path).Replace('\\', '/'), File.ReadAllText(path)));
            }
        }

        return files;
    }
}

/// <summary>A rule file's display name (relative, '/' separated) and its text.</summary>
public sealed record RuleFile(string Name, string Text);
