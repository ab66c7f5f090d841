using System.Text.Json;
using GovGuard.Cli.Infrastructure;

namespace GovGuard.Cli.Tests;

public sealed class ManifestCommandsTests : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), "govguard-cli-manifest-" + Guid.NewGuid().ToString("N"));

    public ManifestCommandsTests()
    {
        Directory.CreateDirectory(Path.Combine(_base, "www", "news"));
        File.WriteAllText(Path.Combine(_base, "www", "index.html"), "<html>首页</html>");
        File.WriteAllText(Path.Combine(_base, "www", "news", "通知 1.html"), "<p>通知</p>");
    }

    private string Root => Path.Combine(_base, "www");

    private string ManifestFile => Path.Combine(_base, "m.txt");

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("sm3")]
    public async Task Create_then_verify_an_unchanged_tree_exits_0(string algo)
    {
        var (code, _, err) = await Run("manifest", "create", Root, "--out", ManifestFile, "--algo", algo);
        Assert.Equal(0, code);
        Assert.Contains("manifest written", err, StringComparison.Ordinal);
        Assert.StartsWith($"#govguard-manifest version=1 algorithm={algo} ", File.ReadAllText(ManifestFile), StringComparison.Ordinal);

        var verify = await Run("manifest", "verify", Root, "--manifest", ManifestFile);
        Assert.Equal(0, verify.Code);
        Assert.Contains("match", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_each_altered_missing_and_extra_file_and_exits_1()
    {
        await Run("manifest", "create", Root, "--out", ManifestFile);
        File.AppendAllText(Path.Combine(Root, "index.html"), "x");
        File.Delete(Path.Combine(Root, "news", "通知 1.html"));
        File.WriteAllText(Path.Combine(Root, "shell.php"), "<?php");

        var (code, stdout, _) = await Run("manifest", "verify", Root, "--manifest", ManifestFile);

        Assert.Equal(1, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("altered      index.html", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("missing      news/通知 1.html", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("extra        shell.php", lines[2], StringComparison.Ordinal);
        Assert.Contains("3 differences", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_is_one_machine_readable_object_on_stdout()
    {
        await Run("manifest", "create", Root, "--out", ManifestFile, "--algo", "sm3");
        File.WriteAllText(Path.Combine(Root, "index.html"), "defaced");

        var (code, stdout, _) = await Run("manifest", "verify", Root, "--manifest", ManifestFile, "--format", "json");

        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout);
        var r = doc.RootElement;
        Assert.False(r.GetProperty("match").GetBoolean());
        Assert.Equal("sm3", r.GetProperty("algorithm").GetString());
        Assert.Equal(1, r.GetProperty("summary").GetProperty("altered").GetInt32());
        var d = Assert.Single(r.GetProperty("differences").EnumerateArray().ToList());
        Assert.Equal("altered", d.GetProperty("kind").GetString());
        Assert.Equal("index.html", d.GetProperty("path").GetString());
        Assert.Equal(7, d.GetProperty("actual").GetProperty("size").GetInt64());
        // The result names the manifest it was checked against by the manifest's own hash (its closing line).
        var closing = File.ReadAllLines(ManifestFile)[^1];
        Assert.Equal(closing[(closing.IndexOf("sm3=", StringComparison.Ordinal) + 4)..], r.GetProperty("manifest_hash").GetString());
    }

    [Fact]
    public async Task One_byte_changed_in_place_exits_non_zero_and_names_the_file()
    {
        await Run("manifest", "create", Root, "--out", ManifestFile);
        Assert.Equal(0, (await Run("manifest", "verify", Root, "--manifest", ManifestFile)).Code);
        var target = Path.Combine(Root, "news", "通知 1.html");
        var bytes = File.ReadAllBytes(target);
        bytes[0] ^= 0x01;
        var modified = File.GetLastWriteTimeUtc(target);
        File.WriteAllBytes(target, bytes);
        File.SetLastWriteTimeUtc(target, modified);

        var (code, stdout, _) = await Run("manifest", "verify", Root, "--manifest", ManifestFile);

        Assert.NotEqual(0, code);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("altered", StringComparison.Ordinal));
        Assert.Contains("news/通知 1.html", line, StringComparison.Ordinal);
        Assert.Contains("1 differences", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_manifest_is_one_sentence_naming_the_line_and_exits_1()
    {
        await Run("manifest", "create", Root, "--out", ManifestFile);
        var lines = File.ReadAllLines(ManifestFile);
        lines[1] = lines[1].Replace("  f  ", "  x  ", StringComparison.Ordinal);
        File.WriteAllText(ManifestFile, string.Join('\n', lines) + "\n");

        var (code, stdout, stderr) = await Run("manifest", "verify", Root, "--manifest", ManifestFile);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("line 2", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_manifest_file_exits_1_with_a_clear_error()
    {
        var (code, _, stderr) = await Run("manifest", "verify", Root, "--manifest", Path.Combine(_base, "nope.txt"));
        Assert.Equal(1, code);
        Assert.Contains("nope.txt", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manifest", "create", "DIR", "--out", "m.txt", "--algo", "md5")]
    [InlineData("manifest", "create", "DIR")]
    [InlineData("manifest", "verify", "DIR")]
    [InlineData("manifest", "verify", "DIR", "--manifest", "m.txt", "--format", "xml")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var (code, _, stderr) = await Run([.. args.Select(a => a == "DIR" ? Root : a)]);
        Assert.Equal(2, code);
        Assert.Contains("usage error", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create", "--algo")]
    [InlineData("verify", "--manifest")]
    public async Task Help_describes_the_options(string sub, string option)
    {
        var (code, stdout, _) = await Run("manifest", sub, "--help");
        Assert.Equal(0, code);
        Assert.Contains(option, stdout, StringComparison.Ordinal);
    }
}
