using System.Text;
using GovGuard.Detection.Manifest;

namespace GovGuard.Detection.Tests.Manifest;

public class ManifestBuilderTests
{
    private static readonly ManifestBuilder Builder = new(new FixedTime(new DateTimeOffset(2026, 11, 5, 8, 0, 0, TimeSpan.Zero)));

    private static ManifestBuildResult Build(TempTree t, ManifestAlgorithm algorithm = ManifestAlgorithm.Sha256) =>
        Builder.BuildFile(t.Root, t.ManifestPath, algorithm);

    private static List<ManifestEntry> Entries(TempTree t) => [.. ManifestReader.ReadEntries(t.ManifestPath)];

    [Theory]
    [InlineData(ManifestAlgorithm.Sha256)]
    [InlineData(ManifestAlgorithm.Sm3)]
    public void Manifest_round_trips_through_the_reader(ManifestAlgorithm algorithm)
    {
        using var t = new TempTree();
        t.Write("index.html", "<h1>政府网站</h1>");
        t.Write("css/site.css", "body{}");
        t.Write("empty.txt", "");
        Directory.CreateDirectory(t.Full("uploads/2026"));

        var result = Build(t, algorithm);
        var check = ManifestReader.Check(t.ManifestPath);

        Assert.True(check.IsValid, check.Describe());
        Assert.Equal(algorithm, check.Header!.Algorithm);
        Assert.Equal("www", check.Header.RootName);
        Assert.Equal(result.Entries, check.Entries);
        var entries = Entries(t);
        Assert.Equal(["css", "css/site.css", "empty.txt", "index.html", "uploads", "uploads/2026"], entries.Select(e => e.Path));
        var index = entries.Single(e => e.Path == "index.html");
        var bytes = Encoding.UTF8.GetBytes("<h1>政府网站</h1>");
        var expected = algorithm == ManifestAlgorithm.Sm3
            ? Convert.ToHexStringLower(Sm3Hash.HashData(bytes))
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        Assert.Equal(expected, index.Hash);
        Assert.Equal(bytes.Length, index.Size);
        Assert.Equal(ManifestTree.EmptyHash(algorithm), entries.Single(e => e.Path == "empty.txt").Hash);
        Assert.Equal(ManifestEntryType.Directory, entries.Single(e => e.Path == "uploads/2026").Type);
    }

    [Fact]
    public void Same_tree_gives_byte_identical_manifests()
    {
        using var t = new TempTree();
        for (var i = 0; i < 50; i++)
        {
            t.Write($"d{i % 5}/f{i}.txt", "content " + i);
        }

        Build(t);
        var first = File.ReadAllBytes(t.ManifestPath);
        Build(t);
        Assert.Equal(first, File.ReadAllBytes(t.ManifestPath));
    }

