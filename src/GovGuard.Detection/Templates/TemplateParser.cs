using System.Globalization;
using System.Text.RegularExpressions;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;
using GovGuard.Detection.Rules;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GovGuard.Detection.Templates;

/// <summary>
/// Reads one template file (YAML, Nuclei-compatible subset) into an <see cref="HttpTemplate"/>. Every key
/// is known or refused: a feature GovGuard does not implement fails the template with its file and line
/// instead of being ignored, so a loaded template always means what its author wrote.
/// </summary>
internal static partial class TemplateParser
{
    /// <summary>Largest template file accepted; real templates are a few kilobytes.</summary>
    public const int MaxFileChars = 256 * 1024;

    private const int MaxRequestsPerTemplate = 64;

    // Template regexes run linear-time (like Go's RE2, which Nuclei uses) and under a budget besides.
    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(1);

    private static readonly string[] TopKeys = ["id", "info", "http", "requests"];
    private static readonly string[] InfoKeys = ["name", "author", "severity", "description", "reference", "tags", "metadata", "classification", "remediation", "impact"];
    private static readonly string[] BlockKeys =
    [
        "method", "path", "headers", "body", "raw", "redirects", "max-redirects", "host-redirects", "stop-at-first-match",
        "matchers-condition", "matchers", "extractors", "cookie-reuse", "max-size",
    ];

