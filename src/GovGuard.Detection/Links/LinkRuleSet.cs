using System.Globalization;
using GovGuard.Detection.Html;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Links;

/// <summary>
/// What the hidden-link detector knows about destinations, from <c>rules/links/*.txt</c>: top-level domains that spam
/// networks favour (with a weight) and hosts that are never a dark-link destination on their own (government zones,
/// state media, share buttons, statistics). Format: docs/detection-pages.md.
/// </summary>
public sealed class LinkRuleSet
{
    private LinkRuleSet(Dictionary<string, int> riskyTlds, HostSet trusted)
    {
        RiskyTopLevelDomains = riskyTlds;
        TrustedHosts = trusted;
    }

    /// <summary>Top-level domain (without the dot) → weight 1–10.</summary>
    public IReadOnlyDictionary<string, int> RiskyTopLevelDomains { get; }

    /// <summary>Hosts (with their subdomains) whose links weigh nothing unless their anchor text is harmful.</summary>
    public HostSet TrustedHosts { get; }

    /// <summary>No rules: every external destination weighs the same.</summary>
    public static LinkRuleSet Empty { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), new HostSet());

    /// <summary>Loads rule files (name for messages, text); throws <see cref="RuleFormatException"/> with file and line.</summary>
    public static LinkRuleSet Load(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var tlds = new Dictionary<string, int>(StringComparer.Ordinal);
        var trusted = new HostSet();
        foreach (var (name, text) in files)
        {
            ArgumentNullException.ThrowIfNull(text);
            string? section = null;
            foreach (var (lineNo, line) in RuleLines.Read(text))
            {
                if (line.StartsWith('@'))
                {
                    section = line switch
                    {
                        "@risky-tld" or "@trusted-host" => line,
                        _ => throw new RuleFormatException(name, lineNo, $"unknown section '{line}' (known: @risky-tld, @trusted-host)"),
                    };
                    continue;
                }

                var fields = line.Split('\t', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var entry = fields[0].ToLowerInvariant();
                switch (section)
                {
                    case null:
                        throw new RuleFormatException(name, lineNo, "an entry before any @risky-tld or @trusted-host line");
                    case "@risky-tld":
                    {
                        if (fields.Length > 2 || !RuleLines.IsLabel(entry.TrimStart('.')))
                        {
                            throw new RuleFormatException(name, lineNo, "a risky TLD line is 'tld' or 'tld<TAB>weight' (letters, digits, '-')");
                        }

                        int weight = 3;
                        if (fields.Length == 2 && (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out weight) || weight is < 1 or > 10))
                        {
                            throw new RuleFormatException(name, lineNo, $"weight must be a whole number from 1 to 10 (got '{fields[1]}')");
                        }

                        tlds[entry.TrimStart('.')] = weight;
                        break;
                    }

                    default:
                        if (fields.Length > 1 || !RuleLines.IsHost(entry))
                        {
                            throw new RuleFormatException(name, lineNo, $"'{line}' is not a host name");
                        }

                        trusted.Add(entry);
                        break;
                }
            }
        }

        return new LinkRuleSet(tlds, trusted);
    }

    /// <summary>The weight of a host's top-level domain, 0 when it is not risky.</summary>
    public int TldWeight(string host) => RiskyTopLevelDomains.GetValueOrDefault(HostNames.TopLevelOf(host));
}
