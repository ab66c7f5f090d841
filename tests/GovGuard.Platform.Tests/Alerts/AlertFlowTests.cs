using System.Security.Cryptography;
using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Notifications;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Alerts;

/// <summary>Synthetic observations through the real alerting services, to a local SMTP listener and webhook receiver.</summary>
public sealed class AlertFlowTests
{
    [Theory]
    [Databases]
    public async Task Down_notifies_once_by_mail_and_webhook_and_recovery_notifies_once(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await w.EmailChannelAsync();
        await w.HookChannelAsync("webhook", "/hook", secret: "hook-secret");

        Assert.Equal(2, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        Assert.Equal(0, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        Assert.Equal(0, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        Assert.True(await w.Smtp.WaitForAsync(1));
        Assert.Single(w.Smtp.Messages);
        Assert.Single(w.Hooks.On("/hook"));

        await using (var db = w.Db.Context())
        {
            var alert = await db.Alerts.SingleAsync();
            Assert.Equal(AlertState.Open, alert.State);
            Assert.Equal(3, alert.Count);
            Assert.Equal(Severity.High, alert.Severity);
            Assert.Equal(1, alert.FirstResultId);
            Assert.Equal(3, alert.LastResultId);
        }

        Assert.Equal(2, await w.ApplyAsync(w.Observe(MonitorHealth.Up)));
        Assert.Equal(0, await w.ApplyAsync(w.Observe(MonitorHealth.Up)));
        Assert.True(await w.Smtp.WaitForAsync(2));
        Assert.Equal(2, w.Smtp.Messages.Count);
        var hooks = w.Hooks.On("/hook");
        Assert.Equal(["alert.opened", "alert.recovered"], hooks.Select(h => h.Json.GetProperty("event").GetString()));

        var mail = w.Smtp.Messages.First();
        Assert.Equal(["duty@example.gov.cn"], mail.To);
        Assert.Contains("市政府门户网站", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("网站：市政府门户网站", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Website: 市政府门户网站", mail.Text, StringComparison.Ordinal);
        Assert.True(mail.Text.IndexOf("网站：", StringComparison.Ordinal) < mail.Text.IndexOf("Website:", StringComparison.Ordinal), "Chinese comes first");
        Assert.Contains("(UTC+8)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 10:01:00", mail.Text, StringComparison.Ordinal);

        // The webhook's signature, recomputed here as docs/alerts.md describes it.
        var opened = hooks[0];
        var ts = opened.Header("X-GovGuard-Timestamp")!;
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("hook-secret"), Encoding.UTF8.GetBytes(ts + "." + opened.Body)));
        Assert.Equal(expected, opened.Header("X-GovGuard-Signature"));
        var alertJson = opened.Json.GetProperty("alert");
        Assert.Equal("high", alertJson.GetProperty("severity").GetString());
        Assert.Equal(w.Site.Id, alertJson.GetProperty("websiteId").GetGuid());
        Assert.Equal(1, alertJson.GetProperty("resultId").GetInt64());
        Assert.StartsWith("https://govguard.example.gov.cn/alerts/", alertJson.GetProperty("link").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task During_a_maintenance_window_alerts_are_recorded_silenced_and_not_notified(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await w.HookChannelAsync("webhook", "/hook");
        var now = w.Clock.GetUtcNow();
        var window = await w.S.In(sp => sp.GetRequiredService<MaintenanceService>().CreateAsync(w.Provider, w.Site.Id,
            new MaintenanceInput(now, now.AddMinutes(30), "数据库升级 <b>计划变更</b>"), CancellationToken.None));
        Assert.True(window.Succeeded, window.Error?.Message.En);

        Assert.Equal(0, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        await using (var db = w.Db.Context())
        {
            Assert.Equal(AlertState.Silenced, (await db.Alerts.SingleAsync()).State);
            Assert.True(await db.AuditRecords.AnyAsync(a => a.Kind == AuditKinds.MaintenanceCreated && a.WebsiteId == w.Site.Id));
        }

        Assert.Equal(0, await w.ApplyAsync(w.Observe(MonitorHealth.Up)));
        Assert.Empty(w.Hooks.Requests);

        // After the window, the same problem is told at once.
        w.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        Assert.Single(w.Hooks.On("/hook"));
    }

    [Theory]
    [Databases]
    public async Task A_flapping_monitor_is_marked_and_notifies_at_most_once_per_window(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind, o => o.FlapThreshold = 2);
        await w.HookChannelAsync("webhook", "/hook");
        for (var i = 0; i < 6; i++)
        {
            await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down()));
            await w.ApplyAsync(w.Observe(MonitorHealth.Up));
        }

        var events = w.Hooks.On("/hook").Select(h => h.Json.GetProperty("event").GetString()).ToList();
        Assert.Equal(["alert.opened", "alert.recovered", "alert.opened", "alert.recovered", "alert.flapping"], events);
        await using var db = w.Db.Context();
        Assert.Equal(4, await db.Alerts.CountAsync(a => a.Flapping));
    }

    [Theory]
    [Databases]
    public async Task A_failing_channel_is_retried_with_backoff_and_the_failure_is_visible(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        w.Hooks.Answer = r => r.Path == "/broken" ? (500, "{}") : (200, "{}");
        var channel = await w.HookChannelAsync("webhook", "/broken");
        await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down()));
        var dispatcher = w.Get<NotificationDispatcher>();

        // Not yet due: the first retry waits 10 s.
        Assert.Equal(0, await dispatcher.RunDueAsync(CancellationToken.None));
        w.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await dispatcher.RunDueAsync(CancellationToken.None));
        w.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await dispatcher.RunDueAsync(CancellationToken.None));
        w.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await dispatcher.RunDueAsync(CancellationToken.None));
        w.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.RunDueAsync(CancellationToken.None));
        Assert.Equal(3, w.Hooks.On("/broken").Count);

        var page = await w.S.In(sp => sp.GetRequiredService<ChannelService>().DeliveriesAsync(w.Owner, new DeliveryFilter(channel.Id), Paging.Of(0, 10), CancellationToken.None));
        var d = Assert.Single(page.Value!.Items);
        Assert.Equal("failed", d.Status);
        Assert.Equal(3, d.Attempts);
        Assert.Equal("HTTP 500", d.LastError);
        var failed = await w.S.In(sp => sp.GetRequiredService<ChannelService>().DeliveriesAsync(w.Owner, new DeliveryFilter(Status: "failed"), Paging.Of(0, 10), CancellationToken.None));
        Assert.Single(failed.Value!.Items);
    }

    [Theory]
    [Databases]
    public async Task DingTalk_and_Feishu_signatures_follow_the_documented_algorithm(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        const string Ding = "SECdingtalk-secret-0123456789";
        const string Fei = "feishu-secret-abcdef";
        // The receivers play the robots: they verify the signature and answer an error code when it is wrong.
        w.Hooks.Answer = r =>
        {
            if (r.Path == "/robot/send")
            {
                var q = System.Web.HttpUtility.ParseQueryString(r.Query);
                var ts = q["timestamp"]!;
                var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Ding), Encoding.UTF8.GetBytes(ts + "\n" + Ding)));
                var fresh = Math.Abs(long.Parse(ts, System.Globalization.CultureInfo.InvariantCulture) - w.Clock.GetUtcNow().ToUnixTimeMilliseconds()) < 3_600_000;
                return q["sign"] == sign && fresh ? (200, "{\"errcode\":0,\"errmsg\":\"ok\"}") : (200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            }

            if (r.Path.StartsWith("/open-apis/bot/v2/hook/", StringComparison.Ordinal))
            {
                var ts = r.Json.GetProperty("timestamp").GetString()!;
                var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ts + "\n" + Fei), Array.Empty<byte>()));
                return r.Json.GetProperty("sign").GetString() == sign ? (200, "{\"code\":0,\"msg\":\"success\"}") : (200, "{\"code\":19021,\"msg\":\"sign match fail\"}");
            }

            return (200, "{\"errcode\":0}");
        };
        await w.HookChannelAsync("ding_talk", "/robot/send?access_token=dt-token-1", Ding, ["13800138000"]);
        await w.HookChannelAsync("feishu", "/open-apis/bot/v2/hook/fs-token-1", Fei);
        await w.HookChannelAsync("we_com", "/cgi-bin/webhook/send?key=wc-key-1", mobiles: ["13900139000"]);
        await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down()));

        await using (var db = w.Db.Context())
        {
            var statuses = await db.NotificationDeliveries.Select(d => new { d.Status, d.LastError }).ToListAsync();
            Assert.All(statuses, s => Assert.True(s.Status == DeliveryStatus.Delivered, s.LastError));
            Assert.Equal(3, statuses.Count);
        }

        var ding = Assert.Single(w.Hooks.On("/robot/send")).Json;
        Assert.Equal("markdown", ding.GetProperty("msgtype").GetString());
        Assert.Equal("13800138000", ding.GetProperty("at").GetProperty("atMobiles")[0].GetString());
        Assert.Contains("@13800138000", ding.GetProperty("markdown").GetProperty("text").GetString(), StringComparison.Ordinal);
        var fei = Assert.Single(w.Hooks.On("/open-apis/bot/v2/hook/fs-token-1")).Json;
        Assert.Equal("text", fei.GetProperty("msg_type").GetString());
        var wecom = Assert.Single(w.Hooks.On("/cgi-bin/webhook/send")).Json;
        Assert.Equal("13900139000", wecom.GetProperty("text").GetProperty("mentioned_mobile_list")[0].GetString());

        // A wrong secret is caught by the robot, and the robot's refusal is a failed attempt.
        var bad = await w.HookChannelAsync("ding_talk", "/robot/send?access_token=dt-token-2", "SECwrong");
        var test = await w.S.In(sp => sp.GetRequiredService<ChannelService>().TestAsync(w.Owner, bad.Id, CancellationToken.None));
        Assert.Equal("failed", test.Value!.Status);
        Assert.Equal("errcode 310000: sign not match", test.Value.LastError);
    }

    [Theory]
    [Databases]
    public async Task Placeholders_in_what_users_and_targets_wrote_stay_literal_and_markdown_is_escaped(string kind)
    {
        const string Name = "{summary} **粗体** <img src=x onerror=alert(1)> [点我](http://evil.example/)";
        await using var w = await AlertWorld.CreateAsync(kind, siteName: Name);
        await w.EmailChannelAsync();
        await w.HookChannelAsync("webhook", "/hook");
        await w.HookChannelAsync("ding_talk", "/robot/send?access_token=t");
        await w.HookChannelAsync("we_com", "/cgi-bin/webhook/send?key=k");
        var evil = new Finding(Categories.ContentDarkLink, Severity.High, "u", "https://www.example.gov.cn/{link}", null, null, "dark_link.hidden",
            "隐藏链接 {website}", "<a href=\"http://casino.example/\">{at}</a>\n### 标题");
        await w.ApplyAsync(w.Observe(MonitorHealth.Down, evil));

        var ding = Assert.Single(w.Hooks.On("/robot/send")).Json.GetProperty("markdown").GetProperty("text").GetString()!;
        Assert.Contains(@"{summary} \*\*粗体\*\* &lt;img src=x onerror=alert\(1\)&gt; \[点我\]\(http://evil.example/\)", ding, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", ding, StringComparison.Ordinal);
        Assert.Contains("https://www.example.gov.cn/{link}", ding, StringComparison.Ordinal);
        var wecom = Assert.Single(w.Hooks.On("/cgi-bin/webhook/send")).Json.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.DoesNotContain("<img", wecom, StringComparison.Ordinal);
        Assert.DoesNotContain("[点我](", wecom, StringComparison.Ordinal);

        var hook = Assert.Single(w.Hooks.On("/hook")).Json;
        Assert.Equal(Name, hook.GetProperty("alert").GetProperty("website").GetString());
        var text = hook.GetProperty("text").GetString()!;
        Assert.Contains("网站：" + Name, text, StringComparison.Ordinal);
        // The summary appears where the template puts it, not where a value said "{summary}".
        Assert.Contains("摘要：连接超时 / connect timed out", text, StringComparison.Ordinal);
        Assert.True(await w.Smtp.WaitForAsync(1));
        Assert.Contains("网站：" + Name, w.Smtp.Messages.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitution_is_one_pass_and_the_message_is_capped()
    {
        var values = new Dictionary<string, string> { ["website"] = "{summary}", ["summary"] = "S" };
        Assert.Equal("a {summary} b S {unknown}", NoticeText.Substitute("a {website} b {summary} {unknown}", values, TextFormat.Plain));
        var notice = new AlertNotice(NoticeKind.Opened, Guid.NewGuid(), Guid.NewGuid(), new string('网', 5000), Guid.NewGuid(), "m", Severity.High, "c", "r",
            new string('摘', 20000), new string('s', 20000), "https://x/" + new string('p', 5000), DateTimeOffset.UnixEpoch, "https://g/alerts/1", "open", 1, 1, false);
        foreach (var format in new[] { TextFormat.Plain, TextFormat.Markdown })
        {
            var body = NoticeText.Body(notice, format);
            Assert.True(body.Length <= NoticeText.MaxMessage, $"{format}: {body.Length}");
            Assert.Contains("Website: ", body, StringComparison.Ordinal);
        }

        Assert.True(NoticeText.Title(notice).Length <= NoticeText.MaxTitle);
    }

    [Theory]
    [Databases]
    public async Task Secrets_are_never_returned_logged_or_stored_in_clear(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        w.Hooks.Answer = _ => (500, "{}");
        var ding = await w.HookChannelAsync("ding_talk", "/robot/send?access_token=TOKEN-dt-5e5e5e", "SEC-secret-7a7a7a");
        var feishu = await w.HookChannelAsync("feishu", "/open-apis/bot/v2/hook/TOKEN-fs-6b6b6b", "fs-secret-8c8c8c");
        var mail = await w.EmailChannelAsync(password: "smtp-password-9d9d9d");
        await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down()));
        await w.S.In(sp => sp.GetRequiredService<ChannelService>().TestAsync(w.Owner, ding.Id, CancellationToken.None));
        Assert.True(await w.Smtp.WaitForAsync(1));
        Assert.Equal("smtp-password-9d9d9d", w.Smtp.Messages.First().Password);

        string[] secrets = ["TOKEN-dt-5e5e5e", "SEC-secret-7a7a7a", "TOKEN-fs-6b6b6b", "fs-secret-8c8c8c", "smtp-password-9d9d9d"];
        var views = await w.S.In(sp => sp.GetRequiredService<ChannelService>().ListAsync(w.Owner, null, CancellationToken.None));
        var json = System.Text.Json.JsonSerializer.Serialize(views) + System.Text.Json.JsonSerializer.Serialize(ding) + System.Text.Json.JsonSerializer.Serialize(feishu) + System.Text.Json.JsonSerializer.Serialize(mail);
        var deliveries = await w.S.In(sp => sp.GetRequiredService<ChannelService>().DeliveriesAsync(w.Owner, new DeliveryFilter(), Paging.Of(0, 50), CancellationToken.None));
        json += System.Text.Json.JsonSerializer.Serialize(deliveries.Value);
        var logs = string.Join("\n", w.Logs.Lines);
        await using var db = w.Db.Context();
        var stored = string.Join("\n", await db.NotificationChannels.Select(c => c.ProtectedSecrets + c.SettingsJson + c.Host).ToListAsync())
            + string.Join("\n", await db.AuditRecords.Select(a => a.Summary + a.Changes).ToListAsync())
            + string.Join("\n", await db.NotificationDeliveries.Select(d => d.NoticeJson + d.LastError).ToListAsync());
        Assert.Contains("127.0.0.1", logs, StringComparison.Ordinal);
        foreach (var s in secrets)
        {
            Assert.DoesNotContain(s, json, StringComparison.Ordinal);
            Assert.DoesNotContain(s, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(s, stored, StringComparison.Ordinal);
        }

        Assert.True(views.Single(v => v.Id == ding.Id).HasSecret);
        Assert.True(views.Single(v => v.Id == mail.Id).HasSmtpPassword);
    }

    [Theory]
    [Databases]
    public async Task A_persistently_incomplete_check_opens_a_low_alert_only_after_the_configured_count(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind, o => o.IncompleteAfterChecks = 3);
        await w.HookChannelAsync("webhook", "/hook");
        Assert.Equal(0, await w.ApplyAsync(w.Observe(MonitorHealth.Incomplete)));
        Assert.Equal(0, await w.ApplyAsync(w.Observe(MonitorHealth.Incomplete)));
        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Incomplete)));
        await using (var db = w.Db.Context())
        {
            var a = await db.Alerts.SingleAsync();
            Assert.Equal(Severity.Low, a.Severity);
            Assert.Equal(AlertProcessor.IncompleteCategory, a.Category);
        }

        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Up)));
        Assert.Equal(["alert.opened", "alert.recovered"], w.Hooks.On("/hook").Select(h => h.Json.GetProperty("event").GetString()));
    }

    [Theory]
    [Databases]
    public async Task Findings_open_one_alert_per_fingerprint_above_the_threshold_and_resolve_when_gone(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await w.HookChannelAsync("webhook", "/hook");
        Finding F(string url, Severity s) => new(Categories.ContentDarkLink, s, "t", url, null, null, "dark_link.hidden", "隐藏链接", "<a>");
        var a = F("https://www.example.gov.cn/a", Severity.High);
        var b = F("https://www.example.gov.cn/b", Severity.High);
        var low = F("https://www.example.gov.cn/c", Severity.Low);
        Assert.Equal(2, await w.ApplyAsync(w.Observe(MonitorHealth.Down, a, b, low)));
        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Down, a)));
        await using var db = w.Db.Context();
        var alerts = await db.Alerts.OrderBy(x => x.Url).ToListAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Equal(AlertState.Open, alerts[0].State);
        Assert.Equal(2, alerts[0].Count);
        Assert.Equal(AlertState.Resolved, alerts[1].State);

        // A stricter website threshold: nothing below critical opens an alert.
        var set = await w.S.In(sp => sp.GetRequiredService<AlertService>().SetSettingsAsync(w.Owner, w.Site.Id, new AlertSettingsInput("critical", 3), CancellationToken.None));
        Assert.True(set.Succeeded);
        // a is gone (one recovery notice); b is under the threshold now.
        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Down, b)));
        Assert.Equal(0, await db.Alerts.CountAsync(x => x.State != AlertState.Resolved));
    }

    [Theory]
    [Databases]
    public async Task Long_open_alerts_are_reminded_until_acknowledged(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        await w.HookChannelAsync("webhook", "/hook");
        await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down()));
        var processor = w.Get<AlertProcessor>();
        w.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await processor.SweepAsync(CancellationToken.None));
        w.Clock.Advance(TimeSpan.FromHours(1.1));
        Assert.Equal(1, await processor.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await processor.SweepAsync(CancellationToken.None));
        await w.Get<NotificationDispatcher>().RunDueAsync(CancellationToken.None);
        Assert.Equal(["alert.opened", "alert.reminder"], w.Hooks.On("/hook").Select(h => h.Json.GetProperty("event").GetString()));

        Guid id;
        await using (var db = w.Db.Context())
        {
            id = (await db.Alerts.SingleAsync()).Id;
        }

        var denied = await w.S.In(sp => sp.GetRequiredService<AlertService>().AcknowledgeAsync(w.Assessor, id, CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, denied.Error!.Kind);
        var hidden = await w.S.In(sp => sp.GetRequiredService<AlertService>().AcknowledgeAsync(w.Outsider, id, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, hidden.Error!.Kind);
        var ack = await w.S.In(sp => sp.GetRequiredService<AlertService>().AcknowledgeAsync(w.Provider, id, CancellationToken.None));
        Assert.Equal("acknowledged", ack.Value!.State);
        Assert.Equal("provider.admin", ack.Value.AcknowledgedBy);
        w.Clock.Advance(TimeSpan.FromHours(9));
        Assert.Equal(0, await processor.SweepAsync(CancellationToken.None));

        // Recovery still resolves it and says so once.
        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Up)));
        var detail = await w.S.In(sp => sp.GetRequiredService<AlertService>().GetAsync(w.Assessor, id, CancellationToken.None));
        Assert.Equal("resolved", detail.Value!.Alert.State);
        Assert.Contains(detail.Value.History, e => e.Kind == "acknowledged" && e.Actor == "provider.admin");
        Assert.Contains(detail.Value.History, e => e.Kind == "recovered");
        await using var ctx = w.Db.Context();
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Kind == AuditKinds.AccessDenied && a.ActorUserId == w.Assessor.UserId));
        Assert.True(await ctx.AuditRecords.AnyAsync(a => a.Kind == AuditKinds.AlertAcknowledged && a.ActorUserId == w.Provider.UserId));
    }

    [Theory]
    [Databases]
    public async Task Clean_checks_of_a_quiet_monitor_are_skipped_only_while_the_processor_saw_every_result_in_between(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        var processor = w.Get<AlertProcessor>();
        await w.HookChannelAsync("webhook", "/hook");

        // The first clean check takes the full path (nothing is known yet) and leaves the monitor quiet.
        await w.ApplyAsync(w.Observe(MonitorHealth.Up));
        Assert.Equal(0, processor.Skipped);
        await w.ApplyAsync(w.Observe(MonitorHealth.Up));
        await w.ApplyAsync(w.Observe(MonitorHealth.Up));
        Assert.Equal(2, processor.Skipped);

        // A failure is never skipped, and it ends the quiet spell: the recovery resolves the alert.
        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down())));
        Assert.Equal(1, await w.ApplyAsync(w.Observe(MonitorHealth.Up)));
        Assert.Equal(2, processor.Skipped);
        await using (var db = w.Db.Context())
        {
            Assert.Equal(AlertState.Resolved, (await db.Alerts.SingleAsync()).State);
        }

        // Meanwhile another node checked the monitor and opened an alert: the next clean check here does not follow
        // the result this processor applied, so it takes the full path and resolves that alert.
        var foreign = w.Observe(MonitorHealth.Down, AlertWorld.Down());
        await using (var db = w.Db.Context())
        {
            db.Alerts.Add(new Alert
            {
                Id = Guid.NewGuid(), WebsiteId = w.Site.Id, MonitorId = w.Monitor, MonitorKind = MonitorKind.Availability, Source = AlertSource.Down,
                Fingerprint = AlertProcessor.Fingerprint(w.Monitor, "monitor.down", nameof(MonitorKind.Availability), null), Category = Categories.AvailabilityDown,
                Rule = "monitor.down", Severity = Severity.High, State = AlertState.Open, SummaryZh = "连接超时", SummaryEn = "connect timed out",
                OpenedAt = foreign.CheckedAt, LastSeenAt = foreign.CheckedAt, Count = 1, FirstResultId = foreign.ResultId, LastResultId = foreign.ResultId, Version = 1,
            });
            await db.SaveChangesAsync();
        }

        await w.ApplyAsync(w.Observe(MonitorHealth.Up));
        Assert.Equal(2, processor.Skipped);
        await using (var db = w.Db.Context())
        {
            Assert.All(await db.Alerts.ToListAsync(), a => Assert.Equal(AlertState.Resolved, a.State));
        }

        // Quiet again from here on.
        await w.ApplyAsync(w.Observe(MonitorHealth.Up));
        Assert.Equal(3, processor.Skipped);
    }
}
