using System.Globalization;
using System.Text.RegularExpressions;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Http;

namespace GovGuard.Detection.Templates;

/// <summary>The matcher types of the supported subset.</summary>
public enum MatcherType
{
    Status = 0,
    Word = 1,
    Regex = 2,
    Size = 3,
    Binary = 4,
    Dsl = 5,
}

/// <summary>Which part of the response a matcher or extractor reads.</summary>
public enum ResponsePart
{
    /// <summary>The body (Nuclei's default).</summary>
    Body = 0,

    /// <summary>The status line and headers.</summary>
    Header = 1,

    /// <summary>Status line, headers and body (Nuclei's <c>all</c>, <c>response</c>, <c>raw</c>).</summary>
    All = 2,
}

/// <summary>The parts of one response as matchers read them, built once per evaluation.</summary>
internal sealed class ResponseParts(HttpResponseView response)
{
    private string? _header;
    private string? _all;
    private byte[]? _headerBytes;

    public HttpResponseView Response { get; } = response;

    public string Body => Response.Text;

    public string Header => _header ??= string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 {Response.Status}\r\n{Response.HeaderBlock()}");

    public string All => _all ??= Header + "\r\n" + Body;

    public string Text(ResponsePart part) => part switch
    {
        ResponsePart.Header => Header,
        ResponsePart.All => All,
        _ => Body,
    };

    public ReadOnlySpan<byte> Bytes(ResponsePart part) => part switch
    {
        ResponsePart.Body => Response.Body.Span,
        ResponsePart.Header => _headerBytes ??= System.Text.Encoding.UTF8.GetBytes(Header),
        _ => System.Text.Encoding.UTF8.GetBytes(All),
    };
}

/// <summary>One matcher of a template request block.</summary>
public sealed class TemplateMatcher
{
    internal TemplateMatcher(int line, MatcherType type, ResponsePart part, MatchCondition condition, bool negative, bool caseInsensitive,
        IReadOnlyList<string> words, IReadOnlyList<Regex> regexes, IReadOnlyList<int> values, IReadOnlyList<byte[]> binaries,
        IReadOnlyList<TemplateDsl> dsl)
    {
        Line = line;
        Type = type;
        Part = part;
        Condition = condition;
        Negative = negative;
        CaseInsensitive = caseInsensitive;
        Words = words;
        Regexes = regexes;
        Values = values;
        Binaries = binaries;
        Dsl = dsl;
    }

    public int Line { get; }

    public MatcherType Type { get; }

    public ResponsePart Part { get; }

    /// <summary>How the values of this matcher combine (Nuclei's <c>condition</c>, default or).</summary>
    public MatchCondition Condition { get; }

    public bool Negative { get; }

    public bool CaseInsensitive { get; }

    public IReadOnlyList<string> Words { get; }

    public IReadOnlyList<Regex> Regexes { get; }

    /// <summary>Status codes (status matcher) or body sizes in bytes (size matcher).</summary>
    public IReadOnlyList<int> Values { get; }

    public IReadOnlyList<byte[]> Binaries { get; }

    public IReadOnlyList<TemplateDsl> Dsl { get; }

    /// <summary>Whether the matcher holds (negation applied); <paramref name="proof"/> says what matched, for evidence.</summary>
    internal bool Matches(ResponseParts r, out string? proof)
    {
        proof = null;
        var hit = Type switch
        {
            MatcherType.Status => Combine(Values, v => r.Response.Status == v, v => $"status {v}", ref proof),
            MatcherType.Size => Combine(Values, v => r.Response.Body.Length == v, v => $"size {v}", ref proof),
            MatcherType.Word => MatchWords(r, ref proof),
            MatcherType.Regex => MatchRegex(r, ref proof),
            MatcherType.Binary => MatchBinary(r, ref proof),
            _ => Combine(Dsl, d => d.Evaluate(r), d => d.Source, ref proof),
        };
        if (Negative)
        {
            proof = hit ? null : $"not ({Type.ToString().ToLowerInvariant()})";
            return !hit;
        }

        return hit;
    }

    private bool Combine<T>(IReadOnlyList<T> items, Func<T, bool> test, Func<T, string> describe, ref string? proof)
    {
        foreach (var item in items)
        {
            var ok = test(item);
            if (ok && Condition == MatchCondition.Or)
            {
                proof = describe(item);
                return true;
            }

            if (!ok && Condition == MatchCondition.And)
            {
                return false;
            }
        }

        if (Condition == MatchCondition.And)
        {
            proof = string.Join(" && ", items.Select(describe));
            return true;
        }

        return false;
    }

    private bool MatchWords(ResponseParts r, ref string? proof)
    {
        var text = r.Text(Part);
        var cmp = CaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        string? first = null;
        var ok = Combine(Words, w =>
        {
            var at = text.IndexOf(w, cmp);
            if (at >= 0)
            {
                first ??= ContentVerifier.LineAround(text, at, w.Length);
            }

            return at >= 0;
        }, w => w, ref proof);
        if (ok && first is not null)
        {
            proof = first;
        }

        return ok;
    }

    private bool MatchRegex(ResponseParts r, ref string? proof)
    {
        var text = r.Text(Part);
        string? first = null;
        var ok = Combine(Regexes, rx =>
        {
            try
            {
                var m = rx.Match(text);
                if (m.Success)
                {
                    first ??= ContentVerifier.LineAround(text, m.Index, m.Length);
                }

                return m.Success;
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }, rx => rx.ToString(), ref proof);
        if (ok && first is not null)
        {
            proof = first;
        }

        return ok;
    }

    private bool MatchBinary(ResponseParts r, ref string? proof)
    {
        var ok = true;
        var any = false;
        foreach (var b in Binaries)
        {
            var found = r.Bytes(Part).IndexOf(b) >= 0;
            any |= found;
            ok &= found;
        }

        var hit = Condition == MatchCondition.And ? ok : any;
        if (hit)
        {
            proof = "binary " + string.Join(", ", Binaries.Select(Convert.ToHexStringLower));
        }

        return hit;
    }
}

/// <summary>The extractor types of the supported subset.</summary>
public enum ExtractorType
{
    Regex = 0,
    Kval = 1,
}

/// <summary>An extractor: pulls values out of a matched response into the finding's evidence.</summary>
public sealed class TemplateExtractor
{
    internal TemplateExtractor(ExtractorType type, ResponsePart part, IReadOnlyList<Regex> regexes, int group, IReadOnlyList<string> keys)
    {
        Type = type;
        Part = part;
        Regexes = regexes;
        Group = group;
        Keys = keys;
    }

    public ExtractorType Type { get; }

    public ResponsePart Part { get; }

    public IReadOnlyList<Regex> Regexes { get; }

    public int Group { get; }

    /// <summary>kval: header names in Nuclei's snake case (content_type means Content-Type).</summary>
    public IReadOnlyList<string> Keys { get; }

    internal IEnumerable<string> Extract(ResponseParts r)
    {
        if (Type == ExtractorType.Kval)
        {
            foreach (var key in Keys)
            {
                var name = key.Replace('_', '-');
                foreach (var (k, v) in r.Response.Headers)
                {
                    if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    {
                        yield return $"{k}: {v}";
                        break;
                    }
                }
            }

            yield break;
        }

        var text = r.Text(Part);
        foreach (var rx in Regexes)
        {
            MatchCollection matches;
            try
            {
                matches = rx.Matches(text);
                _ = matches.Count;
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            foreach (Match m in matches.Take(5))
            {
                if (m.Groups.Count > Group && m.Groups[Group].Success)
                {
                    yield return m.Groups[Group].Value;
                }
            }
        }
    }
}
