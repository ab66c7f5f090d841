using System.Globalization;
using System.Text;
using GovGuard.Detection.Exposure;
using GovGuard.Detection.Http;

namespace GovGuard.Detection.Tests.Corpus.Probes;

/// <summary>How a generated site answers a path it does not have.</summary>
public enum MissingPathBehaviour
{
    /// <summary>A plain 404 page.</summary>
    NotFound,

    /// <summary>200 with the home page for everything (the hardest soft 404).</summary>
    HomePage,

    /// <summary>200 with a friendly error page that echoes the path, a clock and a request id.</summary>
    EchoPage,

    /// <summary>403 for dot-files and archives, 404 for the rest.</summary>
    Forbidden,

    /// <summary>An HTML error page that quotes ".git/config", "[core]" and "ref: refs/heads/master" as help text.</summary>
    ChattyErrorPage,

    /// <summary>200 JSON for everything (a single-page application's API gateway).</summary>
    JsonCatchAll,
}

/// <summary>One probe answer of a generated site and whether the file is really exposed.</summary>
public sealed record ExposureSample(string Site, MissingPathBehaviour Behaviour, ExposureCheck Check, HttpResponseView Response, bool Exposed);

/// <summary>
/// Generated sites (fixed seed) that answer every probe of the shipped list: a few really exposed files
/// per site with realistic contents, everything else answered the way the site answers missing paths.
/// </summary>
public static class ExposureCorpus
{
    public static (List<ExposureSample> Samples, Dictionary<string, List<Soft404Profile>> Soft404) Generate(int seed, int sites, ExposureProbeSet probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var rnd = new Random(seed);
        var samples = new List<ExposureSample>();
        var profiles = new Dictionary<string, List<Soft404Profile>>(StringComparer.Ordinal);
        var behaviours = Enum.GetValues<MissingPathBehaviour>();
        for (var s = 0; s < sites; s++)
        {
            var behaviour = behaviours[s % behaviours.Length];
            var site = $"https://www{s}.example{rnd.Next(100)}.gov.cn/";
            var home = HomePage(rnd, s);
            var checks = probes.Requests(new Uri(site));
            // Every probe kind is exposed on some sites; each site holds three to six real leaks.
            var exposed = new HashSet<int>();
            var count = 3 + rnd.Next(4);
            while (exposed.Count < count)
            {
                exposed.Add(rnd.Next(checks.Count));
            }

            // Two probe kinds per site in turn, so every kind has real files somewhere in the corpus.
            foreach (var k in new[] { s % probes.Probes.Count, (s + 17) % probes.Probes.Count })
            {
                var first = checks.Select((c, i) => (c, i)).Where(x => x.c.Probe == probes.Probes[k]).Select(x => x.i).ToList();
                exposed.Add(first[rnd.Next(first.Count)]);
            }
            var token = string.Concat(Enumerable.Range(0, 12).Select(_ => (char)('a' + rnd.Next(26))));
            profiles[site] = Soft404Profile.CanaryRequests(token).Select(c => Soft404Profile.From(Missing(rnd, behaviour, c.On(new Uri(site)), home))).ToList();
            for (var i = 0; i < checks.Count; i++)
            {
                var url = checks[i].Request.On(new Uri(site));
                var response = exposed.Contains(i) ? TrueFile(rnd, checks[i], url) : Missing(rnd, behaviour, url, home);
                samples.Add(new ExposureSample(site, behaviour, checks[i], response, exposed.Contains(i)));
            }
        }

        return (samples, profiles);
    }

