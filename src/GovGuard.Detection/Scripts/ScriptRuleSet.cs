using GovGuard.Detection.Html;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Scripts;

/// <summary>
/// Script hosts from <c>rules/scripts/*.txt</c>: coin-mining services, hosts documented as serving malicious scripts,
/// benign statistics/CDN/government hosts, and the search-engine words of referrer tests. Format: docs/detection-pages.md.
/// </summary>
public sealed class ScriptRuleSet
{
    private ScriptRuleSet(HostSet miners, HostSet malware, HostSet benign, IReadOnlyList<string> engines)
    {
        MinerHosts = miners;
        MalwareHosts = malware;
        BenignHosts = benign;
        SearchEngines = engines;
    }

    /// <summary>Browser coin-mining services.</summary>
    public HostSet MinerHosts { get; }

    /// <summary>Hosts documented as serving malicious scripts.</summary>
    public HostSet MalwareHosts { get; }

    /// <summary>Hosts never reported (statistics, CDNs, maps, government services).</summary>
    public HostSet BenignHosts { get; }

    /// <summary>Words naming search engines in referrer tests (baidu, sogou, so.com, ...).</summary>
    public IReadOnlyList<string> SearchEngines { get; }

    /// <summary>Loads rule files (name, text); throws <see cref="RuleFormatException"/> with file and line.</summary>
    public static ScriptRuleSet Load(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var miners = new HostSet();
        var malware = new HostSet();
        var benign = new HostSet();
        var engines = new List<string>();
        foreach (var (name, text) in files)
        {
            ArgumentNullException.ThrowIfNull(text);
            HostSet? hosts = null;
            bool engineSection = false;
            foreach (var (lineNo, line) in RuleLines.Read(text))
            {
                if (line.StartsWith('@'))
                {
                    engineSection = line == "@search-engine";
                    hosts = line switch
                    {
                        "@miner" => miners,
                        "@malware" => malware,
                        "@benign" => benign,
                        "@search-engine" => null,
                        _ => throw new RuleFormatException(name, lineNo, $"unknown section '{line}' (known: @miner, @malware, @benign, @search-engine)"),
                    };
                    continue;
                }

                var entry = line.ToLowerInvariant();
                if (engineSection)
                {
                    if (entry.Length < 3 || entry.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')))
                    {
                        throw new RuleFormatException(name, lineNo, $"a search-engine word is 3 or more letters, digits, '.' or '-' (got '{line}')");
                    }

                    engines.Add(entry);
                    continue;
                }

                if (hosts is null)
                {
                    throw new RuleFormatException(name, lineNo, "an entry before any @miner, @malware, @benign or @search-engine line");
                }

                if (!RuleLines.IsHost(entry))
                {
                    throw new RuleFormatException(name, lineNo, $"'{line}' is not a host name");
                }

                hosts.Add(entry);
            }
        }

        return new ScriptRuleSet(miners, malware, benign, engines);
    }
}
