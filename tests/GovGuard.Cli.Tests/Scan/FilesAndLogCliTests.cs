using System.IO.Compression;
using System.Text;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;

namespace GovGuard.Cli.Tests.Scan;

/// <summary>Runs the real `govguard` program as a child process, as the shell and pipelines do.</summary>
public sealed class FilesAndLogCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gg-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Line(string target, string ua = "Mozilla/5.0", string method = "GET") =>
        $"10.1.2.3 - - [12/May/2024:10:00:00 +0800] \"{method} {target} HTTP/1.1\" 200 512 \"-\" \"{ua}\"";

    [Fact]
    public async Task Scan_log_prints_only_parsable_jsonl_on_stdout()
    {
        var log = Path.Combine(_dir, "access.log");
        await File.WriteAllTextAsync(log, string.Join('\n', Line("/a?id=1+union+select+1,2--"), "garbage", Line("/x", "sqlmap/1.7"), Line("/ok")) + "\n");
        var (code, stdout, stderr) = await Run(null, "scan", "log", log);
        Assert.Equal(ExitCodes.Ok, code);
        var findings = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FindingJson.Parse).ToList();
        Assert.Equal([Categories.AttackSqli, Categories.AttackScanner], findings.Select(f => f.Category));
        Assert.All(findings, f => Assert.Equal(log, f.Target));
        Assert.Equal([1L, 3L], findings.Select(f => f.Line!.Value));
        Assert.Contains("malformed", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dash_reads_the_log_from_stdin_even_gzipped()
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(Encoding.ASCII.GetBytes(Line("/a?q=%3Cscript%3Ealert(1)%3C/script%3E") + "\n"));
        }

        var (code, stdout, _) = await Run(ms.ToArray(), "scan", "log", "-", "--lang", "en");
        Assert.Equal(0, code);
        var f = FindingJson.Parse(stdout.Trim());
        Assert.Equal(Categories.AttackXss, f.Category);
        Assert.Equal("-", f.Target);
        Assert.StartsWith("The request", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_high_exits_4_when_a_high_finding_exists()
    {
        var log = Path.Combine(_dir, "a.log");
        await File.WriteAllTextAsync(log, Line("/a?f=../../../etc/passwd") + "\n");
        Assert.Equal(ExitCodes.FindingsAtThreshold, (await Run(null, "scan", "log", log, "--fail-on", "high")).Code);
        Assert.Equal(ExitCodes.Ok, (await Run(null, "scan", "log", log, "--fail-on", "critical")).Code);
    }

    [Fact]
    public async Task Bad_options_and_inputs_exit_2_or_1_with_one_sentence()
    {
        var (code, stdout, stderr) = await Run(null, "scan", "log", "x.log", "--log-format", "json");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("usage error", stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await Run(null, "scan", "files", _dir, "--bogus")).Code);
        var missing = await Run(null, "scan", "log", Path.Combine(_dir, "missing.log"));
        Assert.Equal(ExitCodes.Failure, missing.Code);
        Assert.DoesNotContain("   at ", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_gzip_reports_findings_read_so_far_and_exits_1()
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(Encoding.ASCII.GetBytes(Line("/a?x=;id") + "\n"));
            for (var i = 0; i < 30000; i++)
            {
                gz.Write(Encoding.ASCII.GetBytes(Line("/page/" + i * 7919) + "\n"));
            }
        }

        var log = Path.Combine(_dir, "cut.log.gz");
        await File.WriteAllBytesAsync(log, ms.ToArray()[..(int)(ms.Length / 2)]);
        var (code, stdout, stderr) = await Run(null, "scan", "log", log);
        Assert.True(code == ExitCodes.Failure, $"exit {code}; stdout: {stdout}; stderr: {stderr}");
        Assert.Equal(Categories.AttackCmdi, FindingJson.Parse(stdout.Trim()).Category);
        Assert.Contains("gzip", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_files_reports_webshells_with_relative_paths_and_skips_symlinks()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "www", "uploads"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "www", "index.php"), "<?php echo htmlspecialchars($_GET['q'] ?? '');");
        await File.WriteAllTextAsync(Path.Combine(_dir, "www", "uploads", "x.php"), "<?php\n@eval($_POST['k']);");
        await File.WriteAllBytesAsync(Path.Combine(_dir, "www", "uploads", "a.gif"), [.. "GIF89a"u8.ToArray(), .. new byte[100], .. "<?php system($_GET[c]);?>"u8.ToArray()]);
        await File.WriteAllBytesAsync(Path.Combine(_dir, "www", "lib.bin"), [0, 1, 2, 0xFF]);
        Directory.CreateDirectory(Path.Combine(_dir, "outside"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "outside", "s.php"), "<?php eval($_POST[x]);");
        File.CreateSymbolicLink(Path.Combine(_dir, "www", "link"), Path.Combine(_dir, "outside"));

        var (code, stdout, _) = await Run(null, "scan", "files", Path.Combine(_dir, "www"), "--fail-on", "high");
        Assert.Equal(ExitCodes.FindingsAtThreshold, code);
        var findings = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(FindingJson.Parse).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(["uploads/a.gif", "uploads/x.php"], findings.Select(f => f.Path));
        Assert.All(findings, f => Assert.Equal(Categories.WebshellFile, f.Category));
        Assert.Equal(2, findings[1].Line);
    }

    [Fact]
    public async Task A_bad_user_rule_file_fails_naming_file_and_line()
    {
        var rules = Path.Combine(_dir, "myrules", "logs");
        Directory.CreateDirectory(rules);
        await File.WriteAllTextAsync(Path.Combine(rules, "mine.rules"), "[x]\ncategory = attack.sqli\nseverity = loud\nkeywords = a\nzh = x\nen = y\n");
        var log = Path.Combine(_dir, "a.log");
        await File.WriteAllTextAsync(log, Line("/") + "\n");
        var (code, _, stderr) = await Run(null, "scan", "log", log, "--rules", Path.Combine(_dir, "myrules"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("mine.rules:3", stderr, StringComparison.Ordinal);
    }

    private static Task<(int Code, string Stdout, string Stderr)> Run(byte[]? stdin, params string[] args) => CliProcess.RunAsync(stdin, args);
}
