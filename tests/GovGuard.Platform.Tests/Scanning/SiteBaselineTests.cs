using GovGuard.Platform.Scanning;

namespace GovGuard.Platform.Tests.Scanning;

public sealed class SiteBaselineTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gg-sb-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static SiteBaseline Sample() => new()
    {
        Site = "http://www.example.gov.cn/",
        Origin = "https://www.example.gov.cn/",
        CreatedAt = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
        MaxPages = 200,
        Complete = true,
        Pages =
        [
            new BaselineEntry("https://www.example.gov.cn/", null, new DateTimeOffset(2026, 12, 1, 8, 0, 1, TimeSpan.Zero), 200, "text/html", SiteBaseline.Sha256("<html>首页</html>"u8), null),
            new BaselineEntry("https://www.example.gov.cn/news", "https://www.example.gov.cn/news/", new DateTimeOffset(2026, 12, 1, 8, 0, 2, TimeSpan.Zero), 200, "text/html", SiteBaseline.Sha256("x"u8), null),
        ],
    };

    [Fact]
    public void A_baseline_reads_back_as_written_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(dir, "b.json");
        Sample().Write(path);
        Sample().Write(path);

        var read = SiteBaseline.Read(path);
        Assert.Equal(Sample().Pages, read.Pages);
        Assert.Equal(Sample().CreatedAt, read.CreatedAt);
        Assert.Equal([path], Directory.GetFiles(dir));
    }

    [Fact]
    public void Pages_are_found_by_crawled_or_final_url_and_sites_by_origin()
    {
        var b = Sample();
        Assert.Same(b.Pages[1], b.Find(new Uri("https://www.example.gov.cn/news/#top")));
        Assert.Same(b.Pages[0], b.Find(new Uri("https://www.example.gov.cn/")));
        Assert.Null(b.Find(new Uri("https://www.example.gov.cn/other")));
        Assert.True(b.IsOf(new Uri("http://www.example.gov.cn/index.html")));
        Assert.True(b.IsOf(new Uri("https://www.example.gov.cn/")));
        Assert.False(b.IsOf(new Uri("https://other.gov.cn/")));
    }

    [Theory]
    [InlineData("""{"hello":1}""", "not a GovGuard site baseline")]
    [InlineData("""{"format":"govguard.site-baseline","version":9}""", "version 9")]
    [InlineData("not json", "not a GovGuard site baseline")]
    public void Other_files_are_refused(string text, string says)
    {
        var path = Path.Combine(dir, "x.json");
        File.WriteAllText(path, text);
        var e = Assert.Throws<FormatException>(() => SiteBaseline.Read(path));
        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }
}
