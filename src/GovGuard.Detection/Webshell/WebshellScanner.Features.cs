using System.Text;
using System.Text.RegularExpressions;

namespace GovGuard.Detection.Webshell;

/// <summary>Techniques that need more than one regex: taint through variables, decoded literals, blobs and entropy.</summary>
public sealed partial class WebshellScanner
{
    private const int Ms = 250;

    [GeneratedRegex(@"\$(\w+)\s*(?:\[[^\]\r\n]{0,40}\]\s*)?\.?=(?![=>])\s*([^;]{0,400})", RegexOptions.CultureInvariant, Ms)]
    private static partial Regex Assignment();

    [GeneratedRegex(WebshellRuleSet.PhpSource, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Ms)]
    private static partial Regex PhpSourceRegex();

    [GeneratedRegex(@"\$(\w+)", RegexOptions.CultureInvariant, Ms)]
    private static partial Regex VariableRef();

    [GeneratedRegex(@"(?:['""][^'""\\\r\n]{0,16}['""]\s*\.\s*){1,12}['""][^'""\\\r\n]{0,16}['""]", RegexOptions.CultureInvariant, Ms)]
    private static partial Regex ConcatenatedLiterals();

    [GeneratedRegex(@"\b(str_rot13|strrev|base64_decode|hex2bin)\s*\(\s*['""]([^'""\r\n]{2,80})['""]\s*\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Ms)]
    private static partial Regex TransformedLiteral();

    [GeneratedRegex(@"(?:\bchr\s*\(\s*(?:0x[0-9a-f]+|\d+)\s*\)\s*\.\s*){2,}\bchr\s*\(\s*(?:0x[0-9a-f]+|\d+)\s*\)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Ms)]
    private static partial Regex ChrChain();

    [GeneratedRegex(@"(?:0x[0-9a-f]+|\d+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Ms)]
    private static partial Regex Number();

    [GeneratedRegex(@"""((?:\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|[^""\\\r\n]){2,80})""", RegexOptions.CultureInvariant, Ms)]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"\\x[0-9a-fA-F]{2}|\\[0-7]{3}", RegexOptions.CultureInvariant, Ms)]
    private static partial Regex Escape();

    [GeneratedRegex(@"function\s+(\w+)\s*\(\s*\$(\w+)[^)]*\)\s*\{[^}]{0,300}?(?<![\w>:$])(?:eval|assert|system|passthru|shell_exec|popen|proc_open|exec|create_function|call_user_func(?:_array)?)\s*\([^;]{0,120}?\$\2\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Ms)]
    private static partial Regex WrappedSink();

    [GeneratedRegex(@"[A-Za-z0-9+/]{400,}={0,2}", RegexOptions.CultureInvariant, Ms)]
    private static partial Regex Base64Run();

    [GeneratedRegex(@"(?:\\x[0-9a-fA-F]{2}){60,}|['""][0-9a-fA-F]{400,}['""]", RegexOptions.CultureInvariant, Ms)]
    private static partial Regex HexRun();

    private static void PhpFeatures(string text, int baseOffset, List<WebshellHit> hits)
    {
        try
        {
            Taint(text, baseOffset, hits);
            HiddenNamesIn(text, baseOffset, hits);
            var wrapped = WrappedSink().Match(text);
            if (wrapped.Success)
            {
                var name = Regex.Escape(wrapped.Groups[1].Value);
                var call = new Regex(@"\b" + name + @"\s*\([^;]{0,200}?" + WebshellRuleSet.PhpSource, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, Budget);
                if (call.Match(text) is { Success: true } c)
                {
                    hits.Add(new WebshellHit("php-wrapped-sink", 12, baseOffset + c.Index,
                        "把请求输入传给内部调用执行函数的自定义函数", "Request input is passed to a user function that runs it"));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: these techniques are not judged; the rules that ran still count.
        }
    }

    /// <summary>Variables assigned from request input (over up to three hops), then used as code, command, callback or include.</summary>
    private static void Taint(string text, int baseOffset, List<WebshellHit> hits)
    {
        if (!PhpSourceRegex().IsMatch(text))
        {
            return;
        }

        var tainted = new HashSet<string>(StringComparer.Ordinal);
        var assignments = new List<(string Name, string Rhs)>();
        foreach (Match m in Assignment().Matches(text))
        {
            assignments.Add((m.Groups[1].Value, m.Groups[2].Value));
            if (assignments.Count > 5000)
            {
                break;
            }
        }

        for (var round = 0; round < 3; round++)
        {
            var grew = false;
            foreach (var (name, rhs) in assignments)
            {
                if (name is "this" || tainted.Contains(name))
                {
                    continue;
                }

                var fromSource = PhpSourceRegex().IsMatch(rhs);
                if (!fromSource && tainted.Count > 0)
                {
                    foreach (Match v in VariableRef().Matches(rhs))
                    {
                        if (tainted.Contains(v.Groups[1].Value))
                        {
                            fromSource = true;
                            break;
                        }
                    }
                }

                if (fromSource)
                {
                    tainted.Add(name);
                    grew = true;
                }
            }

            if (!grew)
            {
                break;
            }
        }

        if (tainted.Count == 0)
        {
            return;
        }

        var names = string.Join('|', tainted.Take(200).Select(Regex.Escape));
        var opts = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
        Probe(@"(?<![\w>:$])(?:eval|assert|system|passthru|shell_exec|popen|proc_open|pcntl_exec|create_function|exec)\s*\([^;]{0,200}?\$(?:" + names + @")\b",
            "php-tainted-sink", 12, "请求输入经变量传入代码或命令执行函数", "Request input reaches a code or command execution function through a variable");
        Probe(@"(?<![\w>:])\$(?:" + names + @")\s*(?:\[[^\]]{0,40}\]\s*)?\(",
            "php-tainted-call", 12, "以请求输入作为函数名调用（可变函数后门）", "Request input is called as a function name (variable-function backdoor)");
        Probe(@"(?<![\w>:$])(?:call_user_func(?:_array)?|array_map|register_shutdown_function|register_tick_function|ob_start|forward_static_call(?:_array)?)\s*\(\s*\$(?:" + names + @")\b|(?<![\w>:$])(?:array_filter|usort|uasort|uksort|array_walk|array_reduce|preg_replace_callback|iterator_apply)\s*\([^,;]{1,200},\s*\$(?:" + names + @")\b",
            "php-tainted-callback", 12, "请求输入被用作回调函数", "Request input is used as a callback function");
        Probe(@"\b(?:include|require)(?:_once)?\s*\(?\s*\$(?:" + names + @")\b",
            "php-tainted-include", 8, "包含由请求输入决定的文件", "A file named by request input is included");

        void Probe(string pattern, string id, int weight, string zh, string en)
        {
            var m = new Regex(pattern, opts, Budget).Match(text);
            if (m.Success)
            {
                hits.Add(new WebshellHit(id, weight, baseOffset + m.Index, zh, en));
            }
        }
    }

    /// <summary>Function names built from pieces so that no scanner sees "assert": 'as'.'sert', str_rot13('nffreg'), chr(101).chr(118)…, "\x65\x76al".</summary>
    private static void HiddenNamesIn(string text, int baseOffset, List<WebshellHit> hits)
    {
        const string Zh = "用字符串拼接、编码或转义隐藏了危险函数名";
        const string En = "A dangerous function name is hidden by string splitting, encoding or escapes";
        foreach (Match m in ConcatenatedLiterals().Matches(text))
        {
            var joined = new StringBuilder();
            foreach (var part in m.Value.Split('.'))
            {
                joined.Append(part.Trim().Trim('\'', '"'));
            }

            if (joined.Length >= 4 && HiddenNames.Contains(joined.ToString()) && m.Value.Count(c => c == '.') >= 1)
            {
                hits.Add(new WebshellHit("php-hidden-function-name", 10, baseOffset + m.Index, Zh, En));
                return;
            }
        }

        foreach (Match m in TransformedLiteral().Matches(text))
        {
            var arg = m.Groups[2].Value;
            var decoded = m.Groups[1].Value.ToLowerInvariant() switch
            {
                "str_rot13" => Rot13(arg),
                "strrev" => new string(arg.Reverse().ToArray()),
                "base64_decode" => TryBase64(arg),
                _ => TryHex(arg),
            };
            if (decoded is not null && HiddenNames.Contains(decoded.Trim()))
            {
                hits.Add(new WebshellHit("php-hidden-function-name", 10, baseOffset + m.Index, Zh, En));
                return;
            }
        }

        var chains = 0;
        foreach (Match m in ChrChain().Matches(text))
        {
            var sb = new StringBuilder();
            foreach (Match n in Number().Matches(m.Value))
            {
                var v = n.Value.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? Convert.ToInt32(n.Value[2..], 16)
                    : int.TryParse(n.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0;
                sb.Append((char)(v & 0xFF));
            }

            chains++;
            if (HiddenNames.Contains(sb.ToString()))
            {
                hits.Add(new WebshellHit("php-hidden-function-name", 10, baseOffset + m.Index, Zh, En));
                return;
            }

            if (sb.Length >= 6 || chains >= 3)
            {
                hits.Add(new WebshellHit("php-chr-chain", 3, baseOffset + m.Index, "用 chr() 逐字拼出字符串", "Strings are spelled out character by character with chr()"));
            }
        }

        var escapes = 0;
        foreach (Match m in DoubleQuoted().Matches(text))
        {
            var body = m.Groups[1].Value;
            var count = Escape().Count(body);
            if (count < 2)
            {
                continue;
            }

            escapes += count;
            var decoded = Unescape(body);
            if (HiddenNames.Contains(decoded) || HiddenNames.Any(n => n.Length >= 6 && decoded.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                hits.Add(new WebshellHit("php-hidden-function-name", 10, baseOffset + m.Index, Zh, En));
                return;
            }
        }

        if (escapes >= 40)
        {
            hits.Add(new WebshellHit("php-escaped-strings", 3, baseOffset, "大量十六进制/八进制转义字符串", "Many hex or octal escaped strings"));
        }
    }

    private static void BlobFeatures(string text, int baseOffset, List<WebshellHit> hits)
    {
        try
        {
            foreach (Match m in Base64Run().Matches(text))
            {
                // Data URIs of pictures and fonts are legitimate base64 in templates.
                var before = text.AsSpan(Math.Max(0, m.Index - 12), Math.Min(12, m.Index));
                if (before.Contains("base64,", StringComparison.OrdinalIgnoreCase) || !HasDigitAndCases(m.ValueSpan))
                {
                    continue;
                }

                hits.Add(new WebshellHit("long-base64-blob", 4, baseOffset + m.Index, "含有超长 Base64 编码数据", "Holds a very long base64 blob"));
                break;
            }

            if (HexRun().Match(text) is { Success: true } hex)
            {
                hits.Add(new WebshellHit("long-hex-blob", 4, baseOffset + hex.Index, "含有超长十六进制编码数据", "Holds a very long hex-encoded blob"));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Not judged on pathological input.
        }

        // Packed payloads are long lines of near-random text; source code and minified scripts are not.
        var start = 0;
        var span = text.AsSpan();
        while (start < span.Length)
        {
            var nl = span[start..].IndexOf('\n');
            var end = nl < 0 ? span.Length : start + nl;
            if (end - start >= 1000 && Entropy(span[start..end]) is > 5.3 && SpaceShare(span[start..end]) < 0.02)
            {
                hits.Add(new WebshellHit("high-entropy-line", 3, baseOffset + start, "含有高熵（疑似加密或压缩）的超长行", "Holds a very long high-entropy (encrypted or packed) line"));
                break;
            }

            start = end + 1;
        }
    }

    private static bool HasDigitAndCases(ReadOnlySpan<char> s) =>
        s.IndexOfAnyInRange('0', '9') >= 0 && s.IndexOfAnyInRange('a', 'z') >= 0 && s.IndexOfAnyInRange('A', 'Z') >= 0;

    private static double Entropy(ReadOnlySpan<char> s)
    {
        Span<int> counts = stackalloc int[256];
        foreach (var c in s)
        {
            counts[c & 0xFF]++;
        }

        double h = 0;
        foreach (var n in counts)
        {
            if (n > 0)
            {
                var p = (double)n / s.Length;
                h -= p * Math.Log2(p);
            }
        }

        return h;
    }

    private static double SpaceShare(ReadOnlySpan<char> s) => (double)s.Count(' ') / s.Length;

    private static string Rot13(string s) => string.Create(s.Length, s, (d, src) =>
    {
        for (var i = 0; i < src.Length; i++)
        {
            var c = src[i];
            d[i] = c switch
            {
                >= 'a' and <= 'z' => (char)('a' + (c - 'a' + 13) % 26),
                >= 'A' and <= 'Z' => (char)('A' + (c - 'A' + 13) % 26),
                _ => c,
            };
        }
    });

    private static string? TryBase64(string s)
    {
        Span<byte> buf = stackalloc byte[64];
        return Convert.TryFromBase64String(s, buf, out var n) ? Encoding.Latin1.GetString(buf[..n]) : null;
    }

    private static string? TryHex(string s)
    {
        try
        {
            return s.Length % 2 == 0 ? Encoding.Latin1.GetString(Convert.FromHexString(s)) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Unescape(string body)
    {
        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 3 < body.Length + 0 && body[i + 1] == 'x' && char.IsAsciiHexDigit(body[i + 2]) && char.IsAsciiHexDigit(body[i + 3]))
            {
                sb.Append((char)Convert.ToInt32(body.Substring(i + 2, 2), 16));
                i += 3;
            }
            else if (body[i] == '\\' && i + 3 < body.Length && body[i + 1] is >= '0' and <= '7' && body[i + 2] is >= '0' and <= '7' && body[i + 3] is >= '0' and <= '7')
            {
                sb.Append((char)(Convert.ToInt32(body.Substring(i + 1, 3), 8) & 0xFF));
                i += 3;
            }
            else
            {
                sb.Append(body[i]);
            }
        }

        return sb.ToString();
    }
}
