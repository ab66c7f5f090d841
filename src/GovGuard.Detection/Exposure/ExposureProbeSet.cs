using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Exposure;

/// <summary>One kind of file that must not be reachable, with the paths it is probed at and how its content is recognised.</summary>
/// <param name="Id">Rule id, reported as the finding's <c>rule</c>.</param>
/// <param name="Severity">Severity of the finding.</param>
/// <param name="Group">What kind of leak it is: repository, backup, dump, config, diagnostics, editor, cms.</param>
/// <param name="Paths">Paths relative to the site's base path; <c>{host}</c> stands for the host name.</param>
/// <param name="Verifier">How the content is recognised.</param>
/// <param name="RangeBytes">When set, only the first bytes are asked for (Range header): enough for magic bytes of a huge archive.</param>
/// <param name="MessageZh">The Chinese message (the path is appended).</param>
/// <param name="MessageEn">The English message (the path is appended).</param>
public sealed record ExposureProbe(
    string Id,
    string Group,
    Severity Severity,
    IReadOnlyList<string> Paths,
    ContentVerifier Verifier,
    int? RangeBytes,
    string MessageZh,
    string MessageEn);

/// <summary>One request to send: a probe at one of its paths.</summary>
public sealed record ExposureCheck(ExposureProbe Probe, string Path, ProbeRequest Request);

/// <summary>
/// The exposure probe list loaded from <c>rules/exposure/*.rules</c> (format in rules/README.md and
/// docs/detection-probes.md). Load fails with the file and line of the first bad probe.
/// </summary>
public sealed class ExposureProbeSet
{
    // A guard against pathological user rules, not a performance knob (see LogRuleSet).
    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(2);

    private static readonly Dictionary<string, (string Zh, string En)> GroupMessages = new(StringComparer.Ordinal)
    {
        ["repository"] = ("网站暴露了版本库元数据，可被还原出源代码", "Repository metadata is reachable; the source code can be reconstructed"),
        ["backup"] = ("网站暴露了源代码或站点备份文件", "A source or site backup file is reachable"),
        ["dump"] = ("网站暴露了数据库导出文件", "A database dump is reachable"),
        ["config"] = ("网站暴露了配置文件，可能泄露口令和密钥", "A configuration file is reachable and may leak passwords and keys"),
        ["diagnostics"] = ("网站暴露了诊断或监控页面，泄露内部信息", "A diagnostics or monitoring page is reachable and discloses internals"),
        ["editor"] = ("网站暴露了编辑器或开发工具的遗留文件", "An editor or development tool leftover is reachable"),
        ["cms"] = ("网站暴露了内容管理系统的备份或调试文件", "A CMS backup or debug file is reachable"),
    };

    private ExposureProbeSet(IReadOnlyList<ExposureProbe> probes) => Probes = probes;

    public IReadOnlyList<ExposureProbe> Probes { get; }

    /// <summary>Loads probe files given as (name, text); ids are unique across files.</summary>
    public static ExposureProbeSet Load(IEnumerable<(string Name, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var probes = new List<ExposureProbe>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            foreach (var s in SectionedRuleFile.Parse(name, text))
            {
                if (!ids.Add(s.Id))
                {
                    throw new RuleFormatException(s.File, s.Line, $"probe id '{s.Id}' is already defined in another file");
                }

                probes.Add(Read(s));
            }
        }

        return new ExposureProbeSet(probes);
    }

    /// <summary>
    /// Every request to send for a site, in probe order: one per probe path, under the base URL's path
    /// (a site at <c>http://h/app/</c> is probed at <c>/app/.git/HEAD</c>).
    /// </summary>
    public IReadOnlyList<ExposureCheck> Requests(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var basePath = baseUrl.AbsolutePath;
        basePath = basePath[..(basePath.LastIndexOf('/') + 1)];
        var checks = new List<ExposureCheck>();
        foreach (var probe in Probes)
        {
            foreach (var template in probe.Paths)
            {
                var path = template.Replace("{host}", baseUrl.IdnHost, StringComparison.Ordinal);
                var wire = basePath + Encode(path.TrimStart('/'));
                List<KeyValuePair<string, string>> headers = probe.RangeBytes is { } n
                    ? [new("Range", string.Create(CultureInfo.InvariantCulture, $"bytes=0-{n - 1}"))]
                    : [];
                checks.Add(new ExposureCheck(probe, "/" + path.TrimStart('/'), new ProbeRequest("GET", wire, headers, ReadOnlyMemory<byte>.Empty)));
            }
        }

        return checks;
    }

    // Paths in rule files are written as people read them (备份.zip); on the wire they are percent-encoded UTF-8.
    // The query, when there is one, is ASCII checked at load and goes as written.
    private static string Encode(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            return Encode(path[..q]) + path[q..];
        }

