using System.Globalization;
using System.Text.RegularExpressions;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;

namespace GovGuard.Detection.Headers;

/// <summary>
/// Checks the security headers of one page response (GB/T 38249 7.4.4 a: find the weaknesses a site
/// exposes): CSP, HSTS, nosniff, framing, referrer and permissions policies, version disclosure and
/// cookie attributes. One finding per header; the same code judges monitored sites and GovGuard's own pages.
/// Thread-safe.
/// </summary>
public sealed partial class SecurityHeaderCheck(SecurityHeaderPolicy? policy = null, MessageLanguage language = MessageLanguage.Chinese)
{
    private readonly SecurityHeaderPolicy _policy = policy ?? SecurityHeaderPolicy.Default;

    /// <summary>The default policy in Chinese.</summary>
    public static SecurityHeaderCheck Default { get; } = new();

    /// <summary>Every header problem of the response; <paramref name="target"/> defaults to its origin.</summary>
    public IReadOnlyList<Finding> Evaluate(HttpResponseView response, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var run = new Run(response, target ?? response.Origin);
        var html = response.MediaType is "text/html" or "application/xhtml+xml"
            || (response.MediaType.Length == 0 && ContentVerifier.LooksLikeHtml(response.Body.Span));
        var head = html ? HeadOf(response.Text) : "";
        var csp = response.HeaderValues("Content-Security-Policy").Where(v => v.Trim().Length > 0).ToList();
        if (html)
        {
            CheckCsp(run, csp, head);
            CheckFraming(run, csp);
            CheckReferrer(run, head);
            CheckPermissions(run);
        }

        if (response.IsHttps)
        {
            CheckHsts(run);
        }

        CheckNosniff(run);
        CheckDisclosure(run);
        CheckCookies(run);
        return run.Findings;
    }

    // Browsers read <meta http-equiv> policies only from the document head; 64 KB covers any real head.
    private static string HeadOf(string text)
    {
        var end = text.IndexOf("</head", StringComparison.OrdinalIgnoreCase);
        return end >= 0 ? text[..end] : text[..Math.Min(text.Length, 65536)];
    }

