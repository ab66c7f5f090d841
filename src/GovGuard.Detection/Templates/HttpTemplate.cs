using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;

namespace GovGuard.Detection.Templates;

/// <summary>How several matchers (or the words of one matcher) combine.</summary>
public enum MatchCondition
{
    Or = 0,
    And = 1,
}

/// <summary>One request of a raw block, as written on the wire minus the framing headers.</summary>
internal sealed record RawRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body);

/// <summary>One <c>http:</c> (or <c>requests:</c>) entry of a template: what to send and how to judge the answer.</summary>
public sealed class TemplateRequestBlock
{
    internal TemplateRequestBlock(int line, string method, IReadOnlyList<string> paths, IReadOnlyList<RawRequest> raw,
        IReadOnlyList<KeyValuePair<string, string>> headers, string body, int maxRedirects, bool stopAtFirstMatch,
        MatchCondition matchersCondition, IReadOnlyList<TemplateMatcher> matchers, IReadOnlyList<TemplateExtractor> extractors)
    {
        Line = line;
        Method = method;
        Paths = paths;
        Raw = raw;
        Headers = headers;
        Body = body;
        MaxRedirects = maxRedirects;
        StopAtFirstMatch = stopAtFirstMatch;
        MatchersCondition = matchersCondition;
        Matchers = matchers;
        Extractors = extractors;
    }

    /// <summary>Line of the entry in its file.</summary>
    public int Line { get; }

    public string Method { get; }

    /// <summary>Paths as written, with <c>{{BaseURL}}</c> or <c>{{RootURL}}</c> first.</summary>
    public IReadOnlyList<string> Paths { get; }

    internal IReadOnlyList<RawRequest> Raw { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string Body { get; }

    public int MaxRedirects { get; }

    public bool StopAtFirstMatch { get; }

    public MatchCondition MatchersCondition { get; }

    public IReadOnlyList<TemplateMatcher> Matchers { get; }

    public IReadOnlyList<TemplateExtractor> Extractors { get; }

    /// <summary>How many requests the block sends: one per path or raw request.</summary>
    public int RequestCount => Paths.Count + Raw.Count;
}

/// <summary>
/// A vulnerability check template in the Nuclei-compatible subset (docs/detection-probes.md): a few HTTP
/// requests on the scanned origin and matchers that decide whether an answer shows the weakness.
/// </summary>
public sealed class HttpTemplate
{
    private readonly (int Block, int Item)[] _index;

    internal HttpTemplate(string file, string id, string name, Severity severity, string description, IReadOnlyList<string> tags,
        IReadOnlyList<string> references, IReadOnlyList<TemplateRequestBlock> blocks)
    {
        File = file;
        Id = id;
        Name = name;
        Severity = severity;
        Description = description;
        Tags = tags;
        References = references;
        Blocks = blocks;
        _index = blocks.SelectMany((b, bi) => Enumerable.Range(0, b.RequestCount).Select(i => (bi, i))).ToArray();
    }

    /// <summary>The file the template was loaded from, as named to the loader.</summary>
    public string File { get; }

    public string Id { get; }

    public string Name { get; }

    public Severity Severity { get; }

    public string Description { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<string> References { get; }

    public IReadOnlyList<TemplateRequestBlock> Blocks { get; }

    /// <summary>How many requests <see cref="Requests"/> yields (the same for every site).</summary>
    public int RequestCount => _index.Length;

    /// <summary>The method request <paramref name="requestIndex"/> is sent with.</summary>
    public string MethodOf(int requestIndex)
    {
        var (bi, item) = _index[requestIndex];
        var b = Blocks[bi];
        return item < b.Paths.Count ? b.Method : b.Raw[item - b.Paths.Count].Method;
    }

    /// <summary>The block that request <paramref name="requestIndex"/> belongs to.</summary>
    public TemplateRequestBlock BlockOf(int requestIndex) => Blocks[_index[requestIndex].Block];

    /// <summary>
    /// The requests to send for a site, in order; request i is judged with <c>TemplateSet.Evaluate(template, i, response)</c>.
    /// Variables: <c>{{BaseURL}}</c> (the base URL without trailing '/'), <c>{{RootURL}}</c>, <c>{{Hostname}}</c>
    /// (host[:port]), <c>{{Host}}</c>, <c>{{Port}}</c>, <c>{{Scheme}}</c>. Every request stays on the base URL's origin.
    /// </summary>
    public IReadOnlyList<ProbeRequest> Requests(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var vars = new TemplateVariables(baseUrl);
        var list = new List<ProbeRequest>(_index.Length);
        foreach (var (bi, item) in _index)
        {
            var b = Blocks[bi];
            if (item < b.Paths.Count)
            {
                var url = new Uri(vars.Apply(b.Paths[item]));
                list.Add(Make(b.Method, vars.OnOrigin(url), b.Headers, b.Body, vars, b.MaxRedirects));
            }
            else
            {
                var raw = b.Raw[item - b.Paths.Count];
                var target = vars.Apply(raw.Target);
                var url = target.StartsWith('/') ? new Uri(vars.BaseUrl.TrimEnd('/') + target) : new Uri(target);
                list.Add(Make(raw.Method, vars.OnOrigin(url), raw.Headers, raw.Body, vars, b.MaxRedirects));
            }
        }

        return list;
    }

    private static ProbeRequest Make(string method, string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> headers, string body,
        TemplateVariables vars, int maxRedirects) =>
        new(method, pathAndQuery, headers.Select(h => new KeyValuePair<string, string>(h.Key, vars.Apply(h.Value))).ToList(),
            body.Length == 0 ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(vars.Apply(body)))
        {
            MaxRedirects = maxRedirects,
        };
}

/// <summary>The values of the template variables for one base URL.</summary>
internal sealed class TemplateVariables(Uri baseUrl)
{
    /// <summary>The variables a template may use; anything else in <c>{{…}}</c> is refused at load.</summary>
    public static readonly string[] Names = ["BaseURL", "RootURL", "Hostname", "Host", "Port", "Scheme"];

    public string Root { get; } = baseUrl.GetLeftPart(UriPartial.Authority);

    public string BaseUrl { get; } = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public string Apply(string text)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var hostname = baseUrl.IsDefaultPort ? baseUrl.IdnHost : $"{baseUrl.IdnHost}:{baseUrl.Port}";
        return text.Replace("{{BaseURL}}", BaseUrl, StringComparison.Ordinal)
            .Replace("{{RootURL}}", Root, StringComparison.Ordinal)
            .Replace("{{Hostname}}", hostname, StringComparison.Ordinal)
            .Replace("{{Host}}", baseUrl.IdnHost, StringComparison.Ordinal)
            .Replace("{{Port}}", baseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{Scheme}}", baseUrl.Scheme, StringComparison.Ordinal);
    }

    /// <summary>The path and query of <paramref name="url"/>, which must be on the base URL's origin.</summary>
    public string OnOrigin(Uri url) =>
        string.Equals(url.GetLeftPart(UriPartial.Authority), Root, StringComparison.OrdinalIgnoreCase)
            ? url.PathAndQuery
            : throw new InvalidOperationException($"template request {url} leaves the scanned origin {Root}");
}
