using System.Text;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Http;
using GovGuard.Detection.Templates;
using GovGuard.Detection.Tests.Logs;

namespace GovGuard.Detection.Tests.Corpus.Probes;

/// <summary>The shipped probe, header and template rules (tests use the real files) and response builders.</summary>
internal static class ProbeRules
{
    private static readonly Lazy<ExposureProbeSet> ExposureRules = new(() => ExposureProbeSet.Load(TestRules.Files("exposure", "*.rules")));
    private static readonly Lazy<SecurityHeaderPolicy> HeaderRules = new(() => SecurityHeaderPolicy.Load(TestRules.Files("headers", "*.rules")));
    private static readonly Lazy<TemplateSet> TemplateRules = new(() => TemplateSet.Load(TestRules.Files("templates", "*.yaml")));

    public static ExposureProbeSet ExposureProbes => ExposureRules.Value;

    public static SecurityHeaderPolicy HeaderPolicy => HeaderRules.Value;

    public static TemplateSet ShippedTemplates => TemplateRules.Value;

    public static HttpTemplate Template(string id) => ShippedTemplates.Templates.Single(t => t.Id == id);

    public static List<KeyValuePair<string, string>> H(params string[] nameValue)
    {
        var list = new List<KeyValuePair<string, string>>();
        for (var i = 0; i + 1 < nameValue.Length; i += 2)
        {
            list.Add(new(nameValue[i], nameValue[i + 1]));
        }

        return list;
    }

    public static HttpResponseView TextResponse(string url, int status, string body, params string[] headers) =>
        HttpResponseView.FromText(new Uri(url), status, H(headers), body);

    public static HttpResponseView HtmlResponse(string url, int status, string body, params string[] headers) =>
        TextResponse(url, status, body, [.. headers, "Content-Type", "text/html; charset=utf-8"]);

    public static HttpResponseView BytesResponse(string url, int status, byte[] body, params string[] headers) =>
        new(new Uri(url), status, H(headers), body);

    public static byte[] Concat(byte[] head, string tail) => [.. head, .. Encoding.UTF8.GetBytes(tail)];
}
