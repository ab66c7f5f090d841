using GovGuard.Detection.Html;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Cloaking;

/// <summary>A search-engine spider a page is fetched as.</summary>
/// <param name="Name">Its name as it announces itself (Baiduspider).</param>
/// <param name="Engine">The search engine, for messages (百度).</param>
/// <param name="UserAgent">The User-Agent header to send.</param>
public sealed record SpiderAgent(string Name, string Engine, string UserAgent);

/// <summary>The spiders of <c>rules/spiders/*.txt</c> and the browser user agent they are compared with.</summary>
public sealed class SpiderAgents
{
    /// <summary>The browser sent when no rule file names one.</summary>
    public const string DefaultBrowserUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    private SpiderAgents(IReadOnlyList<SpiderAgent> spiders, string browser)
    {
        Spiders = spiders;
        BrowserUserAgent = browser;
    }

    /// <summary>The spiders, in file order.</summary>
    public IReadOnlyList<SpiderAgent> Spiders { get; }

    /// <summary>The User-Agent of the browser fetch.</summary>
    public string BrowserUserAgent { get; }

    /// <summary>
    /// Loads spider files (name, text): lines "name TAB engine TAB user agent" and "@browser TAB user agent".
    /// Throws <see cref="RuleFormatException"/> with file and line.
    /// </summary>
    public static SpiderAgents Load(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var spiders = new List<SpiderAgent>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string browser = DefaultBrowserUserAgent;
        foreach (var (file, text) in files)
        {
            ArgumentNullException.ThrowIfNull(text);
            foreach (var (lineNo, line) in RuleLines.Read(text))
            {
                var fields = line.Split('\t', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (fields[0] == "@browser")
                {
                    if (fields.Length != 2 || !IsHeaderValue(fields[1]))
                    {
                        throw new RuleFormatException(file, lineNo, "'@browser' is followed by a tab and one user agent");
                    }

                    browser = fields[1];
                    continue;
                }

                if (fields[0].StartsWith('@'))
                {
                    throw new RuleFormatException(file, lineNo, $"unknown directive '{fields[0]}' (known: @browser)");
                }

                if (fields.Length != 3 || fields[0].Any(char.IsWhiteSpace) || !IsHeaderValue(fields[2]))
                {
                    throw new RuleFormatException(file, lineNo, "a spider line is: name <TAB> engine <TAB> user agent (printable ASCII)");
                }

                if (!names.Add(fields[0]))
                {
                    throw new RuleFormatException(file, lineNo, $"spider '{fields[0]}' is already defined");
                }

                spiders.Add(new SpiderAgent(fields[0], fields[1], fields[2]));
            }
        }

        return new SpiderAgents(spiders, browser);
    }

    // A header value must be printable ASCII: anything else is refused by HTTP clients or smuggles headers.
    private static bool IsHeaderValue(string s) => s.Length is > 0 and <= 512 && s.All(c => c is >= ' ' and <= '~');
}