    private static readonly string[] MatcherKeys = ["type", "part", "words", "regex", "status", "size", "binary", "dsl", "condition", "negative", "case-insensitive", "name", "internal", "match-all"];
    private static readonly string[] ExtractorKeys = ["type", "part", "regex", "group", "kval", "name", "case-insensitive"];

    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.Ordinal)
    {
        ["dns"] = "DNS templates are not supported (only http)",
        ["tcp"] = "network templates are not supported (only http)",
        ["network"] = "network templates are not supported (only http)",
        ["headless"] = "headless templates are not supported (only http)",
        ["file"] = "file templates are not supported (only http)",
        ["ssl"] = "ssl templates are not supported (only http)",
        ["websocket"] = "websocket templates are not supported (only http)",
        ["whois"] = "whois templates are not supported (only http)",
        ["code"] = "code templates are refused: they run programs",
        ["javascript"] = "javascript templates are refused: they run scripts",
        ["flow"] = "'flow' (scripted request order) is not supported",
        ["variables"] = "template 'variables' are not supported",
        ["self-contained"] = "self-contained templates are not supported: requests go only to the scanned site",
        ["workflows"] = "workflows are not supported",
        ["payloads"] = "'payloads' (fuzzing lists) are not supported",
        ["attack"] = "'attack' (payload combination) is not supported",
        ["fuzzing"] = "'fuzzing' is not supported",
        ["req-condition"] = "'req-condition' (matching across requests) is not supported",
        ["unsafe"] = "'unsafe' raw requests (raw sockets) are refused",
        ["race"] = "'race' requests are not supported",
        ["race_count"] = "'race' requests are not supported",
        ["pipeline"] = "'pipeline' is not supported",
        ["threads"] = "'threads' is not supported",
        ["iterate-all"] = "'iterate-all' is not supported",
        ["digest-username"] = "digest authentication is not supported",
        ["digest-password"] = "digest authentication is not supported",
        ["encoding"] = "matcher 'encoding' is not supported (write words as text, or use a binary matcher)",
    };

    public static HttpTemplate Parse(string file, string text)
    {
        if (text.Length > MaxFileChars)
        {
            throw new RuleFormatException(file, 1, $"the template is larger than {MaxFileChars / 1024} KB");
        }

        YamlMappingNode root;
        try
        {
            RefuseAliases(text, file);
            var stream = new YamlStream();
            var parser = new Parser(new StringReader(text));
            try
            {
                stream.Load(parser);
            }
            catch (ArgumentException)
            {
                // YamlDotNet's document loader throws this for an event it cannot place (malformed nesting).
                throw new RuleFormatException(file, parser.Current is { } at ? Line(at.Start) : 1, "not valid YAML: the structure cannot be read here");
            }

            if (stream.Documents.Count != 1)
            {
                throw new RuleFormatException(file, 1, "a template file holds exactly one YAML document");
            }

            root = stream.Documents[0].RootNode as YamlMappingNode ?? throw new RuleFormatException(file, 1, "a template is a YAML mapping (id:, info:, http:)");
        }
        catch (YamlException e)
        {
            throw new RuleFormatException(file, Line(e.Start), $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        var ctx = new Context(file);
        ctx.OnlyKeys(root, TopKeys, "template");
        var id = ctx.Str(ctx.Require(root, "id", "the template"));
        if (!IdPattern().IsMatch(id))
        {
            throw ctx.Error(ctx.Get(root, "id")!, $"id '{id}' must be letters and digits joined by '-' or '_'");
        }

        var info = ctx.Require(root, "info", "the template") as YamlMappingNode ?? throw ctx.Error(root, "'info' is a mapping");
        ctx.OnlyKeys(info, InfoKeys, "info");
        var name = ctx.Str(ctx.Require(info, "name", "info"));
        var sevNode = ctx.Require(info, "severity", "info");
        var sevText = ctx.Str(sevNode).ToLowerInvariant();
        var severity = sevText == "unknown" ? Severity.Info
            : SeverityNames.TryParse(sevText, out var sv) ? sv
            : throw ctx.Error(sevNode, $"severity '{sevText}' is not info, low, medium, high, critical or unknown");
        var description = ctx.Get(info, "description") is { } d ? ctx.Str(d) : "";
        var tags = ctx.Get(info, "tags") is { } t ? ctx.List(t).SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList() : [];
        var refs = ctx.Get(info, "reference") is { } r ? ctx.List(r) : [];

        var http = ctx.Get(root, "http");
        var legacy = ctx.Get(root, "requests");
        if (http is not null && legacy is not null)
        {
            throw ctx.Error(legacy, "give 'http' or the legacy 'requests', not both");
        }

        var blocksNode = http ?? legacy ?? throw ctx.Error(root, "the template needs an 'http' (or legacy 'requests') list");
        var blocks = (blocksNode as YamlSequenceNode ?? throw ctx.Error(blocksNode, "'http' is a list of requests")).Children
            .Select(b => Block(ctx, b)).ToList();
        if (blocks.Count == 0)
        {
            throw ctx.Error(blocksNode, "'http' holds no request");
        }

        if (blocks.Sum(b => b.RequestCount) > MaxRequestsPerTemplate)
        {
            throw ctx.Error(blocksNode, $"a template may send at most {MaxRequestsPerTemplate} requests");
        }

        return new HttpTemplate(file, id, name, severity, description, tags, refs, blocks);
    }

    // Aliases let a few lines expand into gigabytes (a "billion laughs"); templates have no need of them.
    // This first pass over the events also meets malformed YAML before YamlStream.Load does.
    private static void RefuseAliases(string text, string file)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is AnchorAlias || parser.Current is NodeEvent { Anchor.IsEmpty: false })
                {
                    throw new RuleFormatException(file, Line(parser.Current.Start), "YAML anchors and aliases are not supported in templates");
                }
            }
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed input
            // (an unclosed flow sequence at the end of a line); its position is still known.
            throw new RuleFormatException(file, Line(scanner.CurrentPosition), "not valid YAML: the text cannot be read here (an unclosed bracket or quote?)");
        }
    }

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 0, int.MaxValue);

    private static TemplateRequestBlock Block(Context ctx, YamlNode node)
    {
        var b = node as YamlMappingNode ?? throw ctx.Error(node, "each request is a mapping (method:, path:, matchers:)");
        ctx.OnlyKeys(b, BlockKeys, "a request");
        var paths = new List<string>();
        var raws = new List<RawRequest>();
        if (ctx.Get(b, "path") is { } p)
        {
            foreach (var item in ctx.Items(p))
            {
                var path = ctx.Str(item);
                if (!path.StartsWith("{{BaseURL}}", StringComparison.Ordinal) && !path.StartsWith("{{RootURL}}", StringComparison.Ordinal))
                {
                    throw ctx.Error(item, $"path '{path}' must start with {{{{BaseURL}}}} or {{{{RootURL}}}}: requests stay on the scanned site");
                }

                ctx.CheckVariables(item, path);
                CheckUrlText(ctx, item, path);
                paths.Add(path);
            }
        }

        if (ctx.Get(b, "raw") is { } rawNode)
        {
            if (paths.Count > 0)
            {
                throw ctx.Error(rawNode, "give 'path' or 'raw', not both");
            }

            foreach (var item in ctx.Items(rawNode))
            {
                raws.Add(Raw(ctx, item));
            }
        }

        if (paths.Count == 0 && raws.Count == 0)
        {
            throw ctx.Error(b, "a request needs 'path' or 'raw'");
        }

        var method = ctx.Get(b, "method") is { } m ? ctx.Str(m).ToUpperInvariant() : "GET";
        if (method is not ("GET" or "POST" or "PUT" or "DELETE" or "HEAD" or "OPTIONS" or "PATCH"))
        {
            throw ctx.Error(ctx.Get(b, "method")!, $"method '{method}' is not GET, POST, PUT, DELETE, HEAD, OPTIONS or PATCH");
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (ctx.Get(b, "headers") is { } h)
        {
            var map = h as YamlMappingNode ?? throw ctx.Error(h, "'headers' is a mapping of name: value");
            foreach (var (k, v) in map.Children)
            {
                var value = ctx.Str(v);
                ctx.CheckVariables(v, value);
                AddHeader(ctx, k, ctx.Str(k), value, headers);
            }
        }

        var body = ctx.Get(b, "body") is { } bn ? ctx.Str(bn) : "";
        ctx.CheckVariables(ctx.Get(b, "body") ?? b, body);
        var redirects = ctx.Get(b, "redirects") is { } rd && ctx.Bool(rd);
        var hostRedirects = ctx.Get(b, "host-redirects") is { } hr && ctx.Bool(hr);
        var max = ctx.Get(b, "max-redirects") is { } mr ? ctx.Int(mr, 0, 10) : 10;
        _ = ctx.Get(b, "cookie-reuse") is { } cr && ctx.Bool(cr);
        _ = ctx.Get(b, "max-size") is { } ms ? ctx.Int(ms, 0, int.MaxValue) : 0;
        var stop = ctx.Get(b, "stop-at-first-match") is { } st && ctx.Bool(st);
        var condition = ctx.Get(b, "matchers-condition") is { } mc ? ctx.Condition(mc) : MatchCondition.Or;
        var matchersNode = ctx.Require(b, "matchers", "a request");
        var matchers = ctx.Items(matchersNode).Select(x => Matcher(ctx, x)).ToList();
        if (matchers.Count == 0)
        {
            throw ctx.Error(matchersNode, "'matchers' is empty");
        }

        var extractors = ctx.Get(b, "extractors") is { } ex ? ctx.Items(ex).Select(x => Extractor(ctx, x)).ToList() : [];
        return new TemplateRequestBlock(ctx.LineOf(b), method, paths, raws, headers, body, redirects || hostRedirects ? max : 0, stop,
            condition, matchers, extractors);
    }

    private static void AddHeader(Context ctx, YamlNode at, string name, string value, List<KeyValuePair<string, string>> headers)
    {
        if (name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c >= (char)0x7f))
        {
            throw ctx.Error(at, $"'{name}' is not a valid header name");
        }

        if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
        {
            throw ctx.Error(at, $"header '{name}' holds a line break");
        }

        // The fetcher owns Host and the framing: the request always goes to the scanned origin.
        if (!ProbeRequest.ReservedHeaders.Contains(name))
        {
            headers.Add(new(name, value));
        }
    }

    private static void CheckUrlText(Context ctx, YamlNode at, string path)
    {
        if (path.Any(c => c <= ' ' || c == '\\' || c >= (char)0x7f))
        {
            throw ctx.Error(at, $"path '{path}' holds spaces, backslashes or non-ASCII characters (percent-encode them)");
        }
    }

    private static RawRequest Raw(Context ctx, YamlNode item)
    {
        var text = ctx.Str(item).Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\n');
        ctx.CheckVariables(item, text);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? text.TrimEnd('\n') : text[..split];
        var body = split < 0 ? "" : text[(split + 2)..].TrimEnd('\n');
        var lines = head.Split('\n');
        var first = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (first.Length != 3 || !first[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            throw ctx.Error(item, $"a raw request starts with 'METHOD /path HTTP/1.1', not '{lines[0]}'");
        }

        var method = first[0].ToUpperInvariant();
        if (method is not ("GET" or "POST" or "PUT" or "DELETE" or "HEAD" or "OPTIONS" or "PATCH"))
        {
            throw ctx.Error(item, $"raw request method '{method}' is not supported");
        }

        var target = first[1];
        if (!target.StartsWith('/') && !target.StartsWith("{{BaseURL}}", StringComparison.Ordinal) && !target.StartsWith("{{RootURL}}", StringComparison.Ordinal))
        {
            throw ctx.Error(item, $"raw request target '{target}' must start with '/' or {{{{BaseURL}}}}");
        }

        if (target.StartsWith("//", StringComparison.Ordinal))
        {
            throw ctx.Error(item, $"raw request target '{target}' must be a path on the scanned site");
        }

        CheckUrlText(ctx, item, target);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw ctx.Error(item, $"raw request header line '{line}' is not 'Name: value'");
            }

            AddHeader(ctx, item, line[..colon].Trim(), line[(colon + 1)..].Trim(), headers);
        }

        return new RawRequest(method, target, headers, body);
    }

    private static TemplateMatcher Matcher(Context ctx, YamlNode node)
    {
        var m = node as YamlMappingNode ?? throw ctx.Error(node, "each matcher is a mapping (type: …)");
        var typeNode = ctx.Require(m, "type", "a matcher");
        var type = ctx.Str(typeNode) switch
        {
            "status" => MatcherType.Status,
            "word" => MatcherType.Word,
            "regex" => MatcherType.Regex,
            "size" => MatcherType.Size,
            "binary" => MatcherType.Binary,
            "dsl" => MatcherType.Dsl,
            var other => throw ctx.Error(typeNode, $"matcher type '{other}' is not supported (status, word, regex, size, binary, dsl)"),
        };
        ctx.OnlyKeys(m, MatcherKeys, "a matcher");
        var listKey = type switch
        {
            MatcherType.Status => "status",
            MatcherType.Word => "words",
            MatcherType.Regex => "regex",
            MatcherType.Size => "size",
            MatcherType.Binary => "binary",
            _ => "dsl",
        };
        foreach (var other in new[] { "status", "words", "regex", "size", "binary", "dsl" })
        {
            if (other != listKey && ctx.Get(m, other) is { } stray)
            {
                throw ctx.Error(stray, $"'{other}' does not belong to a {ctx.Str(typeNode)} matcher");
            }
        }

        var values = ctx.Require(m, listKey, $"a {ctx.Str(typeNode)} matcher");
        var items = ctx.Items(values).ToList();
        if (items.Count == 0)
        {
            throw ctx.Error(values, $"'{listKey}' is empty");
        }

        var caseInsensitive = ctx.Get(m, "case-insensitive") is { } ci && ctx.Bool(ci);
        var words = new List<string>();
        var regexes = new List<Regex>();
        var numbers = new List<int>();
        var binaries = new List<byte[]>();
        var dsl = new List<TemplateDsl>();
        foreach (var item in items)
        {
            var text = ctx.Str(item);
            switch (type)
            {
                case MatcherType.Word:
                    if (text.Contains("{{", StringComparison.Ordinal))
                    {
                        throw ctx.Error(item, $"word '{text}' holds an expression; matcher words are matched as written");
                    }

                    words.Add(text);
                    break;
                case MatcherType.Regex:
                    regexes.Add(ctx.Regex(item, text, caseInsensitive));
                    break;
                case MatcherType.Status:
                    numbers.Add(ctx.Int(item, 100, 599));
                    break;
                case MatcherType.Size:
                    numbers.Add(ctx.Int(item, 0, int.MaxValue));
                    break;
                case MatcherType.Binary:
                    try
                    {
                        binaries.Add(Convert.FromHexString(text));
                    }
                    catch (FormatException)
                    {
                        throw ctx.Error(item, $"binary '{text}' is not hex digits");
                    }

                    break;
                default:
                    try
                    {
                        dsl.Add(TemplateDsl.Parse(text));
                    }
                    catch (FormatException e)
                    {
                        throw ctx.Error(item, $"DSL '{text}' is refused: {e.Message}");
                    }

                    break;
            }
        }

        return new TemplateMatcher(ctx.LineOf(m), type, ctx.Part(m), ctx.Get(m, "condition") is { } c ? ctx.Condition(c) : MatchCondition.Or,
            ctx.Get(m, "negative") is { } n && ctx.Bool(n), caseInsensitive, words, regexes, numbers, binaries, dsl);
    }

    private static TemplateExtractor Extractor(Context ctx, YamlNode node)
    {
        var e = node as YamlMappingNode ?? throw ctx.Error(node, "each extractor is a mapping (type: …)");
        if (ctx.Get(e, "internal") is { } internalNode)
        {
            throw ctx.Error(internalNode, "'internal' extractors feed later requests, which is not supported");
        }

        ctx.OnlyKeys(e, ExtractorKeys, "an extractor");
        var typeNode = ctx.Require(e, "type", "an extractor");
        var ci = ctx.Get(e, "case-insensitive") is { } cin && ctx.Bool(cin);
        switch (ctx.Str(typeNode))
        {
            case "regex":
                var regexes = ctx.Items(ctx.Require(e, "regex", "a regex extractor")).Select(x => ctx.Regex(x, ctx.Str(x), ci)).ToList();
                var group = ctx.Get(e, "group") is { } g ? ctx.Int(g, 0, 99) : 0;
                return new TemplateExtractor(ExtractorType.Regex, ctx.Part(e), regexes, group, []);
            case "kval":
                var keys = ctx.Items(ctx.Require(e, "kval", "a kval extractor")).Select(ctx.Str).ToList();
                return new TemplateExtractor(ExtractorType.Kval, ResponsePart.Header, [], 0, keys);
            default:
                throw ctx.Error(typeNode, $"extractor type '{ctx.Str(typeNode)}' is not supported (regex, kval)");
        }
    }

    [GeneratedRegex(@"\A(?:[A-Za-z0-9]+[-_])*[A-Za-z0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Reading helpers that fail with the file and the line of the node.</summary>
    private sealed class Context(string file)
    {
        public RuleFormatException Error(YamlNode node, string problem) => new(file, LineOf(node), problem);

        public int LineOf(YamlNode node) => Line(node.Start);

        public YamlNode? Get(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        public YamlNode Require(YamlMappingNode map, string key, string owner) =>
            Get(map, key) ?? throw Error(map, $"{owner} needs '{key}'");

        public void OnlyKeys(YamlMappingNode map, string[] known, string owner)
        {
            foreach (var (k, _) in map.Children)
            {
                var key = Str(k);
                if (Unsupported.TryGetValue(key, out var why))
                {
                    throw Error(k, why);
                }

                if (Array.IndexOf(known, key) < 0)
                {
                    throw Error(k, $"unknown key '{key}' in {owner} (known: {string.Join(", ", known)})");
                }
            }
        }

        public string Str(YamlNode node) =>
            node is YamlScalarNode { Value: { } v } ? v : throw Error(node, "expected a single value here");

        public IEnumerable<YamlNode> Items(YamlNode node) =>
            node is YamlSequenceNode seq ? seq.Children : node is YamlScalarNode ? [node] : throw Error(node, "expected a list here");

        public List<string> List(YamlNode node) => Items(node).Select(Str).ToList();

        public bool Bool(YamlNode node) => Str(node).ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error(node, "expected true or false"),
        };

        public int Int(YamlNode node, int min, int max) =>
            int.TryParse(Str(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw Error(node, $"expected a whole number from {min} to {max}");

        public MatchCondition Condition(YamlNode node) => Str(node).ToLowerInvariant() switch
        {
            "and" => MatchCondition.And,
            "or" => MatchCondition.Or,
            _ => throw Error(node, "a condition is 'and' or 'or'"),
        };

        public ResponsePart Part(YamlMappingNode m)
        {
            if (Get(m, "part") is not { } node)
            {
                return ResponsePart.Body;
            }

            return Str(node) switch
            {
                "body" => ResponsePart.Body,
                "header" => ResponsePart.Header,
                "all" or "response" or "raw" => ResponsePart.All,
                var other => throw Error(node, $"part '{other}' is not supported (body, header, all, response)"),
            };
        }

        public Regex Regex(YamlNode node, string pattern, bool caseInsensitive)
        {
            try
            {
                var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | (caseInsensitive ? RegexOptions.IgnoreCase : RegexOptions.None);
                return new Regex(pattern, options, RegexBudget);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw Error(node, $"regex '{pattern}' is not valid or uses backtracking-only constructs (lookaround, backreferences): {e.Message}");
            }
        }

        public void CheckVariables(YamlNode node, string text)
        {
            foreach (Match m in Placeholder().Matches(text))
            {
                var name = m.Groups[1].Value;
                if (Array.IndexOf(TemplateVariables.Names, name) < 0 || m.Value != "{{" + name + "}}")
                {
                    throw Error(node, $"'{m.Value}' is not supported (variables: {string.Join(", ", TemplateVariables.Names.Select(v => "{{" + v + "}}"))}; helper functions and payloads are refused)");
                }
            }
        }
    }
}
