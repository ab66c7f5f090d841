using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Html;
using GovGuard.Detection.Links;

namespace GovGuard.Detection.Scripts;

/// <summary>
/// Finds malicious scripts on a page (挂马): hidden or zero-size frames to other sites, obfuscated inline JavaScript
/// scored by features (packers, eval of decoders, escape runs, char-code lists, obfuscator identifiers), coin miners and
/// documented malicious hosts, redirects that fire only for visitors from search engines, top-window hijacks,
/// window.opener abuse, full-screen overlays and meta refreshes to other sites. Scores, not single string hits:
/// statistics snippets, minified libraries and CDN scripts stay quiet. Thread-safe: build once, use from every thread.
/// </summary>
// GB/T 38249 7.4.4 a: detect trojans, backdoors and malicious code on the website.
public sealed partial class MaliciousScriptDetector
{
    private readonly ScriptRuleSet _rules;
    private readonly LinkRuleSet _links;
    private readonly MaliciousScriptOptions _options;
    private readonly Regex _engines;

    /// <summary>Builds the detector.</summary>
    /// <param name="rules">Script hosts and search-engine words (rules/scripts).</param>
    /// <param name="links">Destination rules (rules/links): trusted hosts and risky top-level domains; none when null.</param>
    /// <param name="options">Thresholds; defaults when null.</param>
    public MaliciousScriptDetector(ScriptRuleSet rules, LinkRuleSet? links = null, MaliciousScriptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _links = links ?? LinkRuleSet.Empty;
        _options = options ?? MaliciousScriptOptions.Default;
        var words = rules.SearchEngines.Count > 0 ? rules.SearchEngines : ["baidu", "sogou", "so.com", "sm.cn", "google", "bing"];
        _engines = new Regex(string.Join('|', words.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
    }

    [GeneratedRegex(@"eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[rd]\s*\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Packer();

    [GeneratedRegex(@"(?<![\w$.])(?:eval|(?:new\s+)?Function|set(?:Timeout|Interval))\s*\(\s*(?:window\s*\.\s*)?(?:unescape|atob|decodeURIComponent|decodeURI|escape|String\s*\.\s*fromCharCode)\s*\(", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EvalOfDecoder();

    [GeneratedRegex(@"(?<![\w$.])eval\s*\(", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex DirectEval();

    [GeneratedRegex(@"\b_0x[0-9a-f]{4,6}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex HexIdentifier();

    [GeneratedRegex(@"fromCharCode\s*\(\s*(?:(?:0x[0-9a-f]+|\d+)\s*[,)]\s*){20}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex LongCharCodes();

    [GeneratedRegex(@"['""][A-Za-z0-9+/=%\\]{500,}['""]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex LongBlob();

    [GeneratedRegex(@"(?<![\w$.])(?:unescape|atob|decodeURIComponent|fromCharCode|charCodeAt)\s*\(", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Decoder();

    [GeneratedRegex(@"['""]\s*\+\s*['""]|['""]\s*\+\s*\w+\s*\+\s*['""]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Concatenation();

    [GeneratedRegex(@"(?:https?:)?//(?<host>[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,24})(?![a-z0-9-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex UrlHost();

    [GeneratedRegex(@"document\s*(?:\.\s*referrer|\[\s*['""]referrer['""]\s*\])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Referrer();

    [GeneratedRegex(@"\.\s*(?:indexOf|match|test|search|includes)\s*\(|RegExp\s*\(|/[^/\n]{2,80}/[gimsuy]*\s*\.\s*test", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"location\s*(?:\.\s*href\s*)?=(?!=)|location\s*\.\s*(?:replace|assign)\s*\(|window\s*\.\s*open\s*\(|document\s*\.\s*write|\.\s*src\s*=(?!=)|innerHTML\s*=|\bopen\s*\(", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Navigation();

    [GeneratedRegex(@"(?:window\s*\.\s*)?(?:top|parent)\s*\.\s*location(?:\s*\.\s*href)?\s*=(?!=)\s*(?<value>[^;\n]{1,200})|(?:top|parent)\s*\.\s*location\s*\.\s*(?:replace|assign)\s*\(\s*(?<value>[^)\n]{1,200})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex TopAssignment();

    [GeneratedRegex(@"\bopener\s*\.\s*location(?:\s*\.\s*href)?\s*=(?!=)|\bopener\s*\.\s*location\s*\.\s*(?:replace|assign)\s*\(|\bopener\s*\.\s*document\s*\.\s*write", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OpenerAbuse();

    [GeneratedRegex(@"<iframe\b[^>]{0,400}?\bsrc\s*=\s*\\?[""']?\s*(?<src>[^""'\s>\\]{1,400})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex WrittenFrame();

    [GeneratedRegex(@"document\s*\.\s*write(?:ln)?\s*\(|\.\s*(?:inner|outer)HTML\s*\+?=|insertAdjacentHTML\s*\(|createElement\s*\(\s*['""]iframe", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex Writer();

    [GeneratedRegex(@"coinhive\s*\.\s*(?:anonymous|user|token)|\bCRLT\s*\.\s*Anonymous|CoinImp\s*\.\s*Anonymous|\bdeepMiner\b|\bcryptonight\b|coinhive\.min\.js|authedmine|\bminer\s*\.\s*start\s*\(|new\s+Client\s*\.\s*Anonymous\s*\(", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex MinerCode();

    [GeneratedRegex(@"position\s*:\s*(?:fixed|absolute)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OverlayPosition();

    [GeneratedRegex(@"(?:width\s*:\s*100(?:%|vw)|\.width\s*=\s*['""]100(?:%|vw))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OverlayWidth();

    [GeneratedRegex(@"(?:height\s*:\s*100(?:%|vh)|\.height\s*=\s*['""]100(?:%|vh))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OverlayHeight();

    [GeneratedRegex(@"z-?index\s*[:=]\s*['""]?\d{4,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 2000)]
    private static partial Regex OverlayZ();

    /// <summary>Findings for one page: one per rule, with the strongest evidence.</summary>
    public IReadOnlyList<Finding> Detect(HtmlPage page, string target, MessageLanguage lang = MessageLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        var report = new Report();
        foreach (var frame in page.Frames)
        {
            CheckFrame(page, frame, report);
        }

        foreach (var script in page.Scripts)
        {
            if (script.Url is { } src)
            {
                CheckHost(src.IdnHost, HtmlPage.StartTag(script.Element), report);
            }
            else if (script.IsJavaScript && script.Text.Length > 0)
            {
                CheckInline(page, script, report);
            }
        }

        foreach (var r in page.Resources)
        {
            if (r.Kind is ResourceKind.Image or ResourceKind.Embed or ResourceKind.Stylesheet)
            {
                CheckHost(r.Url.IdnHost, r.Raw, report);
            }
        }

        CheckOverlays(page, report);
        if (page.Refresh is { Url: { } refresh } meta && IsForeign(page, refresh))
        {
            var severity = IsRisky(refresh.IdnHost) || meta.DelaySeconds <= 3 ? Severity.High : Severity.Medium;
            report.Add("meta-refresh-external", severity, $"<meta http-equiv=\"refresh\" content=\"{meta.Content}\">", refresh.IdnHost);
        }

        return report.ToFindings(page, target, lang);
    }

    /// <summary>The obfuscation score of one script (for tests and tools); the page checks use it for inline code.</summary>
    public ScriptVerdict Score(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var text = script.Length > _options.MaxScriptChars ? script[.._options.MaxScriptChars] : script;
        var features = new List<string>();
        int score = 0;
        string decoded = text;
        try
        {
            decoded = ScriptText.Decode(text);
            if (Packer().IsMatch(text))
            {
                score += 8;
                features.Add("packer");
            }

            if (EvalOfDecoder().IsMatch(text) || EvalOfDecoder().IsMatch(decoded))
            {
                score += 6;
                features.Add("eval-of-decoder");
            }

            int hexIds = HexIdentifier().Count(text);
            if (hexIds >= 20)
            {
                score += 6;
                features.Add("hex-identifiers");
            }
            else if (hexIds >= 5)
            {
                score += 3;
                features.Add("hex-identifiers");
            }

            var (escapes, run) = ScriptText.Escapes(text);
            if (run >= 40)
            {
                score += 4;
                features.Add("escape-run");
            }
            else if (escapes >= 200)
            {
                score += 2;
                features.Add("many-escapes");
            }

            if (LongCharCodes().IsMatch(text))
            {
                score += 4;
                features.Add("char-code-list");
            }

            if (LongBlob().IsMatch(text))
            {
                score += 3;
                features.Add("encoded-blob");
            }

            if (DirectEval().IsMatch(text))
            {
                score += 2;
                features.Add("eval");
            }

            int decoders = Decoder().Count(text);
            if (decoders >= 3)
            {
                score += 1;
                features.Add("decoders");
            }

            int joins = Concatenation().Count(text);
            if (joins >= 50 && joins * 200 > text.Length)
            {
                score += 2;
                features.Add("string-splitting");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A script that defeats a bounded regex is itself suspicious.
            score += 4;
            features.Add("pathological");
        }

        // Statistics snippets (cnzz writes its tag through unescape) only ever name benign hosts.
        if (score is > 0 and < 8 && OnlyBenignHosts(decoded))
        {
            score = 0;
            features.Clear();
        }

        return new ScriptVerdict(score, features, decoded);
    }

    private void CheckFrame(HtmlPage page, PageFrame frame, Report report)
    {
        if (frame.Url is not { } url)
        {
            return;
        }

        var host = url.IdnHost;
        if (CheckHost(host, HtmlPage.Snippet(frame.Element), report) || !IsForeign(page, url) || frame.Hiding is not { } h)
        {
            return;
        }

        var severity = IsRisky(host) ? Severity.Critical : Severity.High;
        var evidence = h.ByAncestor ? HtmlPage.StartTag(h.Element) + HtmlPage.Snippet(frame.Element) : HtmlPage.Snippet(frame.Element);
        report.Add("hidden-iframe", severity, evidence, $"{host} ({h.Declaration})");
    }

    /// <summary>Reports a miner or malware host; true when it did.</summary>
    private bool CheckHost(string host, string evidence, Report report)
    {
        if (_rules.MinerHosts.Match(host) is { } miner)
        {
            report.Add("known-miner", Severity.Critical, evidence, miner);
            return true;
        }

        if (_rules.MalwareHosts.Match(host) is { } bad)
        {
            report.Add("malware-host", Severity.Critical, evidence, bad);
            return true;
        }

        return false;
    }

    private void CheckInline(HtmlPage page, PageScript script, Report report)
    {
        var verdict = Score(script.Text);
        var decoded = verdict.Decoded;
        try
        {
            foreach (Match m in UrlHost().Matches(decoded))
            {
                CheckHost(m.Groups["host"].Value, Excerpt(decoded, m.Index), report);
            }

            if (MinerCode().Match(decoded) is { Success: true } miner)
            {
                report.Add("known-miner", Severity.Critical, Excerpt(decoded, miner.Index), miner.Value);
            }

            if (verdict.Score >= _options.ObfuscationScore)
            {
                var rule = verdict.Features.Contains("packer") ? "js-packer" : "obfuscated-js";
                var severity = verdict.Score >= _options.HighObfuscationScore ? Severity.High : Severity.Medium;
                report.Add(rule, severity, Excerpt(script.Text, 0), string.Join(", ", verdict.Features) + string.Create(CultureInfo.InvariantCulture, $" (score {verdict.Score})"));
            }

            CheckReferrer(page, decoded, report);
            CheckTop(page, decoded, report);
            if (OpenerAbuse().Match(decoded) is { Success: true } opener)
            {
                report.Add("opener-abuse", Severity.High, Excerpt(decoded, opener.Index), opener.Value);
            }

            if (Writer().IsMatch(decoded))
            {
                foreach (Match m in WrittenFrame().Matches(decoded))
                {
                    if (HtmlPage.Resolve(page.Url, m.Groups["src"].Value) is { } url && IsForeign(page, url) && !CheckHost(url.IdnHost, Excerpt(decoded, m.Index), report))
                    {
                        report.Add("script-injected-iframe", IsRisky(url.IdnHost) ? Severity.Critical : Severity.High, Excerpt(decoded, m.Index), url.IdnHost);
                    }
                }
            }

            if (OverlayPosition().IsMatch(decoded) && OverlayWidth().IsMatch(decoded) && OverlayHeight().IsMatch(decoded) && OverlayZ().IsMatch(decoded)
                && ForeignHosts(page, decoded).FirstOrDefault() is { } overlayHost)
            {
                report.Add("fullscreen-overlay", Severity.High, Excerpt(decoded, OverlayPosition().Match(decoded).Index), overlayHost);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Scored above; nothing more is read from a pathological script.
        }
    }

    private void CheckReferrer(HtmlPage page, string decoded, Report report)
    {
        var referrer = Referrer().Match(decoded);
        if (!referrer.Success || !Comparison().IsMatch(decoded) || !Navigation().IsMatch(decoded))
        {
            return;
        }

        // Benign hosts (hm.baidu.com) name an engine without testing the referrer against it.
        var withoutBenign = UrlHost().Replace(decoded, m => _rules.BenignHosts.Contains(m.Groups["host"].Value) ? "" : m.Value);
        var engine = _engines.Match(withoutBenign);
        if (!engine.Success)
        {
            return;
        }

        var destination = ForeignHosts(page, decoded).FirstOrDefault();
        var severity = destination is not null && IsRisky(destination) ? Severity.Critical : Severity.High;
        report.Add("referrer-redirect", severity, Excerpt(decoded, referrer.Index), engine.Value + (destination is null ? "" : " → " + destination));
    }

    private void CheckTop(HtmlPage page, string decoded, Report report)
    {
        foreach (Match m in TopAssignment().Matches(decoded))
        {
            var value = m.Groups["value"].Value.Trim();
            // Frame busting (top.location = self.location) keeps the site's own page on top: legitimate.
            var literal = UrlHost().Match(value);
            if (!literal.Success)
            {
                continue;
            }

            var host = literal.Groups["host"].Value;
            if (HtmlPage.Resolve(page.Url, "//" + host + "/") is { } url && IsForeign(page, url))
            {
                report.Add("top-location-hijack", IsRisky(host) ? Severity.Critical : Severity.High, Excerpt(decoded, m.Index), host);
                return;
            }
        }
    }

    /// <summary>Elements laid over the whole window (fixed, full width and height, high z-index) that lead to other sites.</summary>
    private void CheckOverlays(HtmlPage page, Report report)
    {
        var checkedElements = new HashSet<IElement>();
        IEnumerable<(IElement Element, Uri? Url)> leads = page.Links.Select(l => (l.Element, l.Url)).Concat(page.Frames.Select(f => (f.Element, f.Url)));
        foreach (var (element, url) in leads)
        {
            if (url is null || !IsForeign(page, url))
            {
                continue;
            }

            for (var e = element; e is not null; e = e.ParentElement)
            {
                if (!checkedElements.Add(e))
                {
                    break;
                }

                if (IsOverlay(page.StyleOf(e)))
                {
                    report.Add("fullscreen-overlay", IsRisky(url.IdnHost) ? Severity.Critical : Severity.High, HtmlPage.StartTag(e) + HtmlPage.Snippet(element), url.IdnHost);
                    break;
                }
            }
        }
    }

    private static bool IsOverlay(ElementStyle s)
    {
        if (s[CssProperty.Position] is not ("fixed" or "absolute"))
        {
            return false;
        }

        bool wide = Covers(s[CssProperty.Width], 1000) || (s[CssProperty.Left] is "0" or "0px" && s[CssProperty.Right] is "0" or "0px");
        bool tall = Covers(s[CssProperty.Height], 600) || (s[CssProperty.Top] is "0" or "0px" && s[CssProperty.Bottom] is "0" or "0px");
        bool onTop = int.TryParse(s[CssProperty.ZIndex], NumberStyles.Integer, CultureInfo.InvariantCulture, out var z) && z >= 1000;
        return wide && tall && onTop;

        static bool Covers(string? length, double px) =>
            (CssValues.TryLength(length, out var v, out var pct) && (pct ? v >= 100 : v >= px)) || length is "100vw" or "100vh";
    }

    private IEnumerable<string> ForeignHosts(HtmlPage page, string decoded)
    {
        foreach (Match m in UrlHost().Matches(decoded))
        {
            var host = m.Groups["host"].Value;
            if (HtmlPage.Resolve(page.Url, "//" + host + "/") is { } url && IsForeign(page, url))
            {
                yield return host.ToLowerInvariant();
            }
        }
    }

    private bool OnlyBenignHosts(string decoded)
    {
        bool any = false;
        foreach (Match m in UrlHost().Matches(decoded))
        {
            any = true;
            if (!_rules.BenignHosts.Contains(m.Groups["host"].Value))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>Another site that is neither benign nor trusted.</summary>
    private bool IsForeign(HtmlPage page, Uri url) =>
        !HostNames.SameSite(page.Url, url) && !_rules.BenignHosts.Contains(url.IdnHost) && !_links.TrustedHosts.Contains(url.IdnHost);

    private bool IsRisky(string host) => _links.TldWeight(host) > 0 || HostNames.LooksRandom(host);

    private static string Excerpt(string text, int at)
    {
        int from = Math.Max(0, at - 40);
        int to = Math.Min(text.Length, at + 260);
        return Finding.Excerpt(text.AsSpan(from, to - from).Trim());
    }

    /// <summary>Findings gathered per rule: the worst severity, the first evidence, every distinct detail.</summary>
    private sealed class Report
    {
        private readonly Dictionary<string, (Severity Severity, string Evidence, SortedSet<string> Details)> _byRule = new(StringComparer.Ordinal);

        public void Add(string rule, Severity severity, string evidence, string detail)
        {
            if (!_byRule.TryGetValue(rule, out var entry))
            {
                entry = (severity, evidence, new SortedSet<string>(StringComparer.Ordinal));
            }
            else if (severity > entry.Severity)
            {
                entry = (severity, evidence, entry.Details);
            }

            entry.Details.Add(detail);
            _byRule[rule] = entry;
        }

        public List<Finding> ToFindings(HtmlPage page, string target, MessageLanguage lang) =>
            _byRule.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
            {
                var (zh, en) = Sentence(kv.Key);
                var details = string.Join("; ", kv.Value.Details.Take(5)) + (kv.Value.Details.Count > 5 ? " …" : "");
                var message = lang.Pick($"{zh}：{details}", $"{en}: {details}.");
                return new Finding(Categories.ContentMaliciousScript, kv.Value.Severity, target, page.Url.AbsoluteUri, null, null,
                    kv.Key, message, Finding.Excerpt(kv.Value.Evidence));
            }).ToList();

        private static (string Zh, string En) Sentence(string rule) => rule switch
        {
            "hidden-iframe" => ("页面含有指向其他网站的隐藏或零尺寸框架", "The page holds a hidden or zero-size frame from another site"),
            "script-injected-iframe" => ("脚本向页面写入指向其他网站的框架", "A script writes a frame from another site into the page"),
            "known-miner" => ("页面加载浏览器挖矿脚本", "The page loads a browser coin miner"),
            "malware-host" => ("页面加载已公开记录的恶意脚本主机上的资源", "The page loads from a host documented as serving malicious scripts"),
            "obfuscated-js" => ("页面含有混淆的 JavaScript", "The page carries obfuscated JavaScript"),
            "js-packer" => ("页面含有经打包器（eval(function(p,a,c,k,e,d)）混淆的 JavaScript", "The page carries JavaScript hidden by a packer (eval(function(p,a,c,k,e,d))"),
            "referrer-redirect" => ("脚本只对来自搜索引擎的访客跳转或改写页面", "A script redirects or rewrites the page only for visitors coming from search engines"),
            "top-location-hijack" => ("脚本把顶层窗口导向其他网站", "A script sends the top window to another site"),
            "opener-abuse" => ("脚本通过 window.opener 改写打开本页的窗口", "A script rewrites the opening window through window.opener"),
            "fullscreen-overlay" => ("页面被指向其他网站的全屏覆盖层遮盖", "A full-window overlay leading to another site covers the page"),
            "meta-refresh-external" => ("页面通过 meta refresh 自动跳转到其他网站", "The page sends visitors to another site with a meta refresh"),
            _ => ("页面含有恶意脚本", "The page carries a malicious script"),
        };
    }
}
