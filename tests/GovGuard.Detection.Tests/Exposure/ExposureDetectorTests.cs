using System.Text;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Http;
using GovGuard.Detection.Rules;
using static GovGuard.Detection.Tests.Corpus.Probes.ProbeRules;

namespace GovGuard.Detection.Tests.Exposure;

public class ExposureDetectorTests
{
    private const string Site = "https://www.example.gov.cn/";
    private static readonly ExposureDetector Detector = new();

    private static ExposureCheck Check(string path) =>
        ExposureProbes.Requests(new Uri(Site)).First(c => c.Path == path);

    private static Finding? Judge(string path, HttpResponseView r, params Soft404Profile[] soft404) =>
        Detector.Evaluate(Check(path), r, soft404);

    [Theory]
    [InlineData("/.git/HEAD", "ref: refs/heads/master\n", "git-head")]
    [InlineData("/.git/config", "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n", "git-config")]
    [InlineData("/.svn/entries", "12\n", "svn-entries")]
    [InlineData("/.hg/requires", "dotencode\nfncache\nrevlogv1\nstore\n", "hg-requires")]
    [InlineData("/.env", "APP_NAME=Portal\nAPP_ENV=production\nDB_PASSWORD=s3cret\n", "env-file")]
    [InlineData("/db.sql", "-- MySQL dump 10.13\n--\n-- Host: localhost    Database: cms\nCREATE TABLE `user` (id int);\n", "sql-dump")]
    [InlineData("/web.config", "<?xml version=\"1.0\"?>\n<configuration>\n  <connectionStrings><add name=\"db\"/></connectionStrings>\n</configuration>", "web-config")]
    [InlineData("/WEB-INF/web.xml", "<?xml version=\"1.0\"?>\n<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"></web-app>", "web-inf-web-xml")]
    [InlineData("/config.php.bak", "<?php\ndefine('DB_USER', 'root');\ndefine('DB_PASSWORD', 'x');\n", "php-config-backup")]
    [InlineData("/application.yml", "server:\n  port: 8080\nspring:\n  datasource:\n    password: x\n", "spring-config")]
    [InlineData("/actuator/env", "{\"activeProfiles\":[],\"propertySources\":[{\"name\":\"server.ports\"}]}", "spring-actuator-env")]
    [InlineData("/index.php.bak", "<?php\nrequire 'inc/db.php';\n", "backup-php-source")]
    public void Exposed_text_files_are_recognised_by_content(string path, string body, string rule)
    {
        var f = Judge(path, TextResponse(Site.TrimEnd('/') + path, 200, body, "Content-Type", "text/plain"));
        Assert.NotNull(f);
        Assert.Equal(Categories.VulnExposedFile, f.Category);
        Assert.Equal(rule, f.Rule);
        Assert.Contains(path, f.Message, StringComparison.Ordinal);
        Assert.Equal("https://www.example.gov.cn/", f.Target);
    }

    [Theory]
    [InlineData("/www.zip", new byte[] { 0x50, 0x4b, 0x03, 0x04, 0x14, 0x00 }, "backup-zip")]
    [InlineData("/wwwroot.rar", new byte[] { 0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00 }, "backup-rar")]
    [InlineData("/site.tar.gz", new byte[] { 0x1f, 0x8b, 0x08, 0x00 }, "backup-tar-gz")]
    [InlineData("/.DS_Store", new byte[] { 0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31, 0, 0 }, "ds-store")]
    [InlineData("/.git/index", new byte[] { 0x44, 0x49, 0x52, 0x43, 0, 0, 0, 2 }, "git-index")]
    public void Archives_and_binary_files_are_recognised_by_magic_bytes(string path, byte[] head, string rule)
    {
        var f = Judge(path, BytesResponse(Site.TrimEnd('/') + path, 206, [.. head, .. new byte[64]], "Content-Type", "application/octet-stream"));
        Assert.Equal(rule, f?.Rule);
        Assert.Contains("\\x", f!.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_name_backup_and_Chinese_names_are_probed_percent_encoded()
    {
        var checks = ExposureProbes.Requests(new Uri("http://www.example.gov.cn/"));
        Assert.Contains(checks, c => c.Request.PathAndQuery == "/www.example.gov.cn.zip");
        Assert.Contains(checks, c => c.Request.PathAndQuery == "/%E5%A4%87%E4%BB%BD.zip" && c.Path == "/备份.zip");
        var zip = checks.First(c => c.Path == "/www.zip");
        Assert.Contains(zip.Request.Headers, h => h.Key == "Range" && h.Value == "bytes=0-511");
    }

    [Fact]
    public void A_site_under_a_sub_path_is_probed_under_that_path()
    {
        var checks = ExposureProbes.Requests(new Uri("http://host.example/portal/index.jsp"));
        Assert.Contains(checks, c => c.Request.PathAndQuery == "/portal/.git/HEAD");
    }

    [Fact]
    public void A_status_200_without_the_content_is_not_an_exposure()
    {
        var home = "<!DOCTYPE html><html><head><title>首页</title></head><body>欢迎访问</body></html>";
        Assert.Null(Judge("/.git/HEAD", HtmlResponse(Site + ".git/HEAD", 200, home)));
        Assert.Null(Judge("/www.zip", HtmlResponse(Site + "www.zip", 200, home)));
        Assert.Null(Judge("/db.sql", HtmlResponse(Site + "db.sql", 200, home)));
    }

    [Fact]
    public void Forbidden_and_not_found_answers_are_not_exposures()
    {
        Assert.Null(Judge("/.git/config", TextResponse(Site + ".git/config", 403, "[core]\nrepositoryformatversion = 0\n")));
        Assert.Null(Judge("/.git/HEAD", TextResponse(Site + ".git/HEAD", 404, "ref: refs/heads/main")));
    }

    [Fact]
    public void An_html_error_page_that_mentions_the_file_is_not_an_exposure()
    {
        var page = "<html><head><title>404</title></head><body><p>/.git/config 不存在。</p><pre>[core]\nrepositoryformatversion = 0</pre></body></html>";
        Assert.Null(Judge("/.git/config", HtmlResponse(Site + ".git/config", 200, page)));
    }

    [Fact]
    public void A_probe_answer_like_the_soft_404_page_is_not_reported()
    {
        // A catch-all page that echoes the path and happens to satisfy a weak probe.
        static string Page(string path) => $"<p>页面 {path} 未找到 2024-05-12 10:00:0{path.Length % 10}</p><div>Environment</div> phpinfo() <h1 class=\"p\">PHP Version 8</h1>";
        var canary = Soft404Profile.From(TextResponse(Site + "a8f3c9d2e1", 200, Page("/a8f3c9d2e1"), "Content-Type", "text/html"));
        var probe = TextResponse(Site + "phpinfo.php", 200, Page("/phpinfo.php"), "Content-Type", "text/html");
        Assert.NotNull(Judge("/phpinfo.php", probe));
        Assert.Null(Judge("/phpinfo.php", probe, canary));
    }

    [Fact]
    public void A_real_file_on_a_soft_404_site_is_still_reported()
    {
        var home = "<!DOCTYPE html><html><head><title>某某市人民政府</title></head><body>" + string.Concat(Enumerable.Repeat("<li>通知公告</li>", 50)) + "</body></html>";
        var canary = Soft404Profile.From(HtmlResponse(Site + "zz81k2", 200, home));
        Assert.True(canary.Resembles(HtmlResponse(Site + "www.zip", 200, home)));
        Assert.NotNull(Judge("/.git/HEAD", TextResponse(Site + ".git/HEAD", 200, "ref: refs/heads/master\n", "Content-Type", "text/plain"), canary));
    }

    [Fact]
    public void Canary_requests_cover_the_ways_sites_route_missing_paths()
    {
        var r = Soft404Profile.CanaryRequests("a1b2c3");
        Assert.Equal(["/a1b2c3", "/a1b2c3.php", "/a1b2c3.zip", "/.a1b2c3/HEAD"], r.Select(x => x.PathAndQuery));
        Assert.Throws<ArgumentException>(() => Soft404Profile.CanaryRequests("../x"));
    }

    [Fact]
    public void English_messages_are_given_on_request()
    {
        var f = new ExposureDetector(MessageLanguage.English).Evaluate(Check("/.git/HEAD"), TextResponse(Site + ".git/HEAD", 200, "ref: refs/heads/main"), []);
        Assert.StartsWith("Repository metadata is reachable", f!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[a]\ngroup = backup\nseverity = high\npaths = /x.zip\n", 4, "needs 'words', 'regex' or 'magic'")]
    [InlineData("[a]\ngroup = backup\nseverity = high\npaths = /x.zip\nmagic = zz\n", 5, "not hex")]
    [InlineData("[a]\ngroup = backup\nseverity = high\npaths = /x\nregex = (\n", 5, "not a valid regular expression")]
    [InlineData("[a]\ngroup = stuff\nseverity = high\npaths = /x\nwords = y\n", 2, "group 'stuff'")]
    [InlineData("[a]\ngroup = backup\nseverity = high\npaths = ../etc/passwd\nwords = y\n", 4, "must start with one '/'")]
    [InlineData("[a]\ngroup = backup\nseverity = high\npaths = /x\nword = y\n", 5, "unknown key 'word'")]
    public void Bad_probe_files_are_refused_with_file_and_line(string text, int line, string problem)
    {
        var e = Assert.Throws<RuleFormatException>(() => ExposureProbeSet.Load([("exposure/user.rules", text)]));
        Assert.Equal("exposure/user.rules", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_probe_list_covers_every_group()
    {
        var groups = ExposureProbes.Probes.Select(p => p.Group).ToHashSet();
        Assert.Superset(new HashSet<string> { "repository", "backup", "dump", "config", "diagnostics", "editor", "cms" }, groups);
        Assert.Subset(groups, new HashSet<string> { "repository", "backup", "dump", "config", "diagnostics", "editor", "cms" });
        Assert.True(ExposureProbes.Requests(new Uri(Site)).Count > 100);
        Assert.All(ExposureProbes.Requests(new Uri(Site)), c => Assert.Equal("www.example.gov.cn", c.Request.On(new Uri(Site)).Host));
        _ = Encoding.UTF8;
    }
}
