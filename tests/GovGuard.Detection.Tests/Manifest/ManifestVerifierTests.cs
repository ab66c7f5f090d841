using System.Text;
using GovGuard.Detection.Manifest;

namespace GovGuard.Detection.Tests.Manifest;

public class ManifestVerifierTests
{
    private static readonly ManifestBuilder Builder = new(new FixedTime(new DateTimeOffset(2026, 11, 5, 8, 0, 0, TimeSpan.Zero)));

    private static TempTree Site()
    {
        var t = new TempTree();
        t.Write("index.html", "<html>首页</html>");
        t.Write("news/1.html", "<p>通知</p>");
        t.Write("js/app.js", "console.log(1)");
        Directory.CreateDirectory(t.Full("uploads/empty"));
        Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sha256);
        return t;
    }

    [Fact]
    public void Identical_tree_matches()
    {
        using var t = Site();
        var v = ManifestVerifier.Verify(t.Root, t.ManifestPath);
        Assert.True(v.Match);
        Assert.Empty(v.Differences);
        Assert.Equal(7, v.Checked);
    }

    [Fact]
    public void One_changed_byte_names_that_file()
    {
        using var t = Site();
        var bytes = File.ReadAllBytes(t.Full("news/1.html"));
        bytes[3] ^= 1;
        File.WriteAllBytes(t.Full("news/1.html"), bytes);

        var v = ManifestVerifier.Verify(t.Root, t.ManifestPath);

        Assert.False(v.Match);
        var d = Assert.Single(v.Differences);
        Assert.Equal(ManifestDifferenceKind.Altered, d.Kind);
        Assert.Equal("news/1.html", d.Path);
        Assert.Equal(d.Expected!.Size, d.Actual!.Size);
        Assert.NotEqual(d.Expected.Hash, d.Actual.Hash);
    }

    [Fact]
    public void Missing_extra_and_type_change_are_each_reported()
    {
        using var t = Site();
        File.Delete(t.Full("js/app.js"));
        t.Write("shell.php", "<?php eval($_POST['x']);");
        File.Delete(t.Full("index.html"));
        File.CreateSymbolicLink(t.Full("index.html"), "/etc/passwd");
        Directory.Delete(t.Full("uploads/empty"));

        var v = ManifestVerifier.Verify(t.Root, t.ManifestPath);

        Assert.Equal(
            [
                ("index.html", ManifestDifferenceKind.TypeChanged),
                ("js/app.js", ManifestDifferenceKind.Missing),
                ("shell.php", ManifestDifferenceKind.Extra),
                ("uploads/empty", ManifestDifferenceKind.Missing),
            ],
            v.Differences.Select(d => (d.Path, d.Kind)));
        Assert.Contains("/etc/passwd", v.Differences[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Changed_link_target_is_an_alteration()
    {
        using var t = new TempTree();
        File.CreateSymbolicLink(t.Full("current"), "releases/1");
        Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sm3);
        File.Delete(t.Full("current"));
        File.CreateSymbolicLink(t.Full("current"), "releases/2");

        var d = Assert.Single(ManifestVerifier.Verify(t.Root, t.ManifestPath).Differences);
        Assert.Equal(ManifestDifferenceKind.Altered, d.Kind);
        Assert.Contains("releases/2", d.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Nfc_and_nfd_spellings_of_a_name_are_the_same_path()
    {
        using var t = new TempTree();
        var nfd = "cafe\u0301/re\u0301sume\u0301.html";
        t.Write(nfd, "same");
        Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sha256);
        Assert.Contains(ManifestReader.ReadEntries(t.ManifestPath), e => e.Path == "caf\u00e9/r\u00e9sum\u00e9.html");

        // The copy restored from backup spells the names in NFC (as macOS or another tool may).
        Directory.Delete(t.Full("cafe\u0301"), recursive: true);
        t.Write("caf\u00e9/r\u00e9sum\u00e9.html", "same");

        Assert.True(ManifestVerifier.Verify(t.Root, t.ManifestPath).Match);
    }

    [Fact]
    public void Edited_hash_line_breaks_the_self_hash_and_names_the_line()
    {
        using var t = Site();
        var lines = File.ReadAllLines(t.ManifestPath);
        var i = Array.FindIndex(lines, l => l.EndsWith("  f  news/1.html", StringComparison.Ordinal));
        // An attacker who replaced the page also rewrites its hash in the baseline.
        lines[i] = new string('0', 64) + lines[i][64..];
        File.WriteAllText(t.ManifestPath, string.Join('\n', lines) + "\n");

        var v = ManifestVerifier.Verify(t.Root, t.ManifestPath);

        Assert.False(v.Match);
        Assert.False(v.Manifest.IsValid);
        Assert.Equal(lines.Length, v.Manifest.Line);
        Assert.Contains("altered", v.Manifest.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drop-line")]
    [InlineData("truncate")]
    [InlineData("crlf")]
    [InlineData("garbage")]
    [InlineData("header")]
    [InlineData("order")]
    public void Corrupt_manifest_is_a_clear_error_naming_the_line(string damage)
    {
        using var t = Site();
        var text = File.ReadAllText(t.ManifestPath);
        var lines = text.Split('\n');
        text = damage switch
        {
            "drop-line" => string.Join('\n', lines.Where((_, i) => i != 2)),
            "truncate" => text[..(text.Length - 20)],
            "crlf" => text.Replace("\n", "\r\n", StringComparison.Ordinal),
            "garbage" => string.Join('\n', lines.Take(3).Append("not a manifest line").Concat(lines.Skip(3))),
            "header" => "#something-else\n" + string.Join('\n', lines.Skip(1)),
            _ => string.Join('\n', new[] { lines[0], lines[2], lines[1] }.Concat(lines.Skip(3))),
        };
        File.WriteAllText(t.ManifestPath, text);

        var check = ManifestReader.Check(t.ManifestPath);

        Assert.False(check.IsValid);
        Assert.NotNull(check.Error);
        if (damage == "garbage")
        {
            Assert.Equal(4, check.Line);
            Assert.Contains("five fields", check.Error, StringComparison.Ordinal);
        }

        if (damage is "crlf" or "header")
        {
            Assert.Equal(1, check.Line);
        }

        Assert.False(ManifestVerifier.Verify(t.Root, t.ManifestPath).Match);
    }

    [Fact]
    public void Manifest_of_another_tool_is_refused()
    {
        using var t = new TempTree();
        File.WriteAllText(t.ManifestPath, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.txt\n", Encoding.UTF8);
        var check = ManifestReader.Check(t.ManifestPath);
        Assert.Equal(1, check.Line);
        Assert.Contains("not a GovGuard manifest", check.Error, StringComparison.Ordinal);
    }
}
