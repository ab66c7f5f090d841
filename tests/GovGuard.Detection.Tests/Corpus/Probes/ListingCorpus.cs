using System.Globalization;
using System.Text;

namespace GovGuard.Detection.Tests.Corpus.Probes;

/// <summary>A generated page and whether it is a server-generated directory listing.</summary>
public sealed record ListingSample(string Kind, string Url, string Html, bool IsListing);

/// <summary>Directory listings of each server with random folders and files, and pages that only talk about listings.</summary>
public static class ListingCorpus
{
    private static readonly string[] Files = ["通知.pdf", "report_2024.doc", "backup.sql", "banner.jpg", "a.txt", "index.html", "附件1.xlsx", "data.zip"];

    public static List<ListingSample> Generate(int seed, int perKind)
    {
        var rnd = new Random(seed);
        var list = new List<ListingSample>();
        for (var i = 0; i < perKind; i++)
        {
            var dir = "/" + string.Join('/', Enumerable.Range(0, rnd.Next(0, 3)).Select(_ => new[] { "uploads", "files", "2024", "images", "attach", "doc" }[rnd.Next(6)])) + "/";
            dir = dir.Replace("//", "/", StringComparison.Ordinal);
            var files = Enumerable.Range(0, 1 + rnd.Next(8)).Select(_ => Files[rnd.Next(Files.Length)]).Distinct().ToList();
            var host = $"www{rnd.Next(100)}.example.gov.cn";
            var url = $"http://{host}{dir}";
            list.Add(new("apache", url, Apache(dir, files, rnd), true));
            list.Add(new("nginx", url, Nginx(dir, files), true));
            list.Add(new("iis", url, Iis(host, dir, files, rnd), true));
            list.Add(new("python", url, Python(dir, files), true));
            list.Add(new("tomcat", url, Tomcat(dir, files), true));
            list.Add(new("lighttpd", url, $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html>\n<html><head><title>Index of {dir}</title></head><body><h2>Index of {dir}</h2><div class=\"list\"><table>{Rows(files, f => $"<tr><td class=\"n\"><a href=\"{f}\">{f}</a></td></tr>")}</table></div><div class=\"foot\">lighttpd/1.4.69</div></body></html>", true));
            list.Add(new("serve-index", url, $"<!DOCTYPE html><html><head><meta charset='utf-8'><title>listing directory {dir}</title></head><body class=\"directory\"><div id=\"wrapper\"><h1>~{dir}</h1><ul id=\"files\" class=\"view-tiles\">{Rows(files, f => $"<li><a href=\"{dir}{f}\">{f}</a></li>")}</ul></div></body></html>", true));
            list.Add(new("go", url, "<!doctype html>\n<meta name=\"viewport\" content=\"width=device-width\">\n<pre>\n" + Rows(files, f => $"<a href=\"{f}\">{f}</a>\n") + "</pre>\n", true));

