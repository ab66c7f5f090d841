using GovGuard.Detection.Findings;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Tests.Scanning;
using GovGuard.Tests.Shared;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>Content and exposure monitors run every detector the site scan runs, against the same local test site.</summary>
public sealed class PageProbeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_content_monitor_finds_hidden_links_malicious_scripts_and_cloaking()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var sink = new RecordingSink();
        await using var engine = await EngineHost.StartAsync(db, sink);
        var site = await engine.WebsiteAsync();
        var content = await engine.MonitorAsync(site.Id, new MonitorInput("content", "内容安全", server.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1, TimeoutSeconds: 60,
            Settings: System.Text.Json.JsonDocument.Parse("""{"paths":["/","/news/2.html","/notice.html"]}""").RootElement));

        var report = await engine.CheckNowAsync(content.Id);
        var seen = await sink.WaitAsync(content.Id, o => o.ResultId == report!.ResultId, Bound);
        Assert.Contains(seen.Findings, f => f.Category == Categories.ContentDarkLink && f.Url == server.Url("/news/2.html"));
        Assert.Contains(seen.Findings, f => f.Category == Categories.ContentMaliciousScript && f.Rule == "referrer-redirect" && f.Url == server.Url("/notice.html"));
        Assert.Contains(seen.Findings, f => f.Category == Categories.ContentMaliciousScript && f.Url == server.Url("/notice.html") && f.Rule != "referrer-redirect");
        Assert.Contains(seen.Findings, f => f.Category == Categories.ContentCloaking && f.Url == server.Url("/"));
        Assert.Equal(MonitorHealth.Down, report!.RawHealth);
        // Each problem once per page.
        Assert.Equal(seen.Findings.Count, seen.Findings.Select(f => (f.Category, f.Rule, f.Url)).Distinct().Count());
    }

    [Fact]
    public async Task An_exposure_monitor_runs_the_vulnerability_templates_and_the_cloaking_check_can_be_switched_off()
    {
        await using var server = await TestSite.StartAsync(new TestSiteState());
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var sink = new RecordingSink();
        await using var engine = await EngineHost.StartAsync(db, sink);
        var site = await engine.WebsiteAsync();
        var exposure = await engine.MonitorAsync(site.Id, new MonitorInput("exposure", "暴露面", server.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1, TimeoutSeconds: 60));
        var quiet = await engine.MonitorAsync(site.Id, new MonitorInput("content", "内容（不比对爬虫）", server.Url("/"), IntervalSeconds: 3600, FailuresBeforeDown: 1, TimeoutSeconds: 60,
            Settings: System.Text.Json.JsonDocument.Parse("""{"cloaking":false}""").RootElement));

        var e = await engine.CheckNowAsync(exposure.Id);
        var eo = await sink.WaitAsync(exposure.Id, o => o.ResultId == e!.ResultId, Bound);
        Assert.Contains(eo.Findings, f => f.Category == Categories.VulnTemplate && f.Rule == "spring-boot-actuator-exposed");
        Assert.Contains(eo.Findings, f => f.Category == Categories.VulnExposedFile && f.Rule == "git-head");
        Assert.Contains(eo.Findings, f => f.Category == Categories.VulnMissingHeader);

        var q = await engine.CheckNowAsync(quiet.Id);
        var qo = await sink.WaitAsync(quiet.Id, o => o.ResultId == q!.ResultId, Bound);
        Assert.DoesNotContain(qo.Findings, f => f.Category == Categories.ContentCloaking);
        Assert.DoesNotContain(server.UserAgents, ua => ua.Contains("Baiduspider", StringComparison.Ordinal));
    }
}
