using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using static GovGuard.Detection.Tests.Corpus.Probes.ProbeRules;

namespace GovGuard.Detection.Tests.Exposure;

public class DirectoryListingDetectorTests
{
    private static readonly DirectoryListingDetector Detector = new();

    internal const string Apache = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html>\n <head>\n  <title>Index of /uploads</title>\n </head>\n <body>\n<h1>Index of /uploads</h1>\n  <table>\n   <tr><th valign=\"top\"><img src=\"/icons/blank.gif\" alt=\"[ICO]\"></th><th><a href=\"?C=N;O=D\">Name</a></th><th><a href=\"?C=M;O=A\">Last modified</a></th></tr>\n<tr><td valign=\"top\"><img src=\"/icons/back.gif\" alt=\"[PARENTDIR]\"></td><td><a href=\"/\">Parent Directory</a></td></tr>\n<tr><td><a href=\"a.pdf\">a.pdf</a></td></tr>\n</table>\n<address>Apache/2.4.41 (Ubuntu) Server at www.example.gov.cn Port 80</address>\n</body></html>\n";
    internal const string Nginx = "<html>\r\n<head><title>Index of /files/</title></head>\r\n<body>\r\n<h1>Index of /files/</h1><hr><pre><a href=\"../\">../</a>\r\n<a href=\"2024/\">2024/</a>                                              12-May-2024 10:00       -\r\n</pre><hr></body>\r\n</html>\r\n";
    internal const string Iis = "<html><head><title>www.example.gov.cn - /upload/</title></head><body><H1>www.example.gov.cn - /upload/</H1><hr>\r\n\r\n<pre><A HREF=\"/\">[To Parent Directory]</A><br><br> 5/12/2024  3:00 PM        &lt;dir&gt; <A HREF=\"/upload/2024/\">2024</A><br></pre><hr></body></html>";
    internal const string Python = "<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Directory listing for /</title>\n</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n<li><a href=\"backup.sql\">backup.sql</a></li>\n</ul>\n<hr>\n</body>\n</html>\n";
    internal const string Tomcat = "<!doctype html><html lang=\"en\"><head><title>Directory Listing For [/docs/]</title><style>body {font-family:Tahoma}</style></head><body><h1>Directory Listing For [/docs/]</h1><hr class=\"line\"><table width=\"100%\" cellspacing=\"0\"><tr><td><a href=\"/docs/a.txt\"><tt>a.txt</tt></a></td></tr></table></body></html>";

    [Theory]
    [InlineData(Apache, "listing-apache")]
    [InlineData(Nginx, "listing-nginx")]
    [InlineData(Iis, "listing-iis")]
    [InlineData(Python, "listing-python")]
    [InlineData(Tomcat, "listing-tomcat")]
    public void Server_generated_listings_are_recognised(string page, string rule)
    {
        var f = Detector.Evaluate(HtmlResponse("http://www.example.gov.cn/uploads/", 200, page));
        Assert.NotNull(f);
        Assert.Equal(Categories.VulnDirListing, f.Category);
        Assert.Equal(rule, f.Rule);
        Assert.Equal("http://www.example.gov.cn/uploads/", f.Url);
    }

    [Theory]
    [InlineData("<html><head><title>如何关闭 Index of / 目录浏览</title></head><body><p>Apache 默认显示 \"Index of /\" 页面，含 Parent Directory 链接。</p></body></html>")]
    [InlineData("<html><head><title>Index of documents</title></head><body><h1>Index of documents</h1><ul><li><a href=\"a.html\">A</a></li></ul></body></html>")]
    [InlineData("<html><body><h1>Directory listing for residents</h1><p>Phone directory of the district offices.</p></body></html>")]
    [InlineData("<html><body><p>To list a folder click [To Parent Directory] in IIS.</p></body></html>")]
    public void Pages_that_only_mention_listings_are_not_listings(string page)
    {
        Assert.Null(Detector.Evaluate(HtmlResponse("http://www.example.gov.cn/help.html", 200, page)));
    }

    [Fact]
    public void A_listing_served_with_an_error_status_or_as_text_is_not_reported()
    {
        Assert.Null(Detector.Evaluate(HtmlResponse("http://h.example/x/", 404, Nginx)));
        Assert.Null(Detector.Evaluate(TextResponse("http://h.example/x.txt", 200, Nginx, "Content-Type", "text/plain")));
    }
}
