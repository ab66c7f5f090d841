namespace GovGuard.Detection.Tests.Corpus.Probes;

/// <summary>A generated page response: its headers and the header rules it should raise (none for a clean page).</summary>
public sealed record HeaderSample(string Url, string Body, string[] Headers, IReadOnlySet<string> ExpectedRules);

/// <summary>
/// Page responses built from a clean, well-configured header set with zero to three defects applied
/// (fixed seed), plus hard negatives that look wrong but are not: nonce-backed 'unsafe-inline', quoted
/// max-age, meta policies, Feature-Policy, "nginx" without version, cookie deletions, plain-HTTP pages.
/// </summary>
public static class HeaderCorpus
{
    private static readonly (string Rule, Func<Random, Dictionary<string, List<string>>, string, string?> Apply)[] Defects =
    [
        ("header-csp-missing", (r, h, url) => { h.Remove("Content-Security-Policy"); return null; }),
        ("header-csp-weak", (r, h, url) => { h["Content-Security-Policy"] = [new[] { "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.example.com; frame-ancestors 'self'", "default-src * 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'", "script-src 'self' 'unsafe-eval'; object-src 'none'; frame-ancestors 'none'", "default-src 'self' https:; script-src https: 'self'; frame-ancestors 'self'", "upgrade-insecure-requests; frame-ancestors 'self'" }[r.Next(5)]]; return null; }),
        ("header-hsts-missing", (r, h, url) => { h.Remove("Strict-Transport-Security"); return null; }),
        ("header-hsts-weak", (r, h, url) => { h["Strict-Transport-Security"] = [new[] { "max-age=0", "max-age=86400", "max-age=2592000; includeSubDomains", "includeSubDomains; preload" }[r.Next(4)]]; return null; }),
        ("header-xcto-missing", (r, h, url) => { if (r.Next(2) == 0) { h.Remove("X-Content-Type-Options"); } else { h["X-Content-Type-Options"] = ["no-sniff"]; } return null; }),
        ("header-frame-missing", (r, h, url) => { h.Remove("X-Frame-Options"); h["Content-Security-Policy"] = ["default-src 'self'; object-src 'none'"]; return null; }),
        ("header-referrer-missing", (r, h, url) => { h.Remove("Referrer-Policy"); return null; }),
        ("header-referrer-weak", (r, h, url) => { h["Referrer-Policy"] = [r.Next(2) == 0 ? "unsafe-url" : "no-referrer, unsafe-url"]; return null; }),
        ("header-permissions-missing", (r, h, url) => { h.Remove("Permissions-Policy"); return null; }),
        ("header-server-version", (r, h, url) => { h["Server"] = [new[] { "Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips PHP/5.4.16", "nginx/1.18.0", "Microsoft-IIS/8.5", "Apache-Coyote/1.1", "openresty/1.21.4.1" }[r.Next(5)]]; return null; }),
        ("header-x-powered-by", (r, h, url) => { h["X-Powered-By"] = [new[] { "PHP/7.2.24", "ASP.NET", "Servlet/3.0; JBossAS-6", "ThinkPHP" }[r.Next(4)]]; return null; }),
        ("header-x-aspnet-version", (r, h, url) => { h["X-AspNet-Version"] = [new[] { "4.0.30319", "2.0.50727" }[r.Next(2)]]; return null; }),
        ("cookie-flags", (r, h, url) => { h["Set-Cookie"] = [new[] { "JSESSIONID=8A3F9C1E2B; Path=/", "PHPSESSID=abc123; path=/; HttpOnly", "ASP.NET_SessionId=xyz; path=/; HttpOnly; SameSite=Lax", "token=1; Secure; HttpOnly; SameSite=Bogus" }[r.Next(4)]]; return null; }),
    ];

