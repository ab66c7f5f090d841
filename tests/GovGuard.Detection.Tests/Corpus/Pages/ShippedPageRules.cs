using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Links;
using GovGuard.Detection.Scripts;

namespace GovGuard.Detection.Tests.Corpus.Pages;

/// <summary>Loads rules/links, rules/scripts and rules/spiders of this repository, as the platform does.</summary>
internal static class ShippedPageRules
{
    private static readonly Lazy<LinkRuleSet> LinkRules = new(() => LinkRuleSet.Load(Files("links")));
    private static readonly Lazy<ScriptRuleSet> ScriptRules = new(() => ScriptRuleSet.Load(Files("scripts")));
    private static readonly Lazy<SpiderAgents> SpiderRules = new(() => SpiderAgents.Load(Files("spiders")));

    public static LinkRuleSet Links => LinkRules.Value;

    public static ScriptRuleSet Scripts => ScriptRules.Value;

    public static SpiderAgents Spiders => SpiderRules.Value;

    public static List<(string Name, string Text)> Files(string sub)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "rules", sub);
            if (Directory.Exists(folder))
            {
                return Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
                    .Select(f => (sub + "/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
            }
        }

        throw new DirectoryNotFoundException($"rules/{sub} not found above the test binaries");
    }
}
