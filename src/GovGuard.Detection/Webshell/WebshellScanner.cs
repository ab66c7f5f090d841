using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Webshell;

/// <summary>Settings of a web-root scan.</summary>
public sealed record WebshellScanOptions
{
    /// <summary>The directory as the user named it; becomes every finding's <c>target</c>.</summary>
    public string Target { get; init; } = ".";

    public MessageLanguage Language { get; init; } = MessageLanguage.Chinese;

    /// <summary>Bytes of a file that are scored; a longer file is scored on its first part and reported as partial.</summary>
    public int MaxBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The score from which a file is reported (medium); 10 and up is high, 15 and up critical.</summary>
    public int ReportScore { get; init; } = 8;
}

/// <summary>One technique found in a file, with where its strongest match starts.</summary>
public sealed record WebshellHit(string RuleId, int Weight, int Offset, string MessageZh, string MessageEn);

/// <summary>The scorer's judgement of one file.</summary>
public sealed record WebshellVerdict(int Score, IReadOnlyList<WebshellHit> Hits, ScriptKind Kind, string? Skipped)
{
    public static WebshellVerdict Skip(string why) => new(0, [], ScriptKind.None, why);
}

/// <summary>
/// Scores web-root files for webshells and backdoors (GB/T 38249 7.4.4 a: detect trojans and
/// backdoors): request input reaching code-execution sinks, obfuscation, hidden function names,
/// encrypted payload loaders, password gates, uploaders, code hidden in images and server settings
/// that run data files as code. Files are read, never executed. Thread-safe: one instance serves all threads.
/// </summary>
public sealed partial class WebshellScanner(WebshellRuleSet rules, WebshellScanOptions options)
{
    // A guard against pathological input; tight budgets make results depend on machine load.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    // PHP names that a backdoor hides behind string tricks; a decoded literal equal to one is a strong sign.
    private static readonly HashSet<string> HiddenNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "eval", "assert", "system", "exec", "passthru", "shell_exec", "popen", "proc_open", "pcntl_exec",
        "create_function", "call_user_func", "call_user_func_array", "base64_decode", "gzinflate", "gzuncompress",
        "str_rot13", "_POST", "_GET", "_REQUEST", "_COOKIE", "GLOBALS", "file_put_contents", "preg_replace",
        "array_map", "move_uploaded_file", "fwrite", "fputs", "php://input", "getallheaders",
    };

    private static readonly SearchValues<string> ImageCodeMarkers =
        SearchValues.Create(["<?php", "<?=", "<%@", "<%=", "<%eval", "<%execute", "__halt_compiler", "<script language=\"php\""], StringComparison.OrdinalIgnoreCase);

    /// <summary>What a file is scanned as, from its name (and, for unknown names, its first bytes).</summary>
    public static ScriptKind KindOf(string relativePath, ReadOnlySpan<byte> head, out bool image)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        image = false;
        var name = relativePath[(relativePath.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (name is ".htaccess" or ".user.ini" or "php.ini" or "web.config" or ".htaccess.bak")
        {
            return ScriptKind.Config;
        }

        var ext = Path.GetExtension(name).TrimStart('.');
        switch (ext)
        {
            case "php" or "php3" or "php4" or "php5" or "php7" or "php8" or "phtml" or "pht" or "phps" or "phar" or "inc" or "module" or "tpl":
                return ScriptKind.Php;
            case "jsp" or "jspx" or "jspf" or "jsw" or "jsv" or "jhtml":
                return ScriptKind.Jsp;
            case "asp" or "aspx" or "asa" or "cer" or "cdx" or "ashx" or "asmx" or "ascx" or "soap" or "cshtml" or "vbhtml":
                return ScriptKind.Asp;
            case "jpg" or "jpeg" or "png" or "gif" or "bmp" or "ico" or "webp" or "tif" or "tiff" or "svg":
                image = true;
                return ScriptKind.None;
        }

        // A PHP file under another name still runs when included: recognise it by its opening tag.
        var start = head;
        if (start.StartsWith("\xEF\xBB\xBF"u8))
        {
            start = start[3..];
        }

        start = start.TrimStart(" \t\r\n"u8);
        return start.Length >= 5 && Ascii.EqualsIgnoreCase(start[..5], "<?php"u8) ? ScriptKind.Php : ScriptKind.None;
    }

    /// <summary>Scores one file. <paramref name="partial"/> says the content is only the start of a longer file.</summary>
    public WebshellVerdict Score(string relativePath, ReadOnlySpan<byte> content, bool partial = false)
    {
        var kind = KindOf(relativePath, content[..Math.Min(content.Length, 64)], out var image);
        if (content.Length > options.MaxBytes)
        {
            content = content[..options.MaxBytes];
            partial = true;
        }

        if (content.IsEmpty)
        {
            return WebshellVerdict.Skip("empty");
        }

        if (!partial && rules.BenignSha256.Count > 0)
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(content, hash);
            if (rules.BenignSha256.Contains(Convert.ToHexStringLower(hash)))
            {
                return WebshellVerdict.Skip("known benign (SHA-256 whitelist)");
            }
        }

        var hits = new List<WebshellHit>();
        var codeStart = 0;
        if (image)
        {
            // Code in an image runs once a parsing flaw, an include or a .htaccess trick hands it to PHP.
            var text0 = Encoding.Latin1.GetString(content);
            var at = text0.AsSpan().IndexOfAny(ImageCodeMarkers);
            if (at < 0)
            {
                return WebshellVerdict.Skip("image without code");
            }

            var marker = text0.AsSpan(at);
            var php = marker.StartsWith("<?php", StringComparison.OrdinalIgnoreCase) || marker.StartsWith("<script", StringComparison.OrdinalIgnoreCase);
            var halt = marker.StartsWith("__halt", StringComparison.OrdinalIgnoreCase);
            kind = php || halt || marker.StartsWith("<?=", StringComparison.Ordinal) ? ScriptKind.Php : ScriptKind.Asp | ScriptKind.Jsp;
            hits.Add(php
                ? new WebshellHit("image-embedded-php", 10, at, "图片文件中藏有 PHP 代码", "PHP code is hidden inside an image file")
                : halt
                    ? new WebshellHit("image-phar-polyglot", 8, at, "图片文件同时是 PHAR 归档（可被反序列化利用）", "The image is also a PHAR archive (abusable through deserialisation)")
                    : new WebshellHit("image-embedded-script", 4, at, "图片文件中含有脚本标记", "The image file carries script tags"));
            codeStart = at;
        }
        else if (kind == ScriptKind.None)
        {
            return WebshellVerdict.Skip("not a script");
        }
        else if (content[..Math.Min(content.Length, 8192)].Contains((byte)0))
        {
            return WebshellVerdict.Skip("binary");
        }

        var text = Encoding.Latin1.GetString(content[codeStart..]);
        RunRules(text, kind, codeStart, hits);
        if ((kind & ScriptKind.Php) != 0)
        {
            PhpFeatures(text, codeStart, hits);
        }

        if (kind != ScriptKind.Config)
        {
            BlobFeatures(text, codeStart, hits);
        }

        // Each technique counts once, at its strongest match.
        var distinct = hits.GroupBy(h => h.RuleId, StringComparer.Ordinal).Select(g => g.MaxBy(h => h.Weight)!)
            .OrderByDescending(h => h.Weight).ThenBy(h => h.Offset).ToList();
        return new WebshellVerdict(distinct.Sum(h => h.Weight), distinct, kind, partial ? "partial" : null);
    }

    /// <summary>The finding for a file, or null when its score stays below the report threshold.</summary>
    public Finding? ToFinding(string relativePath, WebshellVerdict verdict, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.Score < options.ReportScore || verdict.Hits.Count == 0)
        {
            return null;
        }

        var top = verdict.Hits[0];
        var severity = verdict.Score >= 15 ? Severity.Critical : verdict.Score >= 10 ? Severity.High : Severity.Medium;
        var ruleIds = string.Join('+', verdict.Hits.Take(3).Select(h => h.RuleId));
        var offset = Math.Min(top.Offset, Math.Max(0, content.Length - 1));
        var line = content[..offset].Count((byte)'\n') + 1;
        var reasons = string.Join(options.Language.Pick("；", "; "), verdict.Hits.Take(3).Select(h => options.Language.Pick(h.MessageZh, h.MessageEn)));
        var message = options.Language.Pick(
            $"疑似网站后门（评分 {verdict.Score}）：{reasons}{(verdict.Skipped == "partial" ? "（文件过大，仅扫描了开头部分）" : string.Empty)}",
            $"Likely webshell (score {verdict.Score}): {reasons}{(verdict.Skipped == "partial" ? " (file too large, only its start was scanned)" : string.Empty)}");
        return new Finding(Categories.WebshellFile, severity, options.Target, null, relativePath, line, ruleIds, message,
            Excerpt(content, offset));
    }

    /// <summary>Scores and, when it reaches the threshold, reports one file.</summary>
    public (Finding? Finding, WebshellVerdict Verdict) Scan(string relativePath, ReadOnlySpan<byte> content, bool partial = false)
    {
        var verdict = Score(relativePath, content, partial);
        return (ToFinding(relativePath, verdict, content), verdict);
    }

    private static string Excerpt(ReadOnlySpan<byte> content, int offset)
    {
        var lineStart = content[..offset].LastIndexOf((byte)'\n') + 1;
        var from = Math.Max(lineStart, offset - 80);
        var rest = content[from..];
        var end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            end = rest.Length;
        }

        var bytes = rest[..Math.Min(end, 240)];
        return Encoding.UTF8.GetString(bytes).Trim().Replace('\uFFFD', '?');
    }

    private void RunRules(string text, ScriptKind kind, int baseOffset, List<WebshellHit> hits)
    {
        if (text.AsSpan().IndexOfAny(rules.Anchors) < 0)
        {
            return;
        }

        var present = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules.Rules)
        {
            if ((rule.Kinds & kind) == 0)
            {
                continue;
            }

            var any = false;
            foreach (var k in rule.Keywords)
            {
                if (!present.TryGetValue(k, out var has))
                {
                    has = text.Contains(k, StringComparison.OrdinalIgnoreCase);
                    present[k] = has;
                }

                if (has)
                {
                    any = true;
                    break;
                }
            }

            if (!any)
            {
                continue;
            }

            try
            {
                var m = rule.Pattern.Match(text);
                if (m.Success && (rule.With?.IsMatch(text) ?? true) && (rule.With2?.IsMatch(text) ?? true))
                {
                    hits.Add(new WebshellHit(rule.Id, rule.Weight, baseOffset + m.Index, rule.MessageZh, rule.MessageEn));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological file: this technique is not judged; the others still are.
            }
        }
    }
}
