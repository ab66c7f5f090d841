using System.Text;
using GovGuard.Detection.Manifest;

namespace GovGuard.Detection.Tests.Manifest;

public class ManifestPathTests
{
    [Fact]
    public void Slash_sorts_before_every_other_character_so_a_directory_walk_is_in_order()
    {
        var paths = new List<string> { "a.txt", "a/x", "a", "a b", "a/x/y", "b", "a-1" };
        paths.Sort(ManifestPath.Comparer);
        Assert.Equal(["a", "a/x", "a/x/y", "a b", "a-1", "a.txt", "b"], paths);
    }

    [Fact]
    public void Order_is_code_point_order_for_characters_beyond_the_basic_plane()
    {
        // U+1F600 (a surrogate pair in UTF-16) is above U+FF01 in code points and in UTF-8 bytes.
        Assert.True(ManifestPath.Compare("\uFF01", "\U0001F600") < 0);
        Assert.True(ManifestPath.Compare("新闻", "通知") < 0);
    }

    [Theory]
    [InlineData("plain/name.html")]
    [InlineData("with space/and  two")]
    [InlineData("tab\there")]
    [InlineData("new\nline\r")]
    [InlineData("back\\slash\\")]
    [InlineData("arrow -> inside")]
    [InlineData("中文/目录/文件.html")]
    [InlineData("\u0001ctl\u007f\u2028")]
    public void Escape_round_trips_and_leaves_no_line_breaks_or_tabs(string path)
    {
        var escaped = ManifestPath.Escape(path);
        Assert.DoesNotContain('\n', escaped);
        Assert.DoesNotContain('\t', escaped);
        Assert.DoesNotContain("->", escaped, StringComparison.Ordinal);
        Assert.True(ManifestPath.TryUnescape(escaped, out var back, out var error), error);
        Assert.Equal(path, back);
    }

    [Fact]
    public void Unknown_escape_is_rejected_with_a_reason()
    {
        Assert.False(ManifestPath.TryUnescape(@"bad\q", out _, out var error));
        Assert.Contains(@"\q", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nfd_spelling_normalises_to_nfc()
    {
        var nfd = "cafe\u0301.html";
        Assert.Equal("caf\u00e9.html", ManifestPath.Normalize(nfd));
        Assert.True(ManifestPath.Normalize("ascii.html").IsNormalized(NormalizationForm.FormC));
    }
}