        var sb = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            if (b is >= 0x21 and < 0x7f && b is not ((byte)'%' or (byte)'#' or (byte)'?' or (byte)'"' or (byte)'<' or (byte)'>' or (byte)'\\' or (byte)'^' or (byte)'`' or (byte)'{' or (byte)'|' or (byte)'}'))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return sb.ToString();
    }

    private static ExposureProbe Read(RuleSection s)
    {
        s.OnlyKeys("group", "severity", "paths", "status", "words", "regex", "magic", "content-type", "html", "min-size", "range", "zh", "en");
        var group = s.Require("group");
        if (!GroupMessages.TryGetValue(group, out var messages))
        {
            throw s.Error("group", $"group '{group}' is not one of {string.Join(", ", GroupMessages.Keys)}");
        }

        var severity = SeverityNames.TryParse(s.Require("severity"), out var sev) ? sev : throw s.Error("severity", "severity is info, low, medium, high or critical");
        var paths = List(s.Require("paths"));
        foreach (var p in paths)
        {
            var q = p.IndexOf('?', StringComparison.Ordinal);
            if (!p.StartsWith('/') || p.StartsWith("//", StringComparison.Ordinal) || p.Contains("..", StringComparison.Ordinal) || p.Contains('#', StringComparison.Ordinal)
                || p.Contains('\\', StringComparison.Ordinal) || (q >= 0 && !p[q..].All(c => c is > ' ' and < (char)0x7f)))
            {
                throw s.Error("paths", $"path '{p}' must start with one '/', hold no '..', '#' or '\\', and have a plain ASCII query");
            }
        }

        int? range = s.Get("range") is null ? null : s.GetInt("range", 0, 16, 1 << 20);
        var statuses = new HashSet<int>();
        foreach (var part in List(s.Get("status") ?? "200"))
        {
            if (!int.TryParse(part, CultureInfo.InvariantCulture, out var code) || code is < 100 or > 599)
            {
                throw s.Error("status", $"status '{part}' is not an HTTP status code");
            }

            statuses.Add(code);
        }

        if (range is not null)
        {
            // A server honouring the Range header answers 206 Partial Content.
            statuses.Add(206);
        }

        var words = s.Get("words") is { } w ? List(w) : [];
        Regex? pattern = null;
        if (s.Get("regex") is { Length: > 0 } rx)
        {
            try
            {
                pattern = new Regex(rx, RegexOptions.CultureInvariant, RegexBudget);
            }
            catch (ArgumentException e)
            {
                throw s.Error("regex", $"'regex' is not a valid regular expression: {e.Message}");
            }
        }

        var magic = new List<(int, byte[])>();
        if (s.Get("magic") is { } m)
        {
            foreach (var part in List(m))
            {
                magic.Add(Magic(s, part));
            }
        }

        if (words.Count == 0 && pattern is null && magic.Count == 0)
        {
            throw s.Error("paths", $"probe '{s.Id}' needs 'words', 'regex' or 'magic': a status code alone does not prove a file is exposed");
        }

        bool? html = s.Get("html") switch
        {
            null or "any" => null,
            "yes" => true,
            "no" => false,
            _ => throw s.Error("html", "'html' is yes, no or any"),
        };
        var types = s.Get("content-type") is { } ct ? List(ct).Select(t => t.ToLowerInvariant()).ToList() : [];
        var verifier = new ContentVerifier(statuses, words, pattern, magic, types, html, s.GetInt("min-size", 1, 0, 1 << 30));
        return new ExposureProbe(s.Id, group, severity, paths, verifier, range, s.Get("zh") ?? messages.Zh, s.Get("en") ?? messages.En);
    }

    private static List<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => v.Replace("\\x2c", ",", StringComparison.Ordinal)).ToList();

    /// <summary>Magic bytes as hex, optionally after an offset: <c>504b0304</c> or <c>257:7573746172</c>.</summary>
    private static (int, byte[]) Magic(RuleSection s, string part)
    {
        var offset = 0;
        var hex = part;
        var colon = part.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            if (!int.TryParse(part[..colon], CultureInfo.InvariantCulture, out offset) || offset is < 0 or > 65536)
            {
                throw s.Error("magic", $"offset in '{part}' is not a number from 0 to 65536");
            }

            hex = part[(colon + 1)..];
        }

        try
        {
            var bytes = Convert.FromHexString(hex);
            return bytes.Length > 0 ? (offset, bytes) : throw s.Error("magic", "magic bytes are empty");
        }
        catch (FormatException)
        {
            throw s.Error("magic", $"magic '{part}' is not hex digits (optionally 'offset:' first)");
        }
    }
}