    private void CheckCsp(Run run, List<string> csp, string head)
    {
        var s = _policy[SecurityHeaderPolicy.Csp];
        if (!s.Enabled)
        {
            return;
        }

        var meta = MetaCsp().Matches(head).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups["v"].Value)).ToList();
        var policies = csp.Concat(meta).ToList();
        if (policies.Count == 0)
        {
            var reportOnly = run.Response.Header("Content-Security-Policy-Report-Only");
            run.Add(s.Severity, "header-csp-missing",
                language.Pick("页面未设置内容安全策略（Content-Security-Policy），无法限制脚本来源、缓解跨站脚本", "The page sets no Content-Security-Policy to restrict script sources and contain cross-site scripting"),
                reportOnly is null ? "(no Content-Security-Policy)" : $"Content-Security-Policy-Report-Only: {reportOnly} (report-only does not enforce)");
            return;
        }

        // Several policies all apply: a weakness counts only when every one of them has it.
        HashSet<string>? weak = null;
        foreach (var p in policies)
        {
            var issues = CspWeaknesses(p);
            weak = weak is null ? issues : [.. weak.Intersect(issues)];
        }

        if (weak is { Count: > 0 })
        {
            run.Add(s.WeakSeverity, "header-csp-weak",
                language.Pick($"内容安全策略过于宽松：{string.Join("、", weak)}", $"The Content-Security-Policy is too permissive: {string.Join(", ", weak)}"),
                $"Content-Security-Policy: {policies[0]}");
        }
    }

    /// <summary>What makes a CSP fail to stop injected script: unsafe keywords, wildcards, whole schemes.</summary>
    internal static HashSet<string> CspWeaknesses(string policy)
    {
        var directives = ParseCsp(policy);
        var issues = new HashSet<string>(StringComparer.Ordinal);
        var script = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        if (script is null)
        {
            issues.Add("no script-src/default-src");
            return issues;
        }

        // CSP level 2: a nonce or hash makes browsers ignore 'unsafe-inline'; 'strict-dynamic' ignores host lists.
        var hasNonce = script.Any(v => v.StartsWith("'nonce-", StringComparison.Ordinal) || v.StartsWith("'sha256-", StringComparison.Ordinal)
            || v.StartsWith("'sha384-", StringComparison.Ordinal) || v.StartsWith("'sha512-", StringComparison.Ordinal));
        var strictDynamic = script.Contains("'strict-dynamic'");
        if (script.Contains("'unsafe-inline'") && !hasNonce)
        {
            issues.Add("'unsafe-inline'");
        }

        if (script.Contains("'unsafe-eval'"))
        {
            issues.Add("'unsafe-eval'");
        }

        if (!strictDynamic && script.Any(v => v is "*" or "http:" or "https:" or "data:" or "blob:" or "*:"))
        {
            issues.Add("wildcard or scheme source in script-src");
        }

        var obj = directives.GetValueOrDefault("object-src") ?? directives.GetValueOrDefault("default-src");
        if (obj is not null && obj.Contains("*"))
        {
            issues.Add("object-src *");
        }

        return issues;
    }

    internal static Dictionary<string, List<string>> ParseCsp(string policy)
    {
        var directives = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var part in policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tokens = part.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            // The first occurrence of a directive wins; later duplicates are ignored, as browsers do.
            directives.TryAdd(tokens[0].ToLowerInvariant(), tokens.Skip(1).Select(t => t.ToLowerInvariant()).ToList());
        }

        return directives;
    }

    private void CheckFraming(Run run, List<string> csp)
    {
        var s = _policy[SecurityHeaderPolicy.FrameOptions];
        if (!s.Enabled)
        {
            return;
        }

        // frame-ancestors is honoured only in a header policy, never in <meta>.
        var ancestors = csp.Select(p => ParseCsp(p).GetValueOrDefault("frame-ancestors")).FirstOrDefault(a => a is not null);
        if (ancestors is not null)
        {
            if (ancestors.Contains("*") || ancestors.Contains("http:") || ancestors.Contains("https:"))
            {
                run.Add(s.WeakSeverity, "header-frame-weak",
                    language.Pick("frame-ancestors 允许任意网站嵌入本页面，存在点击劫持风险", "frame-ancestors lets any site frame the page (clickjacking)"),
                    "frame-ancestors " + string.Join(' ', ancestors));
            }

            return;
        }

        var xfo = run.Response.Header("X-Frame-Options");
        if (xfo is null)
        {
            run.Add(s.Severity, "header-frame-missing",
                language.Pick("页面未设置 X-Frame-Options 或 CSP frame-ancestors，可被其它网站嵌入（点击劫持）", "The page sets neither X-Frame-Options nor CSP frame-ancestors and can be framed by other sites (clickjacking)"),
                "(no X-Frame-Options)");
        }
        else if (xfo.Trim().ToUpperInvariant() is not ("DENY" or "SAMEORIGIN"))
        {
            run.Add(s.WeakSeverity, "header-frame-weak",
                language.Pick("X-Frame-Options 的取值无效（浏览器只认 DENY 与 SAMEORIGIN）", "X-Frame-Options has a value browsers ignore (only DENY and SAMEORIGIN count)"),
                $"X-Frame-Options: {xfo}");
        }
    }

    private void CheckReferrer(Run run, string head)
    {
        var s = _policy[SecurityHeaderPolicy.ReferrerPolicy];
        if (!s.Enabled)
        {
            return;
        }

        var value = run.Response.Header("Referrer-Policy") ?? MetaReferrer().Match(head) switch { { Success: true } m => m.Groups["v"].Value, _ => null };
        if (value is null)
        {
            run.Add(s.Severity, "header-referrer-missing",
                language.Pick("页面未设置 Referrer-Policy，访问外部链接时可能泄露带参数的完整地址", "The page sets no Referrer-Policy; full addresses with parameters may leak to other sites"),
                "(no Referrer-Policy)");
            return;
        }

        // The last policy a browser understands wins.
        var last = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()?.ToLowerInvariant();
        if (last is "unsafe-url")
        {
            run.Add(s.WeakSeverity, "header-referrer-weak",
                language.Pick("Referrer-Policy 为 unsafe-url，会把完整地址发给任何网站", "Referrer-Policy is unsafe-url and sends full addresses to every site"),
                $"Referrer-Policy: {value}");
        }
    }

    private void CheckPermissions(Run run)
    {
        var s = _policy[SecurityHeaderPolicy.PermissionsPolicy];
        if (s.Enabled && !run.Response.HasHeader("Permissions-Policy") && !run.Response.HasHeader("Feature-Policy"))
        {
            run.Add(s.Severity, "header-permissions-missing",
                language.Pick("页面未设置 Permissions-Policy，未限制摄像头、定位等浏览器功能", "The page sets no Permissions-Policy to restrict camera, geolocation and other browser features"),
                "(no Permissions-Policy)");
        }
    }

    private void CheckHsts(Run run)
    {
        var s = _policy[SecurityHeaderPolicy.Hsts];
        if (!s.Enabled)
        {
            return;
        }

        var hsts = run.Response.Header("Strict-Transport-Security");
        if (hsts is null)
        {
            run.Add(s.Severity, "header-hsts-missing",
                language.Pick("HTTPS 页面未设置 Strict-Transport-Security，访问者可被降级到明文 HTTP", "The HTTPS page sets no Strict-Transport-Security; visitors can be downgraded to plain HTTP"),
                "(no Strict-Transport-Security)");
            return;
        }

        var m = MaxAge().Match(hsts);
        if (!m.Success || !long.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age < _policy.HstsMinimumMaxAge)
        {
            run.Add(s.WeakSeverity, "header-hsts-weak",
                language.Pick($"Strict-Transport-Security 的 max-age 过短或无效（至少应为 {_policy.HstsMinimumMaxAge} 秒）", $"Strict-Transport-Security has a missing or too small max-age (at least {_policy.HstsMinimumMaxAge} seconds expected)"),
                $"Strict-Transport-Security: {hsts}");
        }
    }

    private void CheckNosniff(Run run)
    {
        var s = _policy[SecurityHeaderPolicy.ContentTypeOptions];
        if (!s.Enabled)
        {
            return;
        }

        var v = run.Response.Header("X-Content-Type-Options");
        if (v is null || !string.Equals(v.Trim(), "nosniff", StringComparison.OrdinalIgnoreCase))
        {
            run.Add(v is null ? s.Severity : s.WeakSeverity, "header-xcto-missing",
                language.Pick("未设置 X-Content-Type-Options: nosniff，浏览器可能把上传文件当作脚本执行", "X-Content-Type-Options: nosniff is not set; browsers may run uploaded files as script"),
                v is null ? "(no X-Content-Type-Options)" : $"X-Content-Type-Options: {v}");
        }
    }

    private void CheckDisclosure(Run run)
    {
        var server = _policy[SecurityHeaderPolicy.Server];
        if (server.Enabled && run.Response.Header("Server") is { } sv && VersionNumber().IsMatch(sv))
        {
            run.Add(server.Severity, "header-server-version",
                language.Pick("Server 响应头暴露了服务器软件版本", "The Server header discloses the server software version"), $"Server: {sv}");
        }

        var powered = _policy[SecurityHeaderPolicy.PoweredBy];
        if (powered.Enabled && run.Response.Header("X-Powered-By") is { Length: > 0 } pb)
        {
            run.Add(powered.Severity, "header-x-powered-by",
                language.Pick("X-Powered-By 响应头暴露了后端技术与版本", "The X-Powered-By header discloses the back-end technology and version"), $"X-Powered-By: {pb}");
        }

        var asp = _policy[SecurityHeaderPolicy.AspNetVersion];
        if (asp.Enabled)
        {
            foreach (var name in new[] { "X-AspNet-Version", "X-AspNetMvc-Version" })
            {
                if (run.Response.Header(name) is { Length: > 0 } v)
                {
                    run.Add(asp.Severity, "header-" + name.ToLowerInvariant(),
                        language.Pick($"{name} 响应头暴露了 ASP.NET 版本", $"The {name} header discloses the ASP.NET version"), $"{name}: {v}");
                }
            }
        }
    }

    private void CheckCookies(Run run)
    {
        var secure = _policy[SecurityHeaderPolicy.CookieSecure];
        var httpOnly = _policy[SecurityHeaderPolicy.CookieHttpOnly];
        var sameSite = _policy[SecurityHeaderPolicy.CookieSameSite];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in run.Response.HeaderValues("Set-Cookie"))
        {
            var parts = line.Split(';', StringSplitOptions.TrimEntries);
            var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? parts[0] : parts[0][..eq]).Trim();
            if (name.Length == 0 || !seen.Add(name))
            {
                continue;
            }

            var attrs = parts.Skip(1).Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
                .ToLookup(kv => kv[0].ToLowerInvariant(), kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);
            if (IsDeletion(attrs))
            {
                continue;
            }

            var missing = new List<string>();
            var severity = Severity.Info;
            var site = attrs["samesite"].FirstOrDefault()?.ToLowerInvariant();
            // GB/T 38249 7.4.4 a: a session cookie sent over plain HTTP or readable by injected script is a weakness.
            if (secure.Enabled && run.Response.IsHttps && !attrs.Contains("secure"))
            {
                missing.Add("Secure");
                severity = Max(severity, secure.Severity);
            }

            if (httpOnly.Enabled && !attrs.Contains("httponly"))
            {
                missing.Add("HttpOnly");
                severity = Max(severity, httpOnly.Severity);
            }

            if (sameSite.Enabled && site is not ("lax" or "strict" or "none"))
            {
                missing.Add("SameSite");
                severity = Max(severity, sameSite.Severity);
            }

            if (missing.Count > 0)
            {
                run.Add(severity, "cookie-flags",
                    language.Pick($"Cookie {name} 缺少 {string.Join("、", missing)} 属性", $"Cookie {name} lacks the {string.Join(", ", missing)} attribute{(missing.Count > 1 ? "s" : "")}"),
                    $"Set-Cookie: {line}");
            }
        }
    }

    // A cookie being cleared (Max-Age=0 or an expiry before 2000) carries no value worth protecting.
    private static bool IsDeletion(ILookup<string, string> attrs)
    {
        if (attrs["max-age"].FirstOrDefault() is { } age && long.TryParse(age, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n <= 0)
        {
            return true;
        }

        return attrs["expires"].FirstOrDefault() is { } exp
            && DateTimeOffset.TryParse(exp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) && when.Year < 2000;
    }

    private static Severity Max(Severity a, Severity b) => a > b ? a : b;

    [GeneratedRegex(@"<meta\s[^>]*http-equiv\s*=\s*[""']?Content-Security-Policy[""']?[^>]*\scontent\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MetaCsp();

    [GeneratedRegex(@"<meta\s[^>]*name\s*=\s*[""']?referrer[""']?[^>]*\scontent\s*=\s*[""']?(?<v>[\w-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MetaReferrer();

    [GeneratedRegex(@"(?:^|;)\s*max-age\s*=\s*""?(?<n>\d{1,18})""?\s*(?:;|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MaxAge();

    [GeneratedRegex(@"/\s*v?\d|\b\d+\.\d+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex VersionNumber();

    private sealed class Run(HttpResponseView response, string target)
    {
        public HttpResponseView Response { get; } = response;

        public List<Finding> Findings { get; } = [];

        public void Add(Severity severity, string rule, string message, string evidence)
        {
            Findings.Add(new Finding(Categories.VulnMissingHeader, severity, target, Response.Url.ToString(), null, null, rule, message, Finding.Excerpt(evidence)));
        }
    }
}
