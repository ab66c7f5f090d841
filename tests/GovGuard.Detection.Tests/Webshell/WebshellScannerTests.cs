using System.Security.Cryptography;
using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Tests.Logs;
using GovGuard.Detection.Webshell;

namespace GovGuard.Detection.Tests.Webshell;

public class WebshellScannerTests
{
    private static readonly WebshellScanner Scanner = new(TestRules.Webshell, new WebshellScanOptions { Target = "www" });

    private static Finding? Scan(string path, string text) => Scanner.Scan(path, Encoding.UTF8.GetBytes(text)).Finding;

    [Theory]
    [InlineData("a.php", "<?php @eval($_POST['x']);?>", "php-request-to-code")]
    [InlineData("a.php", "<?php\n$k = $_REQUEST['k'];\n$c = base64_decode($k);\nsystem($c);", "php-tainted-sink")]
    [InlineData("a.php", "<?php $_GET['a']($_GET['b']);", "php-request-as-function")]
    [InlineData("a.php", "<?php usort($a, $_POST['cb']);", "php-request-callback")]
    [InlineData("a.php", "<?php $f='as'.'sert'; $f($_POST['x']);", "php-hidden-function-name")]
    [InlineData("a.php", "<?php $f=strrev('tressa'); $f(@$_COOKIE['x']);", "php-hidden-function-name")]
    [InlineData("a.php", "<?php @preg_replace(\"/abc/e\", $_REQUEST['x'], \"abc\");", "php-preg-replace-e")]
    [InlineData("a.php", "<?php function f($p){ eval($p); } f($_POST['z']);", "php-wrapped-sink")]
    [InlineData("a.phtml", "<?php $x = `ls {$_GET['d']}`; echo `$x`; eval(gzinflate(base64_decode('S0vMSUktyi/KBAA=')));", "php-eval-decoded")]
    [InlineData("x.jsp", "<% Runtime.getRuntime().exec(request.getParameter(\"c\")); %>", "jsp-request-to-exec")]
    [InlineData("x.asp", "<%eval request(\"x\")%>", "asp-eval-request")]
    [InlineData("x.aspx", "<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"x\"],\"unsafe\");%>", "asp-eval-request")]
    [InlineData(".user.ini", "auto_prepend_file=images/1.gif", "config-prepend-data-file")]
    [InlineData("up/.htaccess", "AddType application/x-httpd-php .jpg", "config-image-as-php")]
    public void Techniques_are_recognised(string path, string text, string rule)
    {
        var f = Scan(path, text);
        Assert.NotNull(f);
        Assert.Equal(Categories.WebshellFile, f.Category);
        Assert.Contains(rule, f.Rule, StringComparison.Ordinal);
        Assert.Equal(path, f.Path);
        Assert.True(f.Severity >= Severity.Medium);
    }

    [Theory]
    [InlineData("cache.php", "<?php class T { function render($c, $v) { extract($v); eval('?>' . $c); } }")]
    [InlineData("Process.php", "<?php $p = proc_open($cmd, $spec, $pipes); exec('git rev-parse HEAD', $out); echo shell_exec($line);")]
    [InlineData("autoload.php", "<?php spl_autoload_register(function ($c) { $f = __DIR__.'/'.$c.'.php'; if (is_file($f)) { require $f; } });")]
    [InlineData("router.php", "<?php $path = $_SERVER['REQUEST_URI']; return call_user_func_array([$ctl, $action], $params);")]
    [InlineData("db.php", "<?php $id = (int)$_GET['id']; $pdo->exec('UPDATE t SET n = n + 1'); $stmt->execute([$id]);")]
    [InlineData(".user.ini", "auto_prepend_file = '/www/site/wordfence-waf.php'")]
    [InlineData("style.css", "body { color: red } /* <?php eval($_POST[x]); ?> is only text in a stylesheet */")]
    public void Framework_and_ordinary_code_is_not_reported(string path, string text)
    {
        Assert.Null(Scan(path, text));
    }

    [Fact]
    public void The_line_of_the_strongest_hit_is_reported()
    {
        var f = Scan("a.php", "<?php\n// header\n$x = 1;\n\n@eval($_POST['pw']);\n");
        Assert.Equal(5, f!.Line);
        Assert.Contains("eval($_POST['pw'])", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Php_hidden_after_image_magic_is_found()
    {
        var bytes = "GIF89a"u8.ToArray().Concat(new byte[300]).Concat("<?php system($_GET['c']); ?>"u8.ToArray()).ToArray();
        var (f, _) = Scanner.Scan("uploads/avatar.gif", bytes);
        Assert.NotNull(f);
        Assert.Contains("image-embedded-php", f.Rule, StringComparison.Ordinal);
        Assert.Equal(Severity.Critical, f.Severity);
    }

    [Fact]
    public void Binary_and_empty_files_are_skipped()
    {
        var binary = new byte[5000];
        new Random(1).NextBytes(binary);
        binary[10] = 0;
        Assert.Equal("binary", Scanner.Score("lib.php", binary).Skipped);
        Assert.Equal("empty", Scanner.Score("empty.php", []).Skipped);
        Assert.Equal("image without code", Scanner.Score("a.png", binary).Skipped);
    }

    [Fact]
    public void Gbk_and_invalid_utf8_are_scanned()
    {
        var gbk = new byte[] { 0xD5, 0xFE, 0xB8, 0xAE, 0xFF, 0xFE };
        var bytes = "<?php // "u8.ToArray().Concat(gbk).Concat("\n@eval($_POST['x']);"u8.ToArray()).ToArray();
        var (f, _) = Scanner.Scan("gbk.php", bytes);
        Assert.NotNull(f);
        Assert.Equal(2, f.Line);
    }

    [Fact]
    public void Known_benign_hashes_are_never_reported()
    {
        var bytes = "<?php @eval($_POST['x']);"u8.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var rules = WebshellRuleSet.Load(TestRules.Files("webshell", "*.rules"), [("benign.txt", hash + "  vetted test fixture\n")]);
        var scanner = new WebshellScanner(rules, new WebshellScanOptions());
        var (f, v) = scanner.Scan("a.php", bytes);
        Assert.Null(f);
        Assert.Contains("whitelist", v.Skipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_files_are_scored_on_their_start_and_marked_partial()
    {
        var scanner = new WebshellScanner(TestRules.Webshell, new WebshellScanOptions { MaxBytes = 1000 });
        var text = "<?php @eval($_POST['x']);\n" + new string('/', 5000);
        var (f, v) = scanner.Scan("big.php", Encoding.ASCII.GetBytes(text));
        Assert.Equal("partial", v.Skipped);
        Assert.Contains("仅扫描了开头部分", f!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_hash_and_rule_files_fail_with_file_and_line()
    {
        var e = Assert.Throws<RuleFormatException>(() => WebshellRuleSet.Load([], [("h.txt", "# ok\nnot-a-hash\n")]));
        Assert.Equal(("h.txt", 2), (e.File, e.Line));
        var r = Assert.Throws<RuleFormatException>(() => WebshellRuleSet.Load([("r.rules", "[a]\nlang = cobol\n")], []));
        Assert.Equal(2, r.Line);
    }

    [Fact]
    public void English_messages_on_request()
    {
        var scanner = new WebshellScanner(TestRules.Webshell, new WebshellScanOptions { Language = MessageLanguage.English });
        var (f, _) = scanner.Scan("a.php", "<?php @eval($_POST['x']);"u8.ToArray());
        Assert.StartsWith("Likely webshell", f!.Message, StringComparison.Ordinal);
    }
}