    public static List<HeaderSample> Generate(int seed, int count)
    {
        var rnd = new Random(seed);
        var samples = new List<HeaderSample>();
        for (var i = 0; i < count; i++)
        {
            var url = $"https://www{i}.example.gov.cn/{(i % 3 == 0 ? "" : "zwgk/index.html")}";
            var h = Clean(rnd);
            var expected = new HashSet<string>(StringComparer.Ordinal);
            var body = "<!DOCTYPE html><html><head><title>政务公开</title></head><body><p>内容</p></body></html>";
            var defects = i % 5 == 0 ? 0 : 1 + rnd.Next(3);
            for (var d = 0; d < defects; d++)
            {
                var (rule, apply) = Defects[rnd.Next(Defects.Length)];
                // Defects on the same header would replace each other; keep one per header.
                if (expected.Any(e => SameHeader(e, rule)))
                {
                    continue;
                }

                apply(rnd, h, url);
                expected.Add(rule);
            }

            HardNegative(rnd, h, ref body, ref url, expected, i);
            samples.Add(new HeaderSample(url, body, [.. h.SelectMany(kv => kv.Value.SelectMany(v => new[] { kv.Key, v }))], expected));
        }

        return samples;
    }

    private static bool SameHeader(string a, string b) => Family(a) == Family(b);

    private static string Family(string rule) => rule switch
    {
        "header-frame-missing" or "header-csp-missing" or "header-csp-weak" => "csp",
        _ => rule[..rule.LastIndexOf('-')],
    };

    private static Dictionary<string, List<string>> Clean(Random rnd) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Type"] = ["text/html; charset=utf-8"],
        ["Content-Security-Policy"] = [rnd.Next(2) == 0 ? "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'self'" : "script-src 'nonce-r4nd0m' 'strict-dynamic' 'unsafe-inline' https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"],
        ["Strict-Transport-Security"] = [rnd.Next(2) == 0 ? "max-age=31536000; includeSubDomains" : "max-age=\"63072000\"; includeSubDomains; preload"],
        ["X-Content-Type-Options"] = [rnd.Next(2) == 0 ? "nosniff" : "NoSniff"],
        ["X-Frame-Options"] = [rnd.Next(2) == 0 ? "SAMEORIGIN" : "deny"],
        ["Referrer-Policy"] = [new[] { "strict-origin-when-cross-origin", "no-referrer", "same-origin" }[rnd.Next(3)]],
        ["Permissions-Policy"] = ["camera=(), microphone=(), geolocation=()"],
        ["Server"] = [new[] { "nginx", "Apache", "Microsoft-IIS", "BWS" }[rnd.Next(4)]],
        ["Set-Cookie"] = ["SESSION=a1b2c3; Path=/; Secure; HttpOnly; SameSite=Lax"],
    };

    // Things that look like defects and are not; applied only where they do not mask a defect under test.
    private static void HardNegative(Random rnd, Dictionary<string, List<string>> h, ref string body, ref string url, HashSet<string> expected, int i)
    {
        switch (i % 6)
        {
            case 1 when !expected.Contains("cookie-flags"):
                h["Set-Cookie"] = [.. h["Set-Cookie"], "old=; Max-Age=0; Path=/", "legacy=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"];
                break;
            case 2 when !expected.Contains("header-permissions-missing"):
                h.Remove("Permissions-Policy");
                h["Feature-Policy"] = ["camera 'none'"];
                break;
            case 3 when !expected.Any(e => e.StartsWith("header-csp", StringComparison.Ordinal) || e.StartsWith("header-referrer", StringComparison.Ordinal) || e == "header-frame-missing"):
                // Policies given as <meta> count for CSP and referrer; framing still needs the header.
                h.Remove("Content-Security-Policy");
                h.Remove("Referrer-Policy");
                body = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"><meta name=\"referrer\" content=\"same-origin\"><title>t</title></head><body></body></html>";
                break;
            case 4 when !expected.Any(e => e.StartsWith("header-hsts", StringComparison.Ordinal) || e == "cookie-flags"):
                // A plain-HTTP page is not asked for HSTS or Secure cookies.
                url = url.Replace("https://", "http://", StringComparison.Ordinal);
                h.Remove("Strict-Transport-Security");
                h["Set-Cookie"] = ["lang=zh; Path=/; HttpOnly; SameSite=Lax"];
                break;
            case 5 when !expected.Contains("header-server-version"):
                h["Server"] = [rnd.Next(2) == 0 ? "cloudflare" : "Tengine"];
                break;
        }
    }
}