            // Hard negatives: help pages, search results and site maps that use the same words.
            list.Add(new("article", url, $"<!DOCTYPE html><html><head><title>关于关闭服务器目录浏览功能的通知</title></head><body><h1>关于关闭目录浏览的通知</h1><p>经检查，部分网站出现 “Index of {dir}” 页面，页面中显示 Parent Directory 链接和文件列表。</p><p>IIS 服务器显示 [To Parent Directory]，请各单位于{rnd.Next(1, 28)}日前整改。</p></body></html>", false));
            list.Add(new("index-title", url, $"<html><head><title>Index of documents</title></head><body><h1>Index of documents</h1><ul>{Rows(files, f => $"<li><a href=\"/doc/{f}\">{f}</a></li>")}</ul></body></html>", false));
            list.Add(new("phone-directory", url, "<html><head><title>Directory listing for residents</title></head><body><h1>Directory listing for residents</h1><p>各街道办事处联系电话。</p><table><tr><td>东城街道</td><td>010-0000000</td></tr></table></body></html>", false));
            list.Add(new("site-map", url, $"<html><head><title>网站地图</title></head><body><h1>网站地图</h1><pre><a href=\"../\">上一级</a>\n{Rows(files, f => $"<a href=\"{f}\">{f}</a>\n")}</pre></body></html>", false));
            list.Add(new("quoted-listing", url, $"<html><head><title>运维手册：Nginx autoindex</title></head><body><p>开启 autoindex 后页面如下：</p><pre>&lt;h1&gt;Index of {dir}&lt;/h1&gt;&lt;hr&gt;&lt;pre&gt;&lt;a href=\"../\"&gt;../&lt;/a&gt;</pre></body></html>", false));
            list.Add(new("plain-page", url, "<!DOCTYPE html><html><head><title>政务公开</title></head><body><div class=\"list\"><ul><li><a href=\"/a.html\">通知公告</a></li></ul></div></body></html>", false));
        }

        return list;
    }

    private static string Rows(IEnumerable<string> files, Func<string, string> row) => string.Concat(files.Select(row));

    private static string Apache(string dir, List<string> files, Random rnd)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html>\n <head>\n  <title>Index of {Shown(dir)}</title>\n </head>\n <body>\n<h1>Index of {Shown(dir)}</h1>\n");
        var fancy = rnd.Next(2) == 0;
        if (fancy)
        {
            sb.Append("  <table>\n   <tr><th><a href=\"?C=N;O=D\">Name</a></th><th><a href=\"?C=M;O=A\">Last modified</a></th><th><a href=\"?C=S;O=A\">Size</a></th></tr>\n");
            if (dir != "/")
            {
                sb.Append("<tr><td><a href=\"/\">Parent Directory</a></td></tr>\n");
            }

            sb.Append(Rows(files, f => $"<tr><td><a href=\"{f}\">{f}</a></td><td>2024-05-12 10:00</td><td>12K</td></tr>\n")).Append("</table>\n");
        }
        else
        {
            sb.Append("<ul>").Append(dir == "/" ? "" : "<li><a href=\"/\"> Parent Directory</a></li>\n").Append(Rows(files, f => $"<li><a href=\"{f}\"> {f}</a></li>\n")).Append("</ul>\n");
        }

        if (rnd.Next(3) > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<address>Apache/2.4.{rnd.Next(10, 60)} (CentOS) Server at www.example.gov.cn Port 80</address>\n");
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static string Shown(string dir) => dir == "/" ? "/" : dir.TrimEnd('/');

    private static string Nginx(string dir, List<string> files) =>
        $"<html>\r\n<head><title>Index of {dir}</title></head>\r\n<body>\r\n<h1>Index of {dir}</h1><hr><pre><a href=\"../\">../</a>\r\n" +
        Rows(files, f => $"<a href=\"{Uri.EscapeDataString(f)}\">{f}</a>                                   12-May-2024 10:00    2048\r\n") + "</pre><hr></body>\r\n</html>\r\n";

    private static string Iis(string host, string dir, List<string> files, Random rnd) =>
        $"<html><head><title>{host} - {dir}</title></head><body><H1>{host} - {dir}</H1><hr>\r\n\r\n<pre>" +
        (dir == "/" ? "" : "<A HREF=\"/\">[To Parent Directory]</A><br><br>") +
        (rnd.Next(2) == 0 || dir == "/" ? $" 5/12/2024  3:00 PM        &lt;dir&gt; <A HREF=\"{dir}sub/\">sub</A><br>" : "") +
        Rows(files, f => $" 5/12/2024  3:00 PM        20480 <A HREF=\"{dir}{f}\">{f}</A><br>") + "</pre><hr></body></html>";

    private static string Python(string dir, List<string> files) =>
        $"<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Directory listing for {dir}</title>\n</head>\n<body>\n<h1>Directory listing for {dir}</h1>\n<hr>\n<ul>\n" +
        Rows(files, f => $"<li><a href=\"{Uri.EscapeDataString(f)}\">{f}</a></li>\n") + "</ul>\n<hr>\n</body>\n</html>\n";

    private static string Tomcat(string dir, List<string> files) =>
        $"<!doctype html><html lang=\"en\"><head><title>Directory Listing For [{dir}]</title><style>body {{font-family:Tahoma,Arial,sans-serif;}}</style></head><body><h1>Directory Listing For [{dir}]</h1><hr class=\"line\"><table width=\"100%\" cellspacing=\"0\" cellpadding=\"5\" align=\"center\">" +
        Rows(files, f => $"<tr><td align=\"left\">&nbsp;&nbsp;<a href=\"{dir}{f}\"><tt>{f}</tt></a></td></tr>") + "</table><hr class=\"line\"><h3>Apache Tomcat/9.0.85</h3></body></html>";
}
