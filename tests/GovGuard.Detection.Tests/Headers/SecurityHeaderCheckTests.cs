using GovGuard.Detection.Findings;
using GovGuard.Detection.Headers;
using GovGuard.Detection.Rules;
using static GovGuard.Detection.Tests.Corpus.Probes.ProbeRules;

namespace GovGuard.Detection.Tests.Headers;

public class SecurityHeaderCheckTests
{
    internal static readonly string[] Good =
    [
        "Content-Security-Policy", "default-src 'self'; script-src 'self' 'nonce-r4nd0m'; object-src 'none'; frame-ancestors 'self'",
        "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
        "X-Content-Type-Options", "nosniff",
        "Referrer-Policy", "strict-origin-when-cross-origin",
        "Permissions-Policy", "camera=(), geolocation=()",
        "Server", "nginx",
        "X-Frame-Options", "DENY",
        "Set-Cookie", "sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax",
    ];

    private static readonly SecurityHeaderCheck Check = new(HeaderPolicy);

    private static List<string> Rules(params string[] headers) =>
        Check.Evaluate(HtmlResponse("https://www.example.gov.cn/", 200, "<html><head></head><body>x</body></html>", headers)).Select(f => f.Rule).ToList();

    private static string[] With(string name, string? value) =>
        [.. Enumerable.Range(0, Good.Length / 2).Where(i => !string.Equals(Good[2 * i], name, StringComparison.OrdinalIgnoreCase)).SelectMany(i => new[] { Good[2 * i], Good[2 * i + 1] }),
         .. value is null ? Array.Empty<string>() : [name, value]];

    private static string[] Without(params string[] names) =>
        [.. Enumerable.Range(0, Good.Length / 2).Where(i => !names.Contains(Good[2 * i], StringComparer.OrdinalIgnoreCase)).SelectMany(i => new[] { Good[2 * i], Good[2 * i + 1] })];

    [Fact]
    public void A_well_configured_page_has_no_findings()
    {
        Assert.Empty(Rules(Good));
    }

    [Theory]
    [InlineData("Content-Security-Policy", null, "header-csp-missing")]
    [InlineData("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'self'", "header-csp-weak")]
    [InlineData("Content-Security-Policy", "default-src *; frame-ancestors 'self'", "header-csp-weak")]
    [InlineData("Content-Security-Policy", "script-src 'self' 'unsafe-eval'; frame-ancestors 'self'", "header-csp-weak")]
    [InlineData("Content-Security-Policy", "img-src 'self'; frame-ancestors 'self'", "header-csp-weak")]
    [InlineData("Strict-Transport-Security", null, "header-hsts-missing")]
    [InlineData("Strict-Transport-Security", "max-age=3600", "header-hsts-weak")]
    [InlineData("Strict-Transport-Security", "includeSubDomains", "header-hsts-weak")]
    [InlineData("X-Content-Type-Options", null, "header-xcto-missing")]
    [InlineData("X-Content-Type-Options", "sniff", "header-xcto-missing")]
    [InlineData("Referrer-Policy", null, "header-referrer-missing")]
    [InlineData("Referrer-Policy", "unsafe-url", "header-referrer-weak")]
    [InlineData("Permissions-Policy", null, "header-permissions-missing")]
    [InlineData("Server", "Apache/2.4.41 (Ubuntu)", "header-server-version")]
    [InlineData("Server", "Microsoft-IIS/10.0", "header-server-version")]
    [InlineData("X-Powered-By", "PHP/7.4.3", "header-x-powered-by")]
    [InlineData("X-AspNet-Version", "4.0.30319", "header-x-aspnet-version")]
    [InlineData("Set-Cookie", "JSESSIONID=1A2B; Path=/", "cookie-flags")]
    public void Each_problem_is_one_finding_for_its_header(string header, string? value, string rule)
    {
        var rules = Rules(With(header, value));
        Assert.Equal([rule], rules);
    }

    [Fact]
    public void Framing_is_protected_by_x_frame_options_when_csp_has_no_frame_ancestors()
    {
        string[] csp = [.. Without("Content-Security-Policy", "X-Frame-Options"), "Content-Security-Policy", "default-src 'self'"];
        Assert.Equal(["header-frame-missing"], Rules(csp));
        Assert.Empty(Rules([.. csp, "X-Frame-Options", "SAMEORIGIN"]));
        Assert.Equal(["header-frame-weak"], Rules([.. csp, "X-Frame-Options", "ALLOW-FROM https://a.example"]));
    }

