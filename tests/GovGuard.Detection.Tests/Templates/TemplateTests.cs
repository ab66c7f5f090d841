using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Templates;
using static GovGuard.Detection.Tests.Corpus.Probes.ProbeRules;

namespace GovGuard.Detection.Tests.Templates;

public class TemplateTests
{
    private const string Site = "https://www.example.gov.cn/";

    private static HttpTemplate One(string yaml) => Assert.Single(TemplateSet.Load([("templates/t.yaml", yaml)]).Templates);

    private static string Tpl(string matchers, string request = "    path:\n      - \"{{BaseURL}}/x\"\n") =>
        $"id: t1\ninfo:\n  name: test\n  severity: low\nhttp:\n  - method: GET\n{request}    matchers:\n{matchers}";

    private static bool Hit(string matchers, HttpResponseView r) => TemplateSet.Evaluate(One(Tpl(matchers)), 0, r) is not null;

    private static RuleFormatException Refused(string yaml) =>
        Assert.Throws<RuleFormatException>(() => TemplateSet.Load([("templates/bad.yaml", yaml)]));

    [Fact]
    public void Requests_substitute_the_variables_and_stay_on_the_origin()
    {
        var t = One(Tpl("      - type: status\n        status: [200]\n",
            "    path:\n      - \"{{BaseURL}}/a?h={{Hostname}}\"\n      - \"{{RootURL}}/b\"\n    headers:\n      Referer: \"{{BaseURL}}/\"\n      Host: evil.example\n    body: \"x={{Host}}\"\n"));
        var r = t.Requests(new Uri("https://www.example.gov.cn:8443/portal/"));
        Assert.Equal(["/portal/a?h=www.example.gov.cn:8443", "/b"], r.Select(x => x.PathAndQuery));
        Assert.Equal([new KeyValuePair<string, string>("Referer", "https://www.example.gov.cn:8443/portal/")], r[0].Headers);
        Assert.Equal("x=www.example.gov.cn", Encoding.UTF8.GetString(r[0].Body.Span));
        Assert.Equal(0, r[0].MaxRedirects);
    }

    [Fact]
    public void Encoded_traversal_survives_into_the_request_path()
    {
        var t = ShippedTemplates.Templates.Single(x => x.Id == "path-traversal-canary");
        Assert.Equal("/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fos-release", t.Requests(new Uri(Site))[0].PathAndQuery, ignoreCase: true);
    }

    [Theory]
    [InlineData("      - type: word\n        words: [\"admin\", \"panel\"]\n", true)]
    [InlineData("      - type: word\n        condition: and\n        words: [\"admin\", \"missing\"]\n", false)]
    [InlineData("      - type: word\n        words: [\"ADMIN\"]\n", false)]
    [InlineData("      - type: word\n        case-insensitive: true\n        words: [\"ADMIN\"]\n", true)]
    [InlineData("      - type: word\n        negative: true\n        words: [\"admin\"]\n", false)]
    [InlineData("      - type: word\n        part: header\n        words: [\"X-Debug: on\"]\n", true)]
    [InlineData("      - type: word\n        part: header\n        words: [\"admin\"]\n", false)]
    [InlineData("      - type: word\n        part: all\n        words: [\"HTTP/1.1 200\", \"admin\"]\n        condition: and\n", true)]
    [InlineData("      - type: regex\n        regex: ['v(\\d+)\\.\\d+']\n", true)]
    [InlineData("      - type: status\n        status: [301, 200]\n", true)]
    [InlineData("      - type: status\n        status: [404]\n", false)]
    [InlineData("      - type: size\n        size: [21]\n", true)]
    [InlineData("      - type: binary\n        binary: [\"61646d696e\"]\n", true)]
    [InlineData("      - type: dsl\n        dsl: ['status_code == 200 && contains(body, \"panel\") && len(body) > 10']\n", true)]
    [InlineData("      - type: dsl\n        dsl: ['status_code != 200 || !contains(tolower(body), \"ADMIN\")']\n", false)]
    [InlineData("      - type: dsl\n        dsl: ['contains_all(header, \"X-Debug\", \"on\") && (content_length >= 21)']\n", true)]
    [InlineData("      - type: dsl\n        dsl: ['contains_any(body, \"nope\", \"never\")']\n", false)]
    public void Matchers_behave_as_in_nuclei(string matchers, bool expected)
    {
        var r = TextResponse(Site + "x", 200, "admin panel v2.4 here", "X-Debug", "on");
        Assert.Equal(expected, Hit(matchers, r));
    }

    [Fact]
    public void Matchers_condition_and_needs_every_matcher()
    {
        var and = "      - type: status\n        status: [200]\n      - type: word\n        words: [\"absent\"]\n";
        var r = TextResponse(Site + "x", 200, "present");
        Assert.True(TemplateSet.Evaluate(One(Tpl(and)), 0, r) is not null);
        var t = One(Tpl(and).Replace("    matchers:", "    matchers-condition: and\n    matchers:", StringComparison.Ordinal));
        Assert.Null(TemplateSet.Evaluate(t, 0, r));
    }

