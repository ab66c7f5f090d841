using GovGuard.Detection.Http;
using GovGuard.Detection.Templates;

namespace GovGuard.Detection.Tests.Corpus.Probes;

/// <summary>A response to request <paramref name="RequestIndex"/> of a template, and whether the template should match it.</summary>
public sealed record TemplateSample(string TemplateId, int RequestIndex, HttpResponseView Response, bool Matches);

/// <summary>
/// Responses for the shipped templates (fixed seed): the weakness in several shapes, and look-alikes
/// that are not it (sign-in pages, production error pages, 401s without the realm, traversal blocked).
/// Every response is also judged by every other template, none of which may match it.
/// </summary>
public static class TemplateCorpus
{
    public static List<TemplateSample> Generate(int seed, int variants, TemplateSet templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var rnd = new Random(seed);
        var own = new List<TemplateSample>();
        for (var v = 0; v < variants; v++)
        {
            var site = $"https://app{v}.example.gov.cn";
            own.AddRange(Actuator(rnd, site));
            own.AddRange(Druid(rnd, site));
            own.AddRange(ThinkPhp(rnd, site));
            own.AddRange(PhpMyAdmin(rnd, site));
            own.AddRange(Tomcat(rnd, site));
            own.AddRange(Traversal(rnd, site));
        }

        var all = new List<TemplateSample>(own);
        foreach (var s in own)
        {
            foreach (var t in templates.Templates.Where(t => t.Id != s.TemplateId))
            {
                all.Add(new TemplateSample(t.Id, 0, s.Response, false));
            }
        }

        return all;
    }

    private static HttpResponseView R(string url, int status, string body, params string[] headers) => ProbeRules.TextResponse(url, status, body, headers);

    private static IEnumerable<TemplateSample> Actuator(Random rnd, string site)
    {
        var endpoints = new[] { "env", "health", "info", "heapdump", "mappings", "beans", "configprops" }.OrderBy(_ => rnd.Next()).Take(2 + rnd.Next(4));
        var links = string.Join(",", endpoints.Select(e => $"\"{e}\":{{\"href\":\"{site}/actuator/{e}\",\"templated\":false}}"));
        var body = $"{{\"_links\":{{\"self\":{{\"href\":\"{site}/actuator\",\"templated\":false}},{links}}}}}";
        yield return new("spring-boot-actuator-exposed", 0, R($"{site}/actuator", 200, body, "Content-Type", rnd.Next(2) == 0 ? "application/vnd.spring-boot.actuator.v3+json" : "application/json"), true);
        yield return new("spring-boot-actuator-exposed", 1, R($"{site}/manage/actuator", 200, body, "Content-Type", "application/json"), true);
        yield return new("spring-boot-actuator-exposed", 0, R($"{site}/actuator", 401, "{\"timestamp\":\"2024-05-12\",\"status\":401,\"error\":\"Unauthorized\",\"path\":\"/actuator\"}", "Content-Type", "application/json"), false);
        yield return new("spring-boot-actuator-exposed", 0, R($"{site}/actuator", 200, "<html><body><a href=\"_links\">self</a> 文档</body></html>", "Content-Type", "text/html"), false);
    }

    private static IEnumerable<TemplateSample> Druid(Random rnd, string site)
    {
        var body = $"{{\"ResultCode\":1,\"Content\":{{\"Version\":\"1.2.{rnd.Next(1, 24)}\",\"Drivers\":[\"com.mysql.cj.jdbc.Driver\"],\"ResetEnable\":true,\"ResetCount\":0,\"JavaVMName\":\"OpenJDK 64-Bit Server VM\",\"JavaVersion\":\"1.8.0_392\"}}}}";
        yield return new("druid-monitor-unauth", 0, R($"{site}/druid/basic.json", 200, body, "Content-Type", "application/json;charset=utf-8"), true);
        yield return new("druid-monitor-unauth", 0, R($"{site}/druid/login.html", 200, "<!doctype html><html><head><title>druid monitor</title></head><body><form action=\"submitLogin\"><input name=\"loginUsername\"></form></body></html>", "Content-Type", "text/html"), false);
        yield return new("druid-monitor-unauth", 0, R($"{site}/druid/basic.json", 200, "{\"ResultCode\":-1,\"Content\":\"请先登录\"}", "Content-Type", "application/json"), false);
    }

    private static IEnumerable<TemplateSample> ThinkPhp(Random rnd, string site)
    {
        var version = $"5.{rnd.Next(0, 2)}.{rnd.Next(10, 25)}";
        var debug = $"<!DOCTYPE html><html><head><meta charset=\"UTF-8\"><title>系统发生错误</title></head><body><div class=\"exception\"><div class=\"info\"><h1>{(rnd.Next(2) == 0 ? "模块不存在:govguardprobe" : "module not exists:govguardprobe")}</h1></div></div>" +
            "<div class=\"exception-var\"><h2>Environment Variables</h2><table><tr><td>PATH</td><td>/usr/bin</td></tr></table></div>" +
            "<div class=\"exception-var\"><h2>ThinkPHP Constants</h2><table><tr><td>THINK_VERSION</td><td>" + version + "</td></tr></table></div>" +
            $"<div class=\"copyright\"><a title=\"官方网站\" href=\"http://www.thinkphp.cn\">ThinkPHP</a> <span>V{version}</span></div></body></html>";
        yield return new("thinkphp-debug-disclosure", 0, R($"{site}/index.php?s=govguardprobe/index/index", rnd.Next(2) == 0 ? 404 : 500, debug, "Content-Type", "text/html; charset=utf-8"), true);
        yield return new("thinkphp-debug-disclosure", 0, R($"{site}/index.php?s=govguardprobe/index/index", 404, "<!DOCTYPE html><html><head><title>系统发生错误</title></head><body><div class=\"error\"><p class=\"face\">:(</p><h1>页面错误！请稍后再试～</h1></div><div class=\"copyright\"><a href=\"http://www.thinkphp.cn\">ThinkPHP</a> <span>V5.1.41</span></div></body></html>", "Content-Type", "text/html"), false);
        yield return new("thinkphp-debug-disclosure", 0, R($"{site}/index.php?s=govguardprobe/index/index", 200, "<html><body><h1>ThinkPHP 调试模式说明</h1><p>关闭 app_debug 后不再显示 Environment Variables 与 ThinkPHP Constants。</p></body></html>", "Content-Type", "text/html"), false);
    }