    [Fact]
    public void Names_with_spaces_tabs_newlines_and_chinese_are_kept_exactly()
    {
        using var t = new TempTree();
        string[] names = ["a b  c.txt", "tab\tname", "line\nbreak", "新闻/通知 公告.html", "back\\slash", "x -> y", " leading"];
        foreach (var n in names)
        {
            t.Write(n, n);
        }

        Build(t);
        var text = File.ReadAllText(t.ManifestPath);
        Assert.Equal(names.Length + 1 + 2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // + 新闻 dir, header, end
        var entries = Entries(t);
        foreach (var n in names)
        {
            Assert.Contains(entries, e => e.Path == n && e.Type == ManifestEntryType.File);
        }

        Assert.True(ManifestVerifier.Verify(t.Root, t.ManifestPath).Match);
    }

    [Fact]
    public void Symlink_is_recorded_with_its_target_and_not_followed()
    {
        using var t = new TempTree();
        t.Write("index.php", "<?php echo 1;");
        File.CreateSymbolicLink(t.Full("etc"), "/etc");
        File.CreateSymbolicLink(t.Full("latest.php"), "index.php");

        Build(t);
        var entries = Entries(t);

        var link = Assert.Single(entries, e => e.Path == "etc");
        Assert.Equal(ManifestEntryType.Symlink, link.Type);
        Assert.Equal("/etc", link.LinkTarget);
        Assert.DoesNotContain(entries, e => e.Path.StartsWith("etc/", StringComparison.Ordinal));
        Assert.Equal("index.php", entries.Single(e => e.Path == "latest.php").LinkTarget);
        Assert.Contains("  l  etc -> /etc\n", File.ReadAllText(t.ManifestPath), StringComparison.Ordinal);
    }

    [Fact]
    public void File_name_that_is_not_utf8_is_recorded_as_unreadable_not_a_crash()
    {
        using var t = new TempTree();
        t.Write("ok.html", "fine");
        // "中" in GBK: the kind of name an old Windows upload leaves on a Linux web root.
        t.Shell("printf 'legacy' > \"$(printf '\\326\\320.html')\"");

        var result = Build(t);

        var bad = Assert.Single(result.Unreadable);
        Assert.Contains("UTF-8", bad.Error, StringComparison.Ordinal);
        Assert.True(ManifestReader.Check(t.ManifestPath).IsValid);
        Assert.Contains(Entries(t), e => e.Type == ManifestEntryType.Unreadable);
        Assert.Contains(Entries(t), e => e.Path == "ok.html" && e.Type == ManifestEntryType.File);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void File_without_read_permission_is_recorded_as_unreadable_when_permissions_apply()
    {
        using var t = new TempTree();
        var secret = t.Write("secret.php", "<?php");
        File.SetUnixFileMode(secret, UnixFileMode.None);
        // Root reads any file; then the file must simply be hashed.
        var readable = CanRead(secret);

        var result = Build(t);

        var entry = Entries(t).Single(e => e.Path == "secret.php");
        if (readable)
        {
            Assert.Equal(ManifestEntryType.File, entry.Type);
            Assert.Empty(result.Unreadable);
        }
        else
        {
            Assert.Equal(ManifestEntryType.Unreadable, entry.Type);
            Assert.Single(result.Unreadable);
        }

        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Manifest_written_inside_the_tree_leaves_itself_out()
    {
        using var t = new TempTree();
        t.Write("a.txt", "a");
        var inside = t.Full("manifest.txt");

        Builder.BuildFile(t.Root, inside, ManifestAlgorithm.Sha256);

        Assert.Equal(["a.txt"], ManifestReader.ReadEntries(inside).Select(e => e.Path));
        Assert.True(ManifestVerifier.Verify(t.Root, inside).Match);
    }

    [Fact]
    public void Twenty_thousand_files_are_hashed_in_parallel_in_manifest_order()
    {
        using var t = new TempTree();
        var random = new Random(20_000);
        for (var d = 0; d < 100; d++)
        {
            var dir = t.Full($"d{d:D3}");
            Directory.CreateDirectory(dir);
            for (var f = 0; f < 200; f++)
            {
                var size = random.Next(0, 3) == 0 ? random.Next(0, 200_000) : random.Next(0, 2_000);
                var data = new byte[size];
                random.NextBytes(data);
                File.WriteAllBytes(Path.Combine(dir, $"f{f}.bin"), data);
            }
        }

        var options = new ManifestTreeOptions { MaxParallelism = 4, QueueCapacity = 64 };
        var result = Builder.BuildFile(t.Root, t.ManifestPath, ManifestAlgorithm.Sha256, options);

        Assert.Equal(20_000, result.Files);
        var entries = Entries(t);
        Assert.Equal(20_100, entries.Count);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.True(ManifestPath.Compare(entries[i - 1].Path, entries[i].Path) < 0);
        }

        // Spot-check hashes against a one-shot hash of the file.
        foreach (var e in entries.Where(e => e.Type == ManifestEntryType.File).Where((_, i) => i % 997 == 0))
        {
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(t.Full(e.Path))));
            Assert.Equal(expected, e.Hash);
        }

        File.AppendAllText(t.Full("d050/f123.bin"), "!");
        var verification = ManifestVerifier.Verify(t.Root, t.ManifestPath, options);
        var d2 = Assert.Single(verification.Differences);
        Assert.Equal("d050/f123.bin", d2.Path);
        Assert.Equal(ManifestDifferenceKind.Altered, d2.Kind);
        Assert.Equal(20_100, verification.Checked);
    }

    private static bool CanRead(string path)
    {
        try
        {
            using var s = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
