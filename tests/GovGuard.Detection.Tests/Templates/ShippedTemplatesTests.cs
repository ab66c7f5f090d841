using GovGuard.Detection.Findings;
using GovGuard.Detection.Templates;
using static GovGuard.Detection.Tests.Corpus.Probes.ProbeRules;

namespace GovGuard.Detection.Tests.Templates;

public class ShippedTemplatesTests
{
    [Fact]
    public void Every_shipped_template_loads()
    {
        Assert.Equal(
            ["druid-monitor-unauth", "path-traversal-canary", "phpmyadmin-setup-exposed", "spring-boot-actuator-exposed", "thinkphp-debug-disclosure", "tomcat-manager-exposed"],
            ShippedTemplates.Templates.Select(t => t.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_template_in_the_legacy_requests_format_loads_and_matches()
    {
        var druid = Template("druid-monitor-unauth");
        Assert.Equal(Severity.High, druid.Severity);
        Assert.Equal(["druid", "exposure", "unauth"], druid.Tags);
        var req = Assert.Single(druid.Requests(new Uri("http://10.0.0.8:8080/")));
        Assert.Equal("/druid/basic.json", req.PathAndQuery);
        var f = TemplateSet.Evaluate(druid, 0, TextResponse("http://10.0.0.8:8080/druid/basic.json", 200,
            "{\"ResultCode\":1,\"Content\":{\"Version\":\"1.2.20\",\"JavaVMName\":\"OpenJDK 64-Bit Server VM\"}}", "Content-Type", "application/json"));
        Assert.NotNull(f);
        Assert.Contains("extracted: 1.2.20", f.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_in_the_http_format_with_stop_at_first_match_loads_and_matches()
    {
        var actuator = Template("spring-boot-actuator-exposed");
        Assert.True(actuator.Blocks[0].StopAtFirstMatch);
        Assert.Equal(2, actuator.RequestCount);
        var body = "{\"_links\":{\"self\":{\"href\":\"http://h/actuator\"},\"env\":{\"href\":\"http://h/actuator/env\"}}}";
        var f = TemplateSet.Evaluate(actuator, 1, TextResponse("http://h.example/manage/actuator", 200, body, "Content-Type", "application/vnd.spring-boot.actuator.v3+json"));
        Assert.Contains("extracted: env", f!.Evidence, StringComparison.Ordinal);
        Assert.Null(TemplateSet.Evaluate(actuator, 0, TextResponse("http://h.example/actuator", 200, body, "Content-Type", "text/html")));
    }

    [Fact]
    public void The_raw_tomcat_template_sends_one_request_without_its_host_header()
    {
        var r = Assert.Single(Template("tomcat-manager-exposed").Requests(new Uri("https://www.example.gov.cn/")));
        Assert.Equal("/manager/html", r.PathAndQuery);
        Assert.Equal(["Accept"], r.Headers.Select(h => h.Key));
    }
}