    private static IEnumerable<TemplateSample> PhpMyAdmin(Random rnd, string site)
    {
        var setup = $"<!DOCTYPE HTML><html lang=\"en\" dir=\"ltr\"><head><meta charset=\"utf-8\"><title>phpMyAdmin setup</title></head><body><h1><span class=\"blue\">php</span><span class=\"orange\">MyAdmin</span> setup</h1><ul><li><a href=\"index.php?page=form&formset=Features\">Features</a></li></ul><p>Version 4.{rnd.Next(0, 10)}.{rnd.Next(0, 12)}</p></body></html>";
        var i = rnd.Next(3);
        var path = new[] { "/phpmyadmin/setup/index.php", "/phpMyAdmin/setup/index.php", "/pma/setup/index.php" }[i];
        yield return new("phpmyadmin-setup-exposed", i, R(site + path, 200, setup, "Content-Type", "text/html; charset=utf-8"), true);
        yield return new("phpmyadmin-setup-exposed", 0, R($"{site}/phpmyadmin/index.php", 200, "<!DOCTYPE HTML><html><head><title>phpMyAdmin</title></head><body><form method=\"post\" action=\"index.php\" name=\"login_form\"><input name=\"pma_username\"></form></body></html>", "Content-Type", "text/html"), false);
        yield return new("phpmyadmin-setup-exposed", 0, R($"{site}/phpmyadmin/setup/index.php", 403, "<html><head><title>phpMyAdmin setup</title></head><body>Access denied</body></html>", "Content-Type", "text/html"), false);
    }

    private static IEnumerable<TemplateSample> Tomcat(Random rnd, string site)
    {
        var page = "<!doctype html><html lang=\"en\"><head><title>HTTP Status 401 – Unauthorized</title></head><body><h1>401 Unauthorized</h1><p>You are not authorized to view this page.</p></body></html>";
        yield return new("tomcat-manager-exposed", 0, R($"{site}/manager/html", 401, page, "WWW-Authenticate", "Basic realm=\"Tomcat Manager Application\"", "Content-Type", "text/html;charset=utf-8"), true);
        yield return new("tomcat-manager-exposed", 0, R($"{site}/manager/html", 200, "<html><head><title>/manager</title></head><body><h1>Tomcat Web Application Manager</h1><table><tr><td>Applications</td></tr></table></body></html>", "Content-Type", "text/html"), true);
        yield return new("tomcat-manager-exposed", 0, R($"{site}/manager/html", 401, "<html><body>请登录</body></html>", "WWW-Authenticate", $"Basic realm=\"OA{rnd.Next(10)}\""), false);
        yield return new("tomcat-manager-exposed", 0, R($"{site}/manager/html", 403, "<!doctype html><html><head><title>HTTP Status 403 – Forbidden</title></head><body><h1>403 Access Denied</h1><p>By default the Manager is only accessible from a browser running on the same machine as Tomcat.</p></body></html>", "Content-Type", "text/html"), false);
        yield return new("tomcat-manager-exposed", 0, R($"{site}/manager/html", 200, "<html><body><h1>If you're seeing this, you've successfully installed Tomcat. Congratulations!</h1></body></html>", "Content-Type", "text/html"), false);
    }

    private static IEnumerable<TemplateSample> Traversal(Random rnd, string site)
    {
        var distro = new[] { ("centos", "CentOS Linux 7 (Core)"), ("ubuntu", "Ubuntu 22.04.4 LTS"), ("kylin", "Kylin Linux Advanced Server V10"), ("openEuler", "openEuler 22.03 LTS") }[rnd.Next(4)];
        var osRelease = $"NAME=\"{distro.Item2.Split(' ')[0]}\"\nVERSION=\"{rnd.Next(7, 23)}\"\nID=\"{distro.Item1.ToLowerInvariant()}\"\nPRETTY_NAME=\"{distro.Item2}\"\n";
        yield return new("path-traversal-canary", rnd.Next(2), R($"{site}/static/..%2f..%2fetc%2fos-release", 200, osRelease, "Content-Type", "application/octet-stream"), true);
        yield return new("path-traversal-canary", 2, R($"{site}/..%5cwindows%5cwin.ini", 200, "; for 16-bit app support\r\n[fonts]\r\n[extensions]\r\n[mci extensions]\r\n[files]\r\n", "Content-Type", "text/plain"), true);
        yield return new("path-traversal-canary", 0, R($"{site}/..%2fetc%2fos-release", 400, "<html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center></body></html>", "Content-Type", "text/html"), false);
        yield return new("path-traversal-canary", 0, R($"{site}/..%2fetc%2fos-release", 200, "<html><body><h1>首页</h1><p>欢迎访问，系统 ID=政务服务</p></body></html>", "Content-Type", "text/html"), false);
        yield return new("path-traversal-canary", 2, R($"{site}/..%5cwindows%5cwin.ini", 200, "<html><body><p>配置文件 win.ini 中的 [fonts] 段说明</p></body></html>", "Content-Type", "text/html"), false);
    }
}
