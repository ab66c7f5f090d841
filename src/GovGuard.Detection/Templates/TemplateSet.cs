using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Templates;

/// <summary>
/// Vulnerability check templates loaded from <c>rules/templates/*.yaml</c> (one template per file,
/// Nuclei-compatible subset; docs/detection-probes.md), and their evaluation (GB/T 38249 7.4.4 a).
/// Thread-safe once loaded.
/// </summary>
public sealed class TemplateSet
{
    private TemplateSet(IReadOnlyList<HttpTemplate> templates) => Templates = templates;

    public IReadOnlyList<HttpTemplate> Templates { get; }

    /// <summary>Loads template files given as (name, text); the first bad template fails the load with its file and line.</summary>
    public static TemplateSet Load(IEnumerable<(string Name, string Text)> files) =>
        Load(files, e => throw e);

    /// <summary>
    /// Loads template files, handing each refused template to <paramref name="refused"/> and going on with
    /// the rest (for dropped-in template collections, where one unsupported template must not stop a scan).
    /// </summary>
    public static TemplateSet Load(IEnumerable<(string Name, string Text)> files, Action<RuleFormatException> refused)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(refused);
        var templates = new List<HttpTemplate>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            HttpTemplate t;
            try
            {
                t = TemplateParser.Parse(name, text);
            }
            catch (RuleFormatException e)
            {
                refused(e);
                continue;
            }

            if (ids.TryGetValue(t.Id, out var other))
            {
                refused(new RuleFormatException(name, 1, $"template id '{t.Id}' is already used by {other}"));
                continue;
            }

            ids[t.Id] = name;
            templates.Add(t);
        }

        return new TemplateSet(templates);
    }

    /// <summary>
    /// Judges the response to request <paramref name="requestIndex"/> of <see cref="HttpTemplate.Requests"/>:
    /// a finding when the block's matchers hold, else null. A template is one problem: the caller stops
    /// sending a template's requests at its first finding. <paramref name="target"/> defaults to the origin.
    /// </summary>
    public static Finding? Evaluate(HttpTemplate template, int requestIndex, HttpResponseView response,
        MessageLanguage language = MessageLanguage.Chinese, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentOutOfRangeException.ThrowIfNegative(requestIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(requestIndex, template.RequestCount);
        var block = template.BlockOf(requestIndex);
        var parts = new ResponseParts(response);
        var proofs = new List<string>();
        var and = block.MatchersCondition == MatchCondition.And;
        var matched = and;
        foreach (var m in block.Matchers)
        {
            var ok = m.Matches(parts, out var proof);
            if (ok && proof is not null && m.Type != MatcherType.Status)
            {
                proofs.Add(proof);
            }

            if (and && !ok)
            {
                return null;
            }

            if (!and && ok)
            {
                matched = true;
                break;
            }
        }

        if (!matched)
        {
            return null;
        }

        var extracted = block.Extractors.SelectMany(e => e.Extract(parts)).Distinct(StringComparer.Ordinal).Take(5).ToList();
        var evidence = $"{template.MethodOf(requestIndex)} {response.Url.PathAndQuery} → {response.Status}";
        if (proofs.Count > 0)
        {
            evidence += "; " + string.Join("; ", proofs);
        }

        if (extracted.Count > 0)
        {
            evidence += "; extracted: " + string.Join(", ", extracted);
        }

        var message = language.Pick($"漏洞检查模板 {template.Id} 命中：{template.Name}", $"Vulnerability check template {template.Id} matched: {template.Name}");
        return new Finding(Categories.VulnTemplate, template.Severity, target ?? response.Origin, response.Url.ToString(), null, null,
            template.Id, message, Finding.Excerpt(evidence));
    }
}
