using GovGuard.Detection.Cloaking;
using GovGuard.Detection.Content;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Links;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Scripts;
using GovGuard.Detection.Templates;
using GovGuard.Platform.Rules;

namespace GovGuard.Platform.Scanning;

/// <summary>
/// Every rule a site scan uses, loaded once from GovGuard's <c>rules/</c> and the operator's extra folders:
/// lexicons, link destinations, script hosts, spider agents, exposure probes, the header policy and vulnerability templates.
/// </summary>
public sealed class SiteScanRules
{
    private SiteScanRules(Lexicon lexicon, LinkRuleSet links, ScriptRuleSet scripts, SpiderAgents spiders,
        ExposureProbeSet exposures, SecurityHeaderPolicy headers, TemplateSet templates)
    {
        Lexicon = lexicon;
        Links = links;
        Scripts = scripts;
        Spiders = spiders;
        Exposures = exposures;
        Headers = headers;
        Templates = templates;
    }

    public Lexicon Lexicon { get; }

    public LinkRuleSet Links { get; }

    public ScriptRuleSet Scripts { get; }

    public SpiderAgents Spiders { get; }

    public ExposureProbeSet Exposures { get; }

    public SecurityHeaderPolicy Headers { get; }

    public TemplateSet Templates { get; }

    /// <summary>
    /// Loads the rules; each extra folder is laid out like <c>rules/</c> (<c>lexicons/</c>, <c>exposure/</c>, ...). A bad lexicon, probe or header file throws <see cref="RuleFormatException"/> (file and line);
    /// a template the engine cannot run is skipped and reported through <paramref name="refusedTemplate"/>, so that one
    /// dropped-in Nuclei template does not stop every scan.
    /// </summary>
    public static SiteScanRules Load(IReadOnlyList<string>? extraDirs, Action<RuleFormatException> refusedTemplate)
    {
        ArgumentNullException.ThrowIfNull(refusedTemplate);
        var lexicons = Read("lexicons", "*.txt", extraDirs);
        if (lexicons.Count == 0)
        {
            throw new RuleFormatException("rules/lexicons", 0, "no lexicon files (*.txt) were found; set GOVGUARD_HOME or pass --rules DIR");
        }

        var exposures = Read("exposure", "*.rules", extraDirs);
        if (exposures.Count == 0)
        {
            throw new RuleFormatException("rules/exposure", 0, "no exposure probe files (*.rules) were found; set GOVGUARD_HOME or pass --rules DIR");
        }

        var spiders = Read("spiders", "*.txt", extraDirs);
        if (spiders.Count == 0)
        {
            throw new RuleFormatException("rules/spiders", 0, "no spider files (*.txt) were found; set GOVGUARD_HOME or pass --rules DIR");
        }

        var headers = Read("headers", "*.rules", extraDirs);
        return new SiteScanRules(
            Lexicon.Parse(lexicons),
            LinkRuleSet.Load(Read("links", "*.txt", extraDirs)),
            ScriptRuleSet.Load(Read("scripts", "*.txt", extraDirs)),
            SpiderAgents.Load(spiders),
            ExposureProbeSet.Load(exposures),
            headers.Count == 0 ? SecurityHeaderPolicy.Default : SecurityHeaderPolicy.Load(headers),
            TemplateSet.Load(Read("templates", "*.yaml", extraDirs), refusedTemplate));
    }

    // A site scan reads rules of seven kinds, four of them *.txt: an extra folder is read only through its
    // subfolder of the kind (laid out like rules/), so that a user lexicon is never read as a spider list.
    private static List<(string Name, string Text)> Read(string subfolder, string pattern, IReadOnlyList<string>? extraDirs) =>
        RuleFiles.Read(subfolder, pattern, extraDirs?.Where(d => Directory.Exists(Path.Combine(d, subfolder))))
            .Select(f => (f.Name, f.Text)).ToList();
}
