using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Tests.Fetching;

public sealed class CrawlLinksTests
{
    private static readonly Uri Page = new("http://www.example.gov.cn/news/list.html");

    private static string[] Links(string html) => [.. CrawlLinks.Extract(html, Page).Select(u => u.AbsoluteUri)];

    [Fact]
    public void Navigable_links_are_resolved_deduplicated_and_kept_in_order()
    {
        var links = Links("""
            <a href="a.html">a</a><A HREF="/b.html#x">b</A><a href=c.html?x=1&amp;y=2>c</a>
            <a href=" a.html ">again</a><area href="../d.html"><frame src="e.html"><iframe src='//cdn.example.gov.cn/f.html'></iframe>
            <a href="
            g.html">wrapped</a>
            """);

        Assert.Equal(
            [
                "http://www.example.gov.cn/news/a.html", "http://www.example.gov.cn/b.html", "http://www.example.gov.cn/news/c.html?x=1&y=2",
                "http://www.example.gov.cn/d.html", "http://www.example.gov.cn/news/e.html", "http://cdn.example.gov.cn/f.html",
                "http://www.example.gov.cn/news/g.html",
            ],
            links);
    }

    [Fact]
    public void Links_that_are_not_pages_are_dropped()
    {
        var links = Links("""
            <a href="mailto:a@b.cn">m</a><a href="JavaScript:void(0)">j</a><a href="tel:110">t</a><a href="data:text/html,x">d</a>
            <a href="#top">f</a><a href="">e</a><a>none</a><a href="ftp://x.cn/">ftp</a><img src="x.png"><script src="y.js"></script>
            <!-- <a href="commented.html"> --><script>var a = '<a href="scripted.html">';</script><style>a[href="styled.html"]{}</style>
            """);

        Assert.Empty(links);
    }

    [Fact]
    public void The_first_base_href_is_the_base_of_relative_links()
    {
        var links = Links("<base href=\"http://www.example.gov.cn/root/\"><base href=\"/ignored/\"><a href=\"x.html\">x</a>");

        Assert.Equal(["http://www.example.gov.cn/root/x.html"], links);
    }

    [Fact]
    public void Malformed_markup_never_throws()
    {
        foreach (var html in new[] { "<", "<a", "<a href", "<a href=", "<a href=\"", "<a href='x", "<!--", "<script>", "<<a href=x>>", "</a href=y>", "<a =x href=z>" })
        {
            _ = CrawlLinks.Extract(html, Page);
        }

        Assert.Equal(["http://www.example.gov.cn/news/z"], Links("<a =x href=z>"));
    }

    [Theory]
    [InlineData("/files/a.PDF", true)]
    [InlineData("/a.docx", true)]
    [InlineData("/a.wps", true)]
    [InlineData("/a.tar.gz", true)]
    [InlineData("/news/2024.06/index.html", false)]
    [InlineData("/article.jsp?id=1", false)]
    [InlineData("/dir.v2/", false)]
    public void Binary_and_asset_links_are_recognised_by_extension(string path, bool binary)
    {
        Assert.Equal(binary, CrawlLinks.LooksBinary(new Uri(Page, path)));
    }
}