    [Fact]
    public void A_finding_names_the_template_and_carries_extracted_values()
    {
        var t = One(Tpl("      - type: word\n        words: [\"panel\"]\n    extractors:\n      - type: regex\n        group: 1\n        regex: ['v(\\d+\\.\\d+)']\n      - type: kval\n        kval: [x_debug]\n"));
        var f = TemplateSet.Evaluate(t, 0, TextResponse(Site + "x", 200, "admin panel v2.4", "X-Debug", "on"), MessageLanguage.English);
        Assert.NotNull(f);
        Assert.Equal(Categories.VulnTemplate, f.Category);
        Assert.Equal(Severity.Low, f.Severity);
        Assert.Equal("t1", f.Rule);
        Assert.Equal("Vulnerability check template t1 matched: test", f.Message);
        Assert.Contains("GET /x → 200", f.Evidence, StringComparison.Ordinal);
        Assert.Contains("extracted: 2.4, X-Debug: on", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_requests_are_parsed_without_the_framing_headers()
    {
        var t = One(Tpl("      - type: status\n        status: [200]\n",
            "    raw:\n      - |\n        POST /login.do HTTP/1.1\n        Host: {{Hostname}}\n        Content-Type: application/x-www-form-urlencoded\n        Content-Length: 7\n\n        a=1&b=2\n"));
        var r = Assert.Single(t.Requests(new Uri(Site)));
        Assert.Equal("POST", r.Method);
        Assert.Equal("/login.do", r.PathAndQuery);
        Assert.Equal(["Content-Type"], r.Headers.Select(h => h.Key));
        Assert.Equal("a=1&b=2", Encoding.UTF8.GetString(r.Body.Span));
        Assert.Equal("POST", t.MethodOf(0));
    }

    [Fact]
    public void Redirects_are_passed_to_the_fetcher_as_a_hop_limit()
    {
        var t = One(Tpl("      - type: status\n        status: [200]\n", "    path: [\"{{BaseURL}}/\"]\n    redirects: true\n    max-redirects: 3\n"));
        Assert.Equal(3, t.Requests(new Uri(Site))[0].MaxRedirects);
    }

    [Theory]
    [InlineData("info:\n  name: x\n  severity: low\nhttp: []\n", 1, "needs 'id'")]
    [InlineData("id: bad id\ninfo:\n  name: x\n  severity: low\n", 1, "must be letters and digits")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: severe\nhttp: []\n", 4, "severity 'severe'")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\ndns:\n  - name: x\n", 5, "DNS templates are not supported")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    matchers:\n      - type: xpath\n        xpath: [\"/a\"]\n", 8, "matcher type 'xpath'")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    matchers:\n      - type: regex\n        regex: [\"(unclosed\"]\n", 9, "not valid")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    matchers:\n      - type: regex\n        regex: [\"a(?=b)\"]\n", 9, "backtracking-only")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    matchers:\n      - type: dsl\n        dsl:\n          - 'md5(body) == \"x\"'\n", 10, "'md5' is not supported")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    matchers:\n      - type: dsl\n        dsl: ['status_code == 200 &&']\n", 9, "DSL 'status_code == 200 &&' is refused")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"https://other.example/\"]\n    matchers:\n      - type: status\n        status: [200]\n", 6, "must start with {{BaseURL}}")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/{{randstr}}\"]\n    matchers:\n      - type: status\n        status: [200]\n", 6, "'{{randstr}}' is not supported")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    payloads:\n      p: [1]\n    matchers:\n      - type: status\n        status: [200]\n", 7, "'payloads'")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    matchers:\n      - type: word\n        word: [\"x\"]\n", 9, "unknown key 'word'")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - path: [\"{{BaseURL}}/\"]\n    matchers:\n      - type: word\n        words: [\"x\"]\n    extractors:\n      - type: regex\n        internal: true\n        regex: [\"x\"]\n", 12, "'internal' extractors")]
    [InlineData("id: a\ninfo: &i\n  name: x\n  severity: low\n", 2, "anchors and aliases")]
    [InlineData("id: a\ninfo:\n  name: [x\n", 4, "not valid YAML")]
    [InlineData("id: a\ninfo:\n  name: x\n  severity: low\nhttp:\n  - raw:\n      - |\n        GET /x HTTP/1.1\n    unsafe: true\n    matchers:\n      - type: status\n        status: [200]\n", 9, "'unsafe' raw requests")]
    public void Unsupported_or_bad_templates_are_refused_with_file_and_line(string yaml, int line, string problem)
    {
        var e = Refused(yaml);
        Assert.Equal("templates/bad.yaml", e.File);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void A_lenient_load_reports_refused_templates_and_keeps_the_rest()
    {
        var refused = new List<RuleFormatException>();
        var set = TemplateSet.Load([("a.yaml", Tpl("      - type: status\n        status: [200]\n")), ("b.yaml", "id: b\n"), ("c.yaml", Tpl("      - type: status\n        status: [200]\n"))], refused.Add);
        Assert.Single(set.Templates);
        Assert.Equal(["b.yaml", "c.yaml"], refused.Select(e => e.File));
        Assert.Contains("already used by a.yaml", refused[1].Problem, StringComparison.Ordinal);
    }
}