    [Fact]
    public void Unsafe_inline_with_a_nonce_is_not_weak_because_browsers_ignore_it()
    {
        Assert.Empty(Rules(With("Content-Security-Policy", "script-src 'self' 'unsafe-inline' 'nonce-abc'; frame-ancestors 'none'")));
    }

    [Fact]
    public void A_report_only_policy_does_not_count_as_a_policy()
    {
        var f = Check.Evaluate(HtmlResponse("https://h.example/", 200, "<html></html>", [.. With("Content-Security-Policy", null), "Content-Security-Policy-Report-Only", "default-src 'self'", "X-Frame-Options", "DENY"]));
        var csp = Assert.Single(f);
        Assert.Equal("header-csp-missing", csp.Rule);
        Assert.Contains("report-only", csp.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meta_policy_counts_for_csp_and_referrer_but_not_for_framing()
    {
        var page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"><meta name=\"referrer\" content=\"no-referrer\"></head><body></body></html>";
        var f = Check.Evaluate(HtmlResponse("https://h.example/", 200, page, Without("Content-Security-Policy", "Referrer-Policy", "X-Frame-Options")));
        Assert.Equal(["header-frame-missing"], f.Select(x => x.Rule));
    }

    [Fact]
    public void Cookie_findings_list_the_missing_attributes_once_per_cookie()
    {
        var f = Check.Evaluate(HtmlResponse("https://h.example/", 200, "<html></html>", [.. With("Set-Cookie", "a=1; Path=/"), "Set-Cookie", "a=2", "Set-Cookie", "b=; Max-Age=0", "Set-Cookie", "c=3; Secure; HttpOnly; SameSite=Strict"]));
        var cookie = Assert.Single(f);
        Assert.Equal(Severity.Medium, cookie.Severity);
        Assert.Contains("Secure、HttpOnly、SameSite", cookie.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_pages_are_not_asked_for_hsts_or_secure_cookies()
    {
        var f = Check.Evaluate(HtmlResponse("http://h.example/", 200, "<html></html>", [.. Without("Strict-Transport-Security", "Set-Cookie"), "Set-Cookie", "sid=1; HttpOnly; SameSite=Lax"]));
        Assert.Empty(f);
    }

    [Fact]
    public void Non_html_responses_are_checked_only_for_headers_that_apply_to_them()
    {
        var f = Check.Evaluate(TextResponse("https://h.example/app.js", 200, "var a;", "Content-Type", "application/javascript", "Strict-Transport-Security", "max-age=31536000"));
        Assert.Equal(["header-xcto-missing"], f.Select(x => x.Rule));
    }

    [Fact]
    public void Checks_can_be_turned_off_and_rated_by_policy_file()
    {
        var policy = SecurityHeaderPolicy.Load([("headers/site.rules", "[permissions-policy]\nenabled = no\n\n[csp]\nseverity = high\n")]);
        var f = new SecurityHeaderCheck(policy, MessageLanguage.English).Evaluate(HtmlResponse("https://h.example/", 200, "<html></html>", Without("Content-Security-Policy", "Permissions-Policy")));
        var csp = f.Single(x => x.Rule == "header-csp-missing");
        Assert.Equal(Severity.High, csp.Severity);
        Assert.StartsWith("The page sets no Content-Security-Policy", csp.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(f, x => x.Rule == "header-permissions-missing");
        Assert.All(f, x => Assert.Equal(Categories.VulnMissingHeader, x.Category));
    }

    [Theory]
    [InlineData("[cps]\nenabled = no\n", 1, "not a header check")]
    [InlineData("[csp]\nenabled = maybe\n", 2, "'enabled' is yes or no")]
    [InlineData("[hsts]\nmin-max-age = -1\n", 2, "whole number")]
    [InlineData("[csp]\nseverity = huge\n", 2, "severity")]
    public void Bad_policy_files_are_refused_with_file_and_line(string text, int line, string problem)
    {
        var e = Assert.Throws<RuleFormatException>(() => SecurityHeaderPolicy.Load([("headers/bad.rules", text)]));
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_check_needs_no_rule_files()
    {
        var f = SecurityHeaderCheck.Default.Evaluate(HtmlResponse("https://h.example/", 200, "<html></html>"));
        Assert.Equal(6, f.Count);
        Assert.All(f, x => Assert.Equal("https://h.example/", x.Target));
    }
}
