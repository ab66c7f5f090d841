using System.Net;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Alerts;

/// <summary>
/// The acceptance on a real server: observations published to the engine's sink become alerts and
/// notices to a local SMTP listener and webhook receiver; recovery notifies once; failures are retried and visible.
/// </summary>
public sealed class AlertsEndToEndTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Fetching:AllowedRanges:0"] = "127.0.0.0/8",
        ["Alerts:RetryDelays:0"] = "00:00:00.2",
        ["Alerts:RetryDelays:1"] = "00:00:00.2",
        ["Alerts:PublicBaseUrl"] = "https://govguard.example.gov.cn",
    };

    private sealed record World(TestHost Host, TestUser Owner, TestUser Assessor, WebsiteView Site, HttpClient Api);

    private static async Task<World> WorldAsync(string kind)
    {
        var host = await TestHost.StartAsync(kind, settings: Settings);
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var assessorOrg = await host.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var owner = await host.User("owner.admin", customer.Id, OrgRole.Admin, withPassword: false);
        var assessor = await host.User("assessor", assessorOrg.Id, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        var engaged = await host.In(sp => sp.GetRequiredService<Platform.Engagements.EngagementService>().CreateAsync(owner.Caller, site.Id,
            new Platform.Engagements.EngagementInput(assessorOrg.Id, "assessor", null), CancellationToken.None));
        Assert.True(engaged.Succeeded);
        return new World(host, owner, assessor, site, host.Client(owner.Token));
    }

    private static MonitorObservation Observe(World w, Guid monitor, MonitorHealth health, long result) =>
        new(w.Site.Id, monitor, MonitorKind.Availability, health, DateTimeOffset.UtcNow,
            new(health == MonitorHealth.Up ? "HTTP 200" : "HTTP 503", health == MonitorHealth.Up ? "HTTP 200" : "HTTP 503"),
            health == MonitorHealth.Down
                ? [new Finding(Categories.AvailabilityDown, Severity.High, "https://www.example.gov.cn/", "https://www.example.gov.cn/", null, null, "availability.status", "状态码 503", "HTTP/1.1 503")]
                : [],
            result);

    private static Task Publish(World w, MonitorObservation o) =>
        w.Host.App.Services.GetRequiredService<Platform.Alerts.AlertPipeline>().PublishAsync(o, CancellationToken.None).AsTask();

    [Theory]
    [Databases]
    public async Task Down_alerts_by_mail_and_webhook_once_and_recovery_notifies_once(string kind)
    {
        await using var smtp = new SmtpListener();
        await using var hooks = await WebhookReceiver.StartAsync();
        var w = await WorldAsync(kind);
        await using var _ = w.Host;
        using var mail = await w.Api.PostJson("/api/v1/notification-channels", new
        {
            name = "值班邮箱", kind = "email", minSeverity = "medium", smtpHost = "127.0.0.1", smtpPort = smtp.Port, smtpSecurity = "none",
            from = "govguard@example.gov.cn", to = new[] { "duty@example.gov.cn" },
        });
        Assert.Equal(HttpStatusCode.Created, mail.StatusCode);
        using var hook = await w.Api.PostJson("/api/v1/notification-channels", new
        {
            name = "运维平台", kind = "webhook", websiteId = w.Site.Id, minSeverity = "high", url = hooks.Url("/hook?token=HOOK-TOKEN-31337"), secret = "HOOK-SECRET-4242",
        });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var hookJson = await hook.Content.ReadAsStringAsync();
        Assert.DoesNotContain("HOOK-TOKEN-31337", hookJson, StringComparison.Ordinal);
        Assert.DoesNotContain("HOOK-SECRET-4242", hookJson, StringComparison.Ordinal);

        var monitor = Guid.NewGuid();
        await Publish(w, Observe(w, monitor, MonitorHealth.Down, 1));
        Assert.True(await smtp.WaitForAsync(1), "the alert e-mail did not arrive");
        Assert.True(await hooks.WaitForAsync("/hook", 1), "the webhook did not arrive");
        await Publish(w, Observe(w, monitor, MonitorHealth.Down, 2));
        await Publish(w, Observe(w, monitor, MonitorHealth.Down, 3));

        var list = await (await w.Api.GetAsync($"/api/v1/alerts?state=open&websiteId={w.Site.Id}")).Json();
        for (var i = 0; i < 100 && list.GetProperty("items")[0].GetProperty("count").GetInt32() < 3; i++)
        {
            await Task.Delay(50);
            list = await (await w.Api.GetAsync($"/api/v1/alerts?state=open&websiteId={w.Site.Id}")).Json();
        }

        var alert = list.GetProperty("items")[0];
        Assert.Equal(3, alert.GetProperty("count").GetInt32());
        Assert.Equal(1, alert.GetProperty("firstResultId").GetInt64());
        Assert.Single(smtp.Messages);
        Assert.Single(hooks.On("/hook"));

        await Publish(w, Observe(w, monitor, MonitorHealth.Up, 4));
        await Publish(w, Observe(w, monitor, MonitorHealth.Up, 5));
        Assert.True(await smtp.WaitForAsync(2), "the recovery e-mail did not arrive");
        Assert.True(await hooks.WaitForAsync("/hook", 2), "the recovery webhook did not arrive");
        await Task.Delay(500);
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Equal(["alert.opened", "alert.recovered"], hooks.On("/hook").Select(h => h.Json.GetProperty("event").GetString()));
        Assert.Contains("告警", smtp.Messages.First().Subject, StringComparison.Ordinal);
        Assert.Contains("已恢复", smtp.Messages.Last().Subject, StringComparison.Ordinal);

        // The assessor reads the alert and its history, and may not act on it.
        var id = alert.GetProperty("id").GetGuid();
        var assessor = w.Host.Client(w.Assessor.Token);
        var detail = await (await assessor.GetAsync($"/api/v1/alerts/{id}")).Json();
        Assert.Equal("resolved", detail.GetProperty("alert").GetProperty("state").GetString());
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "recovered");
        using var refused = await assessor.PostJson($"/api/v1/alerts/{id}/resolve", new { note = "评估机构" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var deliveries = await (await w.Api.GetAsync("/api/v1/notification-deliveries?status=delivered")).Json();
        Assert.Equal(4, deliveries.GetProperty("total").GetInt32());
        var all = await w.Api.GetStringAsync("/api/v1/notification-channels") + await w.Api.GetStringAsync("/api/v1/notification-deliveries");
        Assert.DoesNotContain("HOOK-TOKEN-31337", all, StringComparison.Ordinal);
        Assert.DoesNotContain("HOOK-SECRET-4242", all, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task A_failing_webhook_is_retried_and_the_failure_shows_in_the_api_and_the_page(string kind)
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        hooks.Answer = _ => (500, "{}");
        var w = await WorldAsync(kind);
        await using var _ = w.Host;
        using var hook = await w.Api.PostJson("/api/v1/notification-channels", new { name = "坏掉的接收端", kind = "webhook", url = hooks.Url("/broken"), minSeverity = "low" });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        await Publish(w, Observe(w, Guid.NewGuid(), MonitorHealth.Down, 1));
        Assert.True(await hooks.WaitForAsync("/broken", 3), "three attempts were expected");

        System.Text.Json.JsonElement failed = default;
        for (var i = 0; i < 100; i++)
        {
            failed = await (await w.Api.GetAsync("/api/v1/notification-deliveries?status=failed")).Json();
            if (failed.GetProperty("total").GetInt32() == 1)
            {
                break;
            }

            await Task.Delay(50);
        }

        var d = failed.GetProperty("items")[0];
        Assert.Equal(3, d.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 500", d.GetProperty("lastError").GetString());
        Assert.Equal(3, hooks.On("/broken").Count);

        var page = await w.Api.GetStringAsync("/notifications");
        Assert.Contains("HTTP 500", page, StringComparison.Ordinal);
        Assert.Contains("坏掉的接收端", page, StringComparison.Ordinal);
        using var alerts = await w.Api.GetAsync("/alerts");
        var html = await alerts.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"30\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("市政府门户网站", html, StringComparison.Ordinal);
    }
}
