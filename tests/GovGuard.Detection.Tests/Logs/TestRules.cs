using GovGuard.Detection.Logs;
using GovGuard.Detection.Webshell;

namespace GovGuard.Detection.Tests.Logs;

/// <summary>The project's shipped rule files, found upwards from the test binaries (tests use the real rules).</summary>
internal static class TestRules
{
    private static readonly Lazy<LogRuleSet> LogRules = new(() => LogRuleSet.Load(Files("logs", "*.rules")));
    private static readonly Lazy<WebshellRuleSet> ShellRules = new(() => WebshellRuleSet.Load(Files("webshell", "*.rules"), Files("webshell", "*sha256*.txt")));

    public static LogRuleSet Logs => LogRules.Value;

    public static WebshellRuleSet Webshell => ShellRules.Value;

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "rules", "README.md")))
                {
                    return Path.Combine(dir.FullName, "rules");
                }
            }

            throw new InvalidOperationException("rules/ not found above the test binaries");
        }
    }

    public static List<(string Name, string Text)> Files(string sub, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, sub), pattern).Order(StringComparer.Ordinal)
            .Select(f => (sub + "/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
}
