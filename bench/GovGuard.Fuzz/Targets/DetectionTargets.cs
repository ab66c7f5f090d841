using System.Text;
using GovGuard.Detection.Html;
using GovGuard.Detection.Http;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Manifest;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Templates;

namespace GovGuard.Fuzz;

/// <summary>
/// The fuzz targets over GovGuard.Detection. Each takes the raw input bytes and returns normally when the
/// reader handled them, including a refusal through the reader's documented error; anything thrown out of
/// here (another exception, a stack overflow, a hang) is a bug.
/// </summary>
public static class DetectionTargets
{
    private static readonly Uri PageUrl = new("https://www.example.gov.cn/news/index.html");

    // A page with the elements selectors usually aim at, for the stylesheet target.
    private const string StyledPage =
        "<!doctype html><html><head><title>t</title></head><body class=\"home\">" +
        "<div id=\"main\" class=\"content box\"><h1>政务公开 Notice</h1><p class=\"lead\">text <span>inner</span></p>" +
        "<ul><li><a href=\"/a\">one</a></li><li class=\"x\"><a href=\"https://other.example.com/\">two</a></li></ul>" +
        "<div class=\"ad\" style=\"color:red\"><a href=\"/b\"><img src=\"/i.png\" alt=\"i\"></a></div>" +
        "<table><tr><td>cell</td></tr></table><footer id=\"foot\">footer</footer></div></body></html>";

    private static readonly Lazy<LogRuleSet> LogRules = new(() => LogRuleSet.Load(RuleFiles.Read("logs", "*.rules")));

    // Lazy: instrumented code must not run before SharpFuzz has attached afl's coverage map.
    private static readonly Lazy<HttpResponseView> Response = new(() => new HttpResponseView(
        new Uri("https://www.example.gov.cn/admin/login.php?id=1"), 200,
        [new("Server", "nginx/1.18.0"), new("Content-Type", "text/html; charset=utf-8"), new("Set-Cookie", "PHPSESSID=abc; path=/")],
        Encoding.UTF8.GetBytes("<html><head><title>Admin login</title></head><body>phpinfo() version 7.4.3 root:x:0:0</body></html>")));

    /// <summary>The target names, in the order <c>bench/fuzz.sh</c> lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["html", "css", "log", "manifest", "template"];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static Action<byte[]>? Find(string name) => name switch
    {
        "html" => Html,
        "css" => Css,
        "log" => Log,
        "manifest" => Manifest,
        "template" => Template,
        _ => null,
    };

    /// <summary>HTML as fetched: parse, then read everything the detectors read.</summary>
    public static void Html(byte[] input) => Read(HtmlPage.Parse(PageUrl, Encoding.UTF8.GetString(input)));

    /// <summary>A stylesheet, both as an external sheet and inside the page's &lt;style&gt;.</summary>
    public static void Css(byte[] input)
    {
        var css = Encoding.UTF8.GetString(input);
        Read(HtmlPage.Parse(PageUrl, StyledPage, [css]));
        Read(HtmlPage.Parse(PageUrl, StyledPage.Replace("</head>", "<style>" + css + "</style></head>", StringComparison.Ordinal)));
    }

    /// <summary>An access log: every line cut in both formats, then the whole log scanned with the shipped rules.</summary>
    public static void Log(byte[] input)
    {
        var rest = input.AsSpan();
        while (!rest.IsEmpty)
        {
            var nl = rest.IndexOf((byte)'\n');
            var line = nl < 0 ? rest : rest[..nl];
            foreach (var format in (ReadOnlySpan<AccessLogFormat>)[AccessLogFormat.Combined, AccessLogFormat.Common])
            {
                if (AccessLogLine.TryParse(line, format, out var parsed))
                {
                    _ = parsed.Status + parsed.Target.Length + parsed.UserAgent.Length + parsed.Referer.Length + (parsed.UnixSeconds ?? 0);
                }
            }

            rest = nl < 0 ? [] : rest[(nl + 1)..];
        }

        foreach (var format in (ReadOnlySpan<AccessLogFormat>)[AccessLogFormat.Combined, AccessLogFormat.Common])
        {
            var summary = new AccessLogScanner(LogRules.Value, new AccessLogOptions { Format = format })
                .Scan(new MemoryStream(input, writable: false), _ => { });
            _ = summary.Lines + summary.Malformed;
        }
    }

    /// <summary>A manifest file: the full check (header, entries, order, closing self-hash line).</summary>
    public static void Manifest(byte[] input)
    {
        var check = ManifestReader.Check(new MemoryStream(input, writable: false));
        _ = check.Describe();
    }

    /// <summary>A template file; one that loads is also judged against a fixed response.</summary>
    public static void Template(byte[] input)
    {
        var set = TemplateSet.Load([("fuzz.yaml", Encoding.UTF8.GetString(input))], e => _ = e.Message);
        foreach (var template in set.Templates)
        {
            for (var i = 0; i < template.RequestCount; i++)
            {
                _ = TemplateSet.Evaluate(template, i, Response.Value)?.Message;
            }
        }
    }

    private static void Read(HtmlPage page)
    {
        _ = page.Title.Length + page.Text.Length + page.VisibleText.Length + page.Structure.Count + page.ElementCount;
        foreach (var link in page.Links)
        {
            _ = link.Url?.AbsoluteUri;
            _ = page.HidingOf(link.Element);
            _ = HtmlPage.Snippet(link.Element);
        }

        foreach (var script in page.Scripts)
        {
            _ = page.StyleOf(script.Element);
        }

        _ = page.Frames.Count + page.Resources.Count + page.NoscriptTexts.Count + (page.Refresh is null ? 0 : 1);
        _ = page.Select(["a[href]", "div.ad", "#main > p"]).Count;
    }
}

/// <summary>The shipped rule files, found by walking up from the program's folder to the repository's <c>rules/</c>.</summary>
internal static class RuleFiles
{
    public static List<(string Name, string Text)> Read(string sub, string pattern)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var rules = Path.Combine(dir.FullName, "rules", sub);
            if (Directory.Exists(rules))
            {
                return Directory.EnumerateFiles(rules, pattern).Order(StringComparer.Ordinal)
                    .Select(f => (sub + "/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();
            }
        }

        throw new InvalidOperationException($"rules/{sub} not found above {AppContext.BaseDirectory}");
    }
}