    private static string HomePage(Random rnd, int s)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>第{s}市人民政府门户网站</title></head><body>\n<div class=\"nav\">首页 | 政务公开 | 办事服务 | 互动交流</div>\n<ul class=\"news\">\n");
        for (var i = 0; i < 12 + rnd.Next(20); i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/zwgk/tzgg/2024{rnd.Next(1, 13):00}/t{rnd.Next(100000)}.html\">关于做好第{rnd.Next(1, 9)}季度政务信息公开工作的通知</a><span>2024-0{rnd.Next(1, 9)}-{rnd.Next(10, 28)}</span></li>\n");
        }

        sb.Append("</ul>\n<div class=\"footer\">主办单位：人民政府办公室 备案号：京ICP备00000000号</div></body></html>\n");
        return sb.ToString();
    }

    private static HttpResponseView Missing(Random rnd, MissingPathBehaviour behaviour, Uri url, string home)
    {
        var path = url.AbsolutePath;
        var name = path[(path.LastIndexOf('/') + 1)..];
        return behaviour switch
        {
            MissingPathBehaviour.HomePage => ProbeRules.HtmlResponse(url.ToString(), 200, home),
            MissingPathBehaviour.EchoPage => ProbeRules.HtmlResponse(url.ToString(), 200,
                $"<!DOCTYPE html><html><head><title>页面不存在</title></head><body><h1>抱歉，您访问的页面 {Uri.UnescapeDataString(path)} 不存在</h1>" +
                $"<p>可能已被删除或更名。请求编号 {rnd.Next():x8}，时间 2024-05-{rnd.Next(10, 28)} {rnd.Next(24):00}:{rnd.Next(60):00}:{rnd.Next(60):00}</p><p><a href=\"/\">返回首页</a></p></body></html>"),
            MissingPathBehaviour.Forbidden when name.StartsWith('.') || path.Contains("/.", StringComparison.Ordinal) || name.EndsWith(".zip", StringComparison.Ordinal) || name.EndsWith(".sql", StringComparison.Ordinal) =>
                ProbeRules.HtmlResponse(url.ToString(), 403, "<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>nginx</center></body></html>"),
            MissingPathBehaviour.ChattyErrorPage => ProbeRules.HtmlResponse(url.ToString(), rnd.Next(2) == 0 ? 200 : 404,
                "<html><head><title>出错了</title></head><body><h2>安全提示</h2><p>请勿在网站目录中保留 .git 目录。例如 /.git/config 的内容：</p>\n<pre>\n[core]\n\trepositoryformatversion = 0\n</pre>\n<p>以及 /.git/HEAD：</p>\n<pre>\nref: refs/heads/master\n</pre>\n" +
                "<p>也不要保留 www.zip、backup.sql（其中有 CREATE TABLE 语句）、.env（DB_PASSWORD=…）、phpinfo() 页面。</p></body></html>"),
            MissingPathBehaviour.JsonCatchAll => ProbeRules.TextResponse(url.ToString(), 200,
                $"{{\"code\":404,\"msg\":\"资源不存在\",\"path\":\"{path}\",\"traceId\":\"{rnd.Next():x8}\",\"timestamp\":{1715480000 + rnd.Next(100000)}}}", "Content-Type", "application/json"),
            _ => ProbeRules.HtmlResponse(url.ToString(), 404, "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n"),
        };
    }

    private static string Hex(Random rnd, int n) => string.Concat(Enumerable.Range(0, n).Select(_ => "0123456789abcdef"[rnd.Next(16)]));

    private static byte[] Random(Random rnd, byte[] head, int size)
    {
        var b = new byte[size];
        rnd.NextBytes(b);
        head.CopyTo(b, 0);
        return b;
    }

    private static HttpResponseView TrueFile(Random rnd, ExposureCheck check, Uri url)
    {
        var u = url.ToString();
        HttpResponseView T(string body, string type = "text/plain") => ProbeRules.TextResponse(u, 200, body, "Content-Type", type);
        HttpResponseView B(byte[] head, int size = 512, string type = "application/octet-stream") =>
            ProbeRules.BytesResponse(u, check.Probe.RangeBytes is null ? 200 : 206, Random(rnd, head, Math.Max(size, head.Length)), "Content-Type", type);
        var user = new[] { "root", "cms", "webadmin", "zwgk" }[rnd.Next(4)];
        return check.Probe.Id switch
        {
            "git-head" => T(rnd.Next(3) == 0 ? Hex(rnd, 40) + "\n" : $"ref: refs/heads/{new[] { "master", "main", "dev", "release-2024" }[rnd.Next(4)]}\n"),
            "git-config" => T($"[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n[remote \"origin\"]\n\turl = https://git.example.com/{user}/site.git\n"),
            "git-index" => B("DIRC\0\0\0\u0002"u8.ToArray(), 64),
            "git-logs-head" => T($"{new string('0', 40)} {Hex(rnd, 40)} {user} <{user}@example.com> 1715480000 +0800\tcommit (initial): init\n"),
            "svn-entries" => T(new[] { "12\n", "10\n\ndir\n0\n" }[rnd.Next(2)]),
            "svn-wc-db" => B("SQLite format 3\0"u8.ToArray(), 64),
            "hg-requires" => T("dotencode\nfncache\ngeneraldelta\nrevlogv1\nstore\n"),
            "bzr-readme" => T("This is a Bazaar control directory.\nDo not change any files in this directory.\n"),
            "cvs-entries" => T("/index.php/1.3/Mon May 12 10:00:00 2024//\n/config.php/1.1/Mon May 12 10:00:00 2024//\nD/include////\n"),
            "backup-zip" => B("PK\u0003\u0004\u0014\0\0\0"u8.ToArray(), 512, rnd.Next(2) == 0 ? "application/zip" : "application/octet-stream"),
            "backup-rar" => B("Rar!\u001a\u0007\0"u8.ToArray()),
            "backup-tar-gz" or "sql-dump-archive" when !check.Path.EndsWith(".zip", StringComparison.Ordinal) => B([0x1f, 0x8b, 0x08, 0x00], 512, "application/gzip"),
            "sql-dump-archive" => B("PK\u0003\u0004"u8.ToArray()),
            "backup-7z" => B([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]),
            "backup-tar" => B([.. new byte[257], .. "ustar\u000000"u8.ToArray()]),
            "backup-php-source" => T($"<?php\n/* 首页 */\nrequire_once 'include/common.inc.php';\n$db = new Db('{user}');\n$list = $db->query('SELECT * FROM news LIMIT 10');\n", "application/x-trash"),
            "backup-asp-jsp-source" => T("<%@ Page Language=\"C#\" AutoEventWireup=\"true\" %>\n<% var conn = ConfigurationManager.ConnectionStrings[\"db\"]; %>\n<html><body></body></html>"),
            "backup-vim-swap" => B("b0VIM 8.2\0\0"u8.ToArray(), 4096),
            "sql-dump" => T(rnd.Next(3) switch
            {
                0 => $"-- MySQL dump 10.13  Distrib 5.7.44, for Linux (x86_64)\n--\n-- Host: localhost    Database: {user}\n-- ------------------------------------------------------\n/*!40101 SET NAMES utf8 */;\nDROP TABLE IF EXISTS `admin`;\nCREATE TABLE `admin` (`id` int(11) NOT NULL);\n",
                1 => "-- phpMyAdmin SQL Dump\n-- version 4.9.5\n--\n-- Host: 127.0.0.1\nSET SQL_MODE = \"NO_AUTO_VALUE_ON_ZERO\";\nCREATE TABLE `dede_admin` (\n  `id` int(10) unsigned NOT NULL\n);\nINSERT INTO `dede_admin` VALUES (1);\n",
                _ => "--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\nCREATE TABLE public.users (id integer NOT NULL);\n",
            }, "application/sql"),
            "access-mdb" => B([0, 1, 0, 0, .. "Standard Jet DB"u8.ToArray()]),
            "env-file" => T($"APP_NAME=Portal\nAPP_ENV=production\nAPP_KEY=base64:{Hex(rnd, 32)}\nDB_CONNECTION=mysql\nDB_HOST=10.0.0.{rnd.Next(2, 250)}\nDB_PASSWORD={Hex(rnd, 12)}\n"),
            "web-config" => T("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <connectionStrings>\n    <add name=\"db\" connectionString=\"Server=.;Database=cms;User Id=sa;Password=x\" />\n  </connectionStrings>\n  <system.web><compilation debug=\"true\" /></system.web>\n</configuration>\n", "application/xml"),
            "php-config-backup" => T($"<?php\n$cfg_dbhost = 'localhost';\n$cfg_dbname = 'cms';\n$cfg_dbuser = '{user}';\n$cfg_dbpwd = '{Hex(rnd, 10)}';\n"),
            "spring-config" => T(check.Path.EndsWith(".properties", StringComparison.Ordinal)
                ? "server.port=8080\nspring.datasource.url=jdbc:mysql://10.0.0.5/app\nspring.datasource.password=x\n"
                : "server:\n  port: 8080\nspring:\n  datasource:\n    url: jdbc:mysql://10.0.0.5:3306/app\n    password: x\n"),
            "web-inf-web-xml" => T("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"3.1\">\n  <servlet><servlet-name>app</servlet-name></servlet>\n</web-app>\n", "application/xml"),
            "htaccess" => T("RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule ^(.*)$ index.php/$1 [L]\n"),
            "ds-store" => B([0, 0, 0, 1, .. "Bud1"u8.ToArray()], 2048),
            "phpinfo" => ProbeRules.HtmlResponse(u, 200, "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"><html><head><title>phpinfo()</title></head><body><div class=\"center\"><table><tr class=\"h\"><td><h1 class=\"p\">PHP Version 7.4.33</h1></td></tr></table></div></body></html>"),
            "apache-server-status" => ProbeRules.HtmlResponse(u, 200, "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<html><head>\n<title>Apache Status</title>\n</head><body>\n<h1>Apache Server Status for www.example.gov.cn (via 10.0.0.2)</h1>\n<dl><dt>Server Version: Apache/2.4.58</dt></dl>"),
            "apache-server-info" => ProbeRules.HtmlResponse(u, 200, "<!DOCTYPE html><html><head><title>Server Information</title></head><body><h1>Apache Server Information</h1>\n<dl><dt><strong>Server Version:</strong> Apache/2.4.58</dt></dl>"),
            "nginx-stub-status" => T($"Active connections: {rnd.Next(1, 500)} \nserver accepts handled requests\n {rnd.Next(10000)} {rnd.Next(10000)} {rnd.Next(90000)} \nReading: 0 Writing: 1 Waiting: 2 \n"),
            "spring-actuator-env" => T("{\"activeProfiles\":[\"prod\"],\"propertySources\":[{\"name\":\"server.ports\",\"properties\":{\"local.server.port\":{\"value\":8080}}}]}", "application/vnd.spring-boot.actuator.v3+json"),
            "spring-actuator-heapdump" => B("JAVA PROFILE 1.0.2\0"u8.ToArray(), 64),
            "druid-monitor" => ProbeRules.HtmlResponse(u, 200, "<!doctype html>\n<html>\n<head>\n<title>Druid Stat Index</title>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n<script src=\"js/lang.js\" type=\"text/javascript\"></script>\n<script src=\"js/common.js\" type=\"text/javascript\"></script></head><body></body></html>"),
            "elmah" => ProbeRules.HtmlResponse(u, 200, "<!DOCTYPE html><html><head><title>Error log for /LM/W3SVC/1/ROOT on WEB01 (Page #1)</title></head><body><h1>Error Log for ROOT on WEB01</h1><p>Powered by <a href=\"http://elmah.github.io/\">ELMAH</a></p></body></html>"),
            "trace-axd" => ProbeRules.HtmlResponse(u, 200, "<html><head><title>Trace</title></head><body><h1>Application Trace</h1><h2>/</h2><p>Requests to this Application</p><p>Remaining: 4</p></body></html>"),
            "idea-workspace" => T("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project version=\"4\">\n  <component name=\"ChangeListManager\">\n  </component>\n</project>\n", "application/xml"),
            "vscode-sftp" => T($"{{\n  \"name\": \"gov\",\n  \"host\": \"10.0.0.{rnd.Next(2, 250)}\",\n  \"protocol\": \"sftp\",\n  \"port\": 22,\n  \"username\": \"{user}\",\n  \"password\": \"{Hex(rnd, 10)}\",\n  \"remotePath\": \"/www/wwwroot\"\n}}\n", "application/json"),
            "ueditor-controller" => T("{\"imageActionName\":\"uploadimage\",\"imageFieldName\":\"upfile\",\"imageMaxSize\":2048000,\"imageAllowFiles\":[\".png\",\".jpg\"]}", "application/json"),
            "dedecms-error-trace" => T("<?php  exit(); ?>\nPage: /plus/search.php\nError: Unknown column 'x' in 'where clause'\nTime: 2024-05-12 10:00:00\n", "application/octet-stream"),
            "cms-backup-folder" => ProbeRules.HtmlResponse(u, 200, $"<html>\r\n<head><title>Index of {url.AbsolutePath}</title></head>\r\n<body>\r\n<h1>Index of {url.AbsolutePath}</h1><hr><pre><a href=\"../\">../</a>\r\n<a href=\"dede_admin_0_{Hex(rnd, 16)}.txt\">dede_admin_0_{Hex(rnd, 6)}.txt</a>  12-May-2024 10:00   2048\r\n</pre><hr></body>\r\n</html>\r\n"),
            var id => throw new InvalidOperationException($"the corpus has no true file for probe '{id}': add one"),
        };
    }
}
