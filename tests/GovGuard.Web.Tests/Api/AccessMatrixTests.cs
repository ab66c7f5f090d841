using System.Net.Http.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Tests.Planning;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Incidents;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GovGuard.Web.Tests.Api;

/// <summary>
/// Every API endpoint × every kind of caller, with the status each must get. The table must name every
/// endpoint the server maps: a new endpoint without an entry fails <see cref="Every_endpoint_has_an_entry"/>.
/// </summary>
public sealed partial class AccessMatrixTests(AccessMatrixTests.SharedHost shared, ITestOutputHelper output) : IClassFixture<AccessMatrixTests.SharedHost>
{
    /// <summary>One server for the whole table; each row seeds worlds of its own (names made unique).</summary>
    public sealed class SharedHost : IAsyncLifetime
    {
        private int _worlds;

        public TestHost Host { get; private set; } = null!;

        public string NextSuffix() => Interlocked.Increment(ref _worlds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public async Task InitializeAsync() => Host = await TestHost.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    /// <summary>The callers, in the order each row runs them (least privileged first).</summary>
    private static readonly string[] Callers = ["anonymous", "outsider", "viewer", "assessor", "provider", "member", "owner", "admin"];

    private sealed record World(
        TestHost Host,
        Dictionary<string, TestUser> Users,
        Guid CustomerOrg,
        string CustomerName,
        Guid SecurityOrg,
        WebsiteView Site,
        Guid ProviderEngagement,
        Guid Alert,
        Guid OwnerChannel,
        Guid Window,
        Guid MonitorId,
        Guid OperationReport,
        Guid Incident = default,
        Guid ReportTask = default,
        Guid ImprovementAction = default,
        Guid TamperMonitorId = default,
        Guid TamperChangeId = default);

    /// <summary>One endpoint: how to call it and what each caller gets (statuses in <see cref="Callers"/> order).</summary>
    /// <remarks>A row marked <c>FreshWorldAfterSuccess</c> changes what later callers would see, so a success is followed by a new world.</remarks>
    private sealed record Row(string Method, string Route, Func<World, string, string> Url, Func<World, string, object?>? Body, string Expect, bool FreshWorldAfterSuccess = false, bool Passwords = false);

    /// <summary>The agent registered in each world, by website.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> AgentOf = new();

    private static readonly Row[] Rows =
    [
        new("POST", "/api/v1/auth/token", (_, _) => "/api/v1/auth/token", (w, c) => new { userName = "nobody", password = "wrong" },
            "400 400 400 400 400 400 400 400"),

        new("GET", "/api/v1/account/", (_, _) => "/api/v1/account", null, "401 200 200 200 200 200 200 200"),
        new("POST", "/api/v1/account/password", (_, _) => "/api/v1/account/password",
            (w, c) => new { currentPassword = w.Users[c].Password, newPassword = "N3wPassword-" + c },
            "401 204 204 204 204 204 204 204", Passwords: true),
        new("GET", "/api/v1/account/tokens", (_, _) => "/api/v1/account/tokens", null, "401 200 200 200 200 200 200 200"),
        new("POST", "/api/v1/account/tokens", (_, _) => "/api/v1/account/tokens", (_, _) => new { name = "ci", days = 7 }, "401 201 201 201 201 201 201 201"),
        // Everyone tries to revoke the owner's token: only the owner may.
        new("DELETE", "/api/v1/account/tokens/{id:guid}", (w, _) => $"/api/v1/account/tokens/{w.Users["owner"].TokenId}", null,
            "401 404 404 404 404 404 200 404", FreshWorldAfterSuccess: true),
        new("GET", "/api/v1/account/two-factor", (_, _) => "/api/v1/account/two-factor", null, "401 200 200 200 200 200 200 200"),
        new("POST", "/api/v1/account/two-factor", (_, _) => "/api/v1/account/two-factor", (_, _) => new { code = "000000" }, "401 400 400 400 400 400 400 400"),
        new("POST", "/api/v1/account/two-factor/disable", (_, _) => "/api/v1/account/two-factor/disable", (_, _) => new { code = "" }, "401 204 204 204 204 204 204 204"),

        new("GET", "/api/v1/organisations/", (_, _) => "/api/v1/organisations", null, "401 200 200 200 200 200 200 200"),
        new("GET", "/api/v1/organisations/{id:guid}", (w, _) => $"/api/v1/organisations/{w.CustomerOrg}", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/organisations/", (_, _) => "/api/v1/organisations", (w, c) => new { name = "新单位 " + c + w.CustomerName, kind = "system_integrator" },
            "401 403 403 403 403 403 403 201"),
        new("PUT", "/api/v1/organisations/{id:guid}", (w, _) => $"/api/v1/organisations/{w.CustomerOrg}", (_, _) => new { name = "某市人民政府", contactName = "张三" },
            "401 404 403 403 403 403 200 200"),

        new("GET", "/api/v1/users/", (_, _) => "/api/v1/users", null, "401 200 200 200 200 200 200 200"),
        new("GET", "/api/v1/users/{id:guid}", (w, _) => $"/api/v1/users/{w.Users["member"].Id}", null, "401 404 200 404 404 200 200 200"),
        new("POST", "/api/v1/users/", (_, _) => "/api/v1/users",
            (w, c) => new { userName = "new." + c + "." + w.Users["owner"].UserName, displayName = "新用户", organisationId = w.CustomerOrg, role = "member", password = "Passw0rd-new-" + c },
            "401 403 403 403 403 403 201 201"),
        new("PUT", "/api/v1/users/{id:guid}", (w, _) => $"/api/v1/users/{w.Users["member"].Id}", (_, _) => new { displayName = "改名" },
            "401 404 403 404 404 403 200 200"),

        new("GET", "/api/v1/websites/", (_, _) => "/api/v1/websites", null, "401 200 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{id:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/", (_, _) => "/api/v1/websites",
            (w, c) => new { name = "新网站 " + c, domains = new[] { c + ".example.gov.cn" }, protectionLevel = 2, serviceModel = "iaas", deploymentModel = "gov_cloud", customerId = w.CustomerOrg },
            "401 403 403 403 403 201 201 201"),
        new("PUT", "/api/v1/websites/{id:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}",
            (w, _) => new { name = "市政府门户网站（改）", domains = w.Site.Domains, protectionLevel = 2, serviceModel = "iaas", deploymentModel = "gov_cloud" },
            "401 404 403 403 403 200 200 200"),
        new("DELETE", "/api/v1/websites/{id:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}", null,
            "401 404 403 403 403 403 204 204", FreshWorldAfterSuccess: true),

        new("GET", "/api/v1/websites/{websiteId:guid}/engagements/", (w, _) => $"/api/v1/websites/{w.Site.Id}/engagements", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/engagements/", (w, _) => $"/api/v1/websites/{w.Site.Id}/engagements",
            (w, _) => new { organisationId = w.SecurityOrg, role = "security_service" },
            "401 404 403 403 403 403 201 201", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/engagements/{id:guid}/end", (w, _) => $"/api/v1/websites/{w.Site.Id}/engagements/{w.ProviderEngagement}/end", (_, _) => new { },
            "401 404 403 403 403 403 200 200", FreshWorldAfterSuccess: true),

        // Compliance workspace. 5.2.1.a falls on the customer alone; unknown ids are "not found" to everyone.
        new("GET", "/api/v1/websites/{websiteId:guid}/duties", (w, _) => $"/api/v1/websites/{w.Site.Id}/duties?phase=planning", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/duties/{dutyId}", (w, _) => $"/api/v1/websites/{w.Site.Id}/duties/5.2.1.a", null, "401 404 200 200 200 200 200 200"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/duties/{dutyId}", (w, _) => $"/api/v1/websites/{w.Site.Id}/duties/5.2.1.a",
            (_, _) => new { status = "in_progress", version = 1 }, "401 404 403 403 403 200 200 200", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/duties/{dutyId}/comments", (w, _) => $"/api/v1/websites/{w.Site.Id}/duties/5.2.1.a/comments",
            (_, c) => new { body = "意见 " + c }, "401 404 403 403 403 201 201 201"),
        new("POST", "/api/v1/websites/{websiteId:guid}/duties/{dutyId}/evidence", (w, _) => $"/api/v1/websites/{w.Site.Id}/duties/5.2.1.a/evidence",
            (w, _) => new { kind = "record_link", title = "网站登记信息", linkType = "website", linkId = w.Site.Id.ToString() }, "401 404 403 403 403 201 201 201"),
        new("GET", "/api/v1/websites/{websiteId:guid}/sign-offs", (w, _) => $"/api/v1/websites/{w.Site.Id}/sign-offs", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/sign-offs", (w, _) => $"/api/v1/websites/{w.Site.Id}/sign-offs",
            (_, _) => new { phase = "planning", statement = "规划准备阶段材料齐备" }, "401 404 403 201 403 403 403 403"),
        new("GET", "/api/v1/websites/{websiteId:guid}/sign-offs/{id:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/sign-offs/{Guid.NewGuid()}", null, "401 404 404 404 404 404 404 404"),
        new("GET", "/api/v1/websites/{websiteId:guid}/sign-offs/{id:guid}/verify", (w, _) => $"/api/v1/websites/{w.Site.Id}/sign-offs/{Guid.NewGuid()}/verify", null, "401 404 404 404 404 404 404 404"),
        new("GET", "/api/v1/evidence/{id:guid}", (_, _) => $"/api/v1/evidence/{Guid.NewGuid()}", null, "401 404 404 404 404 404 404 404"),
        new("GET", "/api/v1/evidence/{id:guid}/content", (_, _) => $"/api/v1/evidence/{Guid.NewGuid()}/content", null, "401 404 404 404 404 404 404 404"),
        new("POST", "/api/v1/evidence/{id:guid}/reviews", (_, _) => $"/api/v1/evidence/{Guid.NewGuid()}/reviews", (_, _) => new { verdict = "accepted" }, "401 404 404 404 404 404 404 404"),
        new("GET", "/api/v1/websites/{id:guid}/lifecycle", (w, _) => $"/api/v1/websites/{w.Site.Id}/lifecycle", null, "401 404 200 200 200 200 200 200"),
        // Planning → migration is refused by its gates (409) for whoever may ask at all.
        new("POST", "/api/v1/websites/{id:guid}/transition", (w, _) => $"/api/v1/websites/{w.Site.Id}/transition", (_, _) => new { to = "migration" }, "401 404 403 403 403 409 409 409"),
        new("POST", "/api/v1/websites/{id:guid}/facts", (w, _) => $"/api/v1/websites/{w.Site.Id}/facts",
            (_, _) => new { fact = "contract_signed", value = true, note = "合同编号 HT-2026-001" }, "401 404 403 403 403 201 201 201"),
        new("GET", "/api/v1/alerts/", (_, _) => "/api/v1/alerts?state=active", null, "401 200 200 200 200 200 200 200"),
        new("GET", "/api/v1/alerts/{id:guid}", (w, _) => $"/api/v1/alerts/{w.Alert}", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/alerts/{id:guid}/acknowledge", (w, _) => $"/api/v1/alerts/{w.Alert}/acknowledge", (_, _) => new { },
            "401 404 403 403 200 200 200 200"),
        new("POST", "/api/v1/alerts/{id:guid}/resolve", (w, _) => $"/api/v1/alerts/{w.Alert}/resolve", (_, c) => new { note = "已处理 " + c },
            "401 404 403 403 200 200 200 200", FreshWorldAfterSuccess: true),
        new("GET", "/api/v1/websites/{websiteId:guid}/alert-settings/", (w, _) => $"/api/v1/websites/{w.Site.Id}/alert-settings", null, "401 404 200 200 200 200 200 200"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/alert-settings/", (w, _) => $"/api/v1/websites/{w.Site.Id}/alert-settings",
            (_, _) => new { minFindingSeverity = "high", incompleteAfterChecks = 3 }, "401 404 403 403 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/maintenance-windows/", (w, _) => $"/api/v1/websites/{w.Site.Id}/maintenance-windows", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/maintenance-windows/", (w, _) => $"/api/v1/websites/{w.Site.Id}/maintenance-windows",
            (_, c) => new { startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(2), reason = "系统升级 " + c },
            "401 404 403 403 201 201 201 201"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/maintenance-windows/{id:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/maintenance-windows/{w.Window}",
            (_, c) => new { startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(3), reason = "延长 " + c },
            "401 404 403 403 200 200 200 200"),
        new("DELETE", "/api/v1/websites/{websiteId:guid}/maintenance-windows/{id:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/maintenance-windows/{w.Window}", null,
            "401 404 403 403 204 204 204 204", FreshWorldAfterSuccess: true),

        new("GET", "/api/v1/notification-channels/", (_, _) => "/api/v1/notification-channels", null, "401 200 200 200 200 200 200 200"),
        new("GET", "/api/v1/notification-channels/{id:guid}", (w, _) => $"/api/v1/notification-channels/{w.OwnerChannel}", null, "401 404 200 404 404 200 200 200"),
        // A channel for the website: whoever works on it and may write.
        new("POST", "/api/v1/notification-channels/", (_, _) => "/api/v1/notification-channels",
            (w, c) => new { name = "值班群 " + c, kind = "webhook", websiteId = w.Site.Id, minSeverity = "high", url = "https://1.1.1.1/govguard-hook", secret = "s-" + c },
            "401 404 403 403 201 201 201 201"),
        // The owner's default channel: only its administrators change it.
        new("PUT", "/api/v1/notification-channels/{id:guid}", (w, _) => $"/api/v1/notification-channels/{w.OwnerChannel}", (_, _) => new { name = "改名的渠道", minSeverity = "low" },
            "401 404 403 404 404 403 200 200"),
        new("DELETE", "/api/v1/notification-channels/{id:guid}", (w, _) => $"/api/v1/notification-channels/{w.OwnerChannel}", null,
            "401 404 403 404 404 403 204 204", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/notification-channels/{id:guid}/test", (w, _) => $"/api/v1/notification-channels/{w.OwnerChannel}/test", (_, _) => new { },
            "401 404 403 404 404 403 200 200"),
        new("GET", "/api/v1/notification-deliveries/", (_, _) => "/api/v1/notification-deliveries", null, "401 200 200 200 200 200 200 200"),
        // Planning artefacts: the world holds a draft website inventory (v1) and an approved SLA.
        new("GET", "/api/v1/websites/{websiteId:guid}/planning/", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/planning/sla-terms", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/sla-terms", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/planning/{kind}", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/website_inventory", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/planning/{kind}/start", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/contract_checklist/start", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/planning/{kind}/versions", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/sla/versions", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/planning/{kind}/versions/{number:int}", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/website_inventory/versions/1", null, "401 404 200 200 200 200 200 200"),
        // The provider drafts the migration plan (5.2.2 c); the assessor and the platform operator do not write.
        new("PUT", "/api/v1/websites/{websiteId:guid}/planning/{kind}", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/migration_plan",
            (_, _) => new { payload = PlanningSamples.For(ArtefactKind.MigrationPlan) }, "401 404 403 403 200 200 200 403"),
        // Only the customer and the kind's contributors submit (the provider does not write the inventory).
        new("POST", "/api/v1/websites/{websiteId:guid}/planning/{kind}/versions/{number:int}/submit", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/website_inventory/versions/1/submit", (_, _) => new { },
            "401 404 403 403 403 200 200 403", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/planning/{kind}/versions/{number:int}/approve", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/website_inventory/versions/1/approve", (_, _) => new { },
            "401 404 403 403 403 403 200 403", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/planning/{kind}/versions/{number:int}/reviews", (w, _) => $"/api/v1/websites/{w.Site.Id}/planning/website_inventory/versions/1/reviews",
            (_, _) => new { verdict = "concerns", note = "网络设备清单不完整。" }, "401 404 403 201 403 403 403 403"),

        // Compliance report: everyone who sees the website reads it, the assessor included. The PDF row asks for a phase
        // that does not exist, so it checks access (404 before 400) without starting a browser per caller.
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/compliance", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/compliance", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/compliance.csv", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/compliance.csv?phase=planning", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/compliance.xlsx", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/compliance.xlsx?phase=exit", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/compliance.pdf", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/compliance.pdf?phase=nonsense", null, "401 404 400 400 400 400 400 400"),

        // Operation report: everyone who sees the website reads it; the owner's members, the provider and agents with write access store it.
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/operation", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/operation?month=2026-10", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/operation.xlsx", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/operation.xlsx?from=2026-10-01&to=2026-10-08", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/operation.pdf", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/operation.pdf?month=nonsense", null, "401 404 400 400 400 400 400 400"),
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/operation/records", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/operation/records", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/reports/operation/records", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/operation/records", (_, _) => new { month = "2026-10" },
            "401 404 403 403 201 201 201 201"),
        new("GET", "/api/v1/websites/{websiteId:guid}/reports/operation/records/{recordId:guid}", (w, _) => $"/api/v1/websites/{w.Site.Id}/reports/operation/records/{w.OperationReport}", null, "401 404 200 200 200 200 200 200"),
        // Migration (6.3–6.4): the owner and engaged suppliers write; uploads without a file are refused after the access check;
        // the trial is the owner's; the verdict is the engaged assessor's alone.
        new("GET", "/api/v1/websites/{websiteId:guid}/migration/", (w, _) => $"/api/v1/websites/{w.Site.Id}/migration", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/migration/records", (w, _) => $"/api/v1/websites/{w.Site.Id}/migration/records",
            (_, c) => new { kind = "switchover_test", title = "切换测试 " + c, passed = true }, "401 404 403 403 201 201 201 201"),
        new("POST", "/api/v1/websites/{websiteId:guid}/migration/backups", (w, _) => $"/api/v1/websites/{w.Site.Id}/migration/backups", (_, _) => new { },
            "401 404 403 403 400 400 400 400"),
        new("POST", "/api/v1/websites/{websiteId:guid}/migration/rollbacks", (w, _) => $"/api/v1/websites/{w.Site.Id}/migration/rollbacks", (_, _) => new { },
            "401 404 403 403 400 400 400 400"),
        new("POST", "/api/v1/websites/{websiteId:guid}/migration/trials", (w, _) => $"/api/v1/websites/{w.Site.Id}/migration/trials",
            (_, _) => new { plan = "试运行两周", endsAt = DateTimeOffset.UtcNow.AddDays(14), intervalSeconds = 60, backupEveryHours = 4 },
            "401 404 403 403 403 201 201 201", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/websites/{websiteId:guid}/migration/trials/{trialId:guid}/end", (w, _) => $"/api/v1/websites/{w.Site.Id}/migration/trials/{Guid.NewGuid()}/end", (_, _) => new { },
            "401 404 404 404 404 404 404 404"),
        new("POST", "/api/v1/websites/{websiteId:guid}/migration/acceptance/verdicts", (w, _) => $"/api/v1/websites/{w.Site.Id}/migration/acceptance/verdicts",
            (_, _) => new { passed = false, note = "尚有中危未整改" }, "401 404 403 201 403 403 403 403"),

        // Exit (8): the customer plans and checks, its administrator approves, the provider hands over and destroys, the assessor verifies.
        new("GET", "/api/v1/websites/{websiteId:guid}/exit/", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit", null, "401 404 200 200 200 200 200 200"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/exit/plan", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/plan",
            (_, _) => new { roles = "客户组织，云服务商返还", schedule = "两周内完成", contractConditions = "合同第 9 条" }, "401 404 403 403 403 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/exit/plan/approve", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/plan/approve", (_, _) => new { },
            "401 404 403 403 403 403 404 404"),
        new("POST", "/api/v1/websites/{websiteId:guid}/exit/handover", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/handover",
            (_, c) => new { kind = "dataset", name = "业务数据 " + c, owner = "信息处" }, "401 404 403 403 201 201 201 201"),
        new("POST", "/api/v1/websites/{websiteId:guid}/exit/handover/{itemId:guid}/manifest", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/handover/{Guid.NewGuid()}/manifest", (_, _) => new { },
            "401 404 404 404 404 404 404 404"),
        new("POST", "/api/v1/websites/{websiteId:guid}/exit/handover/{itemId:guid}/checks", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/handover/{Guid.NewGuid()}/checks", (_, _) => new { },
            "401 404 404 404 404 404 404 404"),
        new("POST", "/api/v1/websites/{websiteId:guid}/exit/records", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/records",
            (_, c) => new { kind = "deletion_plan", title = "数据清除方案 " + c }, "401 404 403 403 201 201 201 201"),
        new("POST", "/api/v1/websites/{websiteId:guid}/exit/post-exit-checks", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/post-exit-checks",
            (_, _) => new { url = "ftp://old.example.gov.cn/", sample = "短" }, "401 404 403 400 403 400 400 400"),
        new("GET", "/api/v1/websites/{websiteId:guid}/exit/certificate", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/certificate", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/exit/certificate.pdf", (w, _) => $"/api/v1/websites/{w.Site.Id}/exit/certificate.pdf?lang=fr", null, "401 404 400 400 400 400 400 400"),

        new("GET", "/api/v1/audit/records", (_, _) => "/api/v1/audit/records", null, "401 403 403 200 403 403 200 200"),
        new("GET", "/api/v1/audit/export", (_, _) => "/api/v1/audit/export?format=jsonl", null, "401 403 403 200 403 403 200 200"),
        new("GET", "/api/v1/audit/kinds", (_, _) => "/api/v1/audit/kinds", null, "401 200 200 200 200 200 200 200"),
        new("PUT", "/api/v1/audit/kinds", (_, _) => "/api/v1/audit/kinds", (_, _) => new Dictionary<string, bool> { ["website.updated"] = true },
            "401 403 403 403 403 403 403 200"),
        new("GET", "/api/v1/audit/verify", (_, _) => "/api/v1/audit/verify", null, "401 403 403 403 403 403 403 200"),

        // Monitors: whoever sees the website reads them; the owner and engaged contributors (not assessors, not viewers) change them.
        new("GET", "/api/v1/websites/{websiteId:guid}/monitors/", (w, _) => $"/api/v1/websites/{w.Site.Id}/monitors", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/monitors/", (w, _) => $"/api/v1/websites/{w.Site.Id}/monitors",
            (_, c) => new { kind = "availability", name = "首页 " + c, target = "https://www.example.gov.cn/" + c },
            "401 404 403 403 201 201 201 201"),
        new("POST", "/api/v1/websites/{websiteId:guid}/monitors/defaults", (w, _) => $"/api/v1/websites/{w.Site.Id}/monitors/defaults", null,
            "401 404 403 403 200 200 200 200"),
        new("GET", "/api/v1/monitors/{id:guid}", (w, _) => $"/api/v1/monitors/{w.MonitorId}", null, "401 404 200 200 200 200 200 200"),
        new("PUT", "/api/v1/monitors/{id:guid}", (w, _) => $"/api/v1/monitors/{w.MonitorId}",
            (_, c) => new { name = "首页（改）" + c, target = "https://www.example.gov.cn/" },
            "401 404 403 403 200 200 200 200"),
        new("DELETE", "/api/v1/monitors/{id:guid}", (w, _) => $"/api/v1/monitors/{w.MonitorId}", null,
            "401 404 403 403 204 204 204 204", FreshWorldAfterSuccess: true),
        new("GET", "/api/v1/monitors/{id:guid}/results", (w, _) => $"/api/v1/monitors/{w.MonitorId}/results?limit=5", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/monitors/{id:guid}/check-now", (w, _) => $"/api/v1/monitors/{w.MonitorId}/check-now", null,
            "401 404 403 403 200 200 200 200"),
        new("GET", "/api/v1/monitoring/overview", (_, _) => "/api/v1/monitoring/overview", null, "401 200 200 200 200 200 200 200"),

        // Incidents: whoever sees the website reads; the owner and engaged contributors who may write act (not assessors, not viewers).
        new("GET", "/api/v1/incidents/", (_, _) => "/api/v1/incidents?open=true", null, "401 200 200 200 200 200 200 200"),
        new("GET", "/api/v1/incidents/overdue-reports", (_, _) => "/api/v1/incidents/overdue-reports", null, "401 200 200 200 200 200 200 200"),
        new("GET", "/api/v1/incidents/{id:guid}", (w, _) => $"/api/v1/incidents/{w.Incident}", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/incidents", (w, _) => $"/api/v1/websites/{w.Site.Id}/incidents",
            (_, c) => new { title = "首页被篡改 " + c, category = "web_tampering", grade = "general" }, "401 404 403 403 201 201 201 201"),
        new("POST", "/api/v1/alerts/incident", (_, _) => "/api/v1/alerts/incident", (w, _) => new { alertIds = new[] { w.Alert }, grade = "general" },
            "401 404 403 403 201 201 201 201", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/incidents/{id:guid}/stage", (w, _) => $"/api/v1/incidents/{w.Incident}/stage", (_, c) => new { to = "analysed", note = "研判完成 " + c },
            "401 404 403 403 200 200 200 200", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/incidents/{id:guid}/entries", (w, _) => $"/api/v1/incidents/{w.Incident}/entries", (_, c) => new { text = "排查日志 " + c },
            "401 404 403 403 200 200 200 200"),
        new("PUT", "/api/v1/incidents/{id:guid}/grade", (w, _) => $"/api/v1/incidents/{w.Incident}/grade", (_, c) => new { grade = "relatively_major", note = "影响扩大 " + c },
            "401 404 403 403 200 200 200 200"),
        new("POST", "/api/v1/incidents/{id:guid}/alerts", (w, _) => $"/api/v1/incidents/{w.Incident}/alerts", (w, _) => new { alertIds = new[] { w.Alert } },
            "401 404 403 403 200 200 200 200", FreshWorldAfterSuccess: true),
        new("POST", "/api/v1/incidents/{id:guid}/reports/{taskId:guid}/done", (w, _) => $"/api/v1/incidents/{w.Incident}/reports/{w.ReportTask}/done",
            (_, c) => new { reportedTo = "网站管理办公室", summary = "电话报告 " + c }, "401 404 403 403 200 200 200 200", FreshWorldAfterSuccess: true),
        // The seeded incident is only detected: a review is refused (409) for whoever may write one at all.
        new("PUT", "/api/v1/incidents/{id:guid}/review", (w, _) => $"/api/v1/incidents/{w.Incident}/review",
            (_, _) => new { cause = "弱口令", impact = "首页篡改", whatWorked = "备份", lessons = "加强口令" }, "401 404 403 403 409 409 409 409"),
        // A JSON body is not a file: access first, then the missing file (400).
        new("POST", "/api/v1/incidents/{id:guid}/files", (w, _) => $"/api/v1/incidents/{w.Incident}/files", (_, _) => new { title = "截图" }, "401 404 403 403 400 400 400 400"),
        new("GET", "/api/v1/incidents/{id:guid}/files/{fileId:guid}/content", (w, _) => $"/api/v1/incidents/{w.Incident}/files/{Guid.NewGuid()}/content", null,
            "401 404 404 404 404 404 404 404"),

        // Inspection and improvement (7.6, 7.2.1 a): the same standing as incidents.
        new("GET", "/api/v1/websites/{websiteId:guid}/improvement", (w, _) => $"/api/v1/websites/{w.Site.Id}/improvement", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/improvement-actions", (w, _) => $"/api/v1/websites/{w.Site.Id}/improvement-actions",
            (w, c) => new { title = "整改 " + c, ownerOrganisationId = w.CustomerOrg, dueOn = "2030-01-31" }, "401 404 403 403 201 201 201 201"),
        new("POST", "/api/v1/improvement-actions/{id:guid}/status", (w, _) => $"/api/v1/improvement-actions/{w.ImprovementAction}/status",
            (_, _) => new { status = "in_progress" }, "401 404 403 403 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/inspection-plans", (w, _) => $"/api/v1/websites/{w.Site.Id}/inspection-plans",
            (_, c) => new { title = "季度检查 " + c, scope = "门户网站", method = "检查表", frequency = "quarterly", startsOn = "2030-01-01" }, "401 404 403 403 201 201 201 201"),
        new("POST", "/api/v1/websites/{websiteId:guid}/inspections", (w, _) => $"/api/v1/websites/{w.Site.Id}/inspections",
            (_, c) => new { performedOn = "2026-01-15", inspectors = "检查组 " + c, scope = "门户网站", report = "未发现问题" }, "401 404 403 403 201 201 201 201"),
        new("PUT", "/api/v1/websites/{websiteId:guid}/continuity-plan", (w, _) => $"/api/v1/websites/{w.Site.Id}/continuity-plan",
            (_, c) => new { impactAnalysis = "影响 " + c, riskAssessment = "风险", team = "团队", testsAndDrills = "演练", steps = "步骤" }, "401 404 403 403 200 200 200 200"),
        new("GET", "/api/v1/websites/{websiteId:guid}/continuity-plan/versions/{number:int}", (w, _) => $"/api/v1/websites/{w.Site.Id}/continuity-plan/versions/1", null,
            "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/confidentiality-reviews", (w, _) => $"/api/v1/websites/{w.Site.Id}/confidentiality-reviews",
            (_, c) => new { reviewedOn = "2026-01-15", scope = "上云数据", reviewers = "保密办 " + c, result = "clear" }, "401 404 403 403 201 201 201 201"),
        .. RoutineRows,
        // Agents: read like monitors, registered and removed by the owner and engaged contributors; reports take an agent token, never a user's.
        new("GET", "/api/v1/websites/{websiteId:guid}/agents/", (w, _) => $"/api/v1/websites/{w.Site.Id}/agents", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/websites/{websiteId:guid}/agents/", (w, _) => $"/api/v1/websites/{w.Site.Id}/agents", (_, c) => new { name = "web-" + c },
            "401 404 403 403 201 201 201 201"),
        new("GET", "/api/v1/agents/{id:guid}", (w, _) => $"/api/v1/agents/{AgentOf[w.Site.Id]}", null, "401 404 200 200 200 200 200 200"),
        new("DELETE", "/api/v1/agents/{id:guid}", (w, _) => $"/api/v1/agents/{AgentOf[w.Site.Id]}", null,
            "401 404 403 403 204 204 204 204", FreshWorldAfterSuccess: true),
        new("GET", "/api/v1/agents/{id:guid}/events", (w, _) => $"/api/v1/agents/{AgentOf[w.Site.Id]}/events", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/agent/report", (_, _) => "/api/v1/agent/report", (_, _) => new { events = Array.Empty<object>() }, "401 401 401 401 401 401 401 401"),
        new("POST", "/api/v1/agent/metrics", (_, _) => "/api/v1/agent/metrics", (_, _) => new { }, "401 401 401 401 401 401 401 401"),
        // Page tamper: whoever sees the website reads baselines and changes; the owner and engaged contributors decide.
        new("GET", "/api/v1/monitors/{id:guid}/tamper/baselines", (w, _) => $"/api/v1/monitors/{w.TamperMonitorId}/tamper/baselines", null, "401 404 200 200 200 200 200 200"),
        new("GET", "/api/v1/monitors/{id:guid}/tamper/changes", (w, _) => $"/api/v1/monitors/{w.TamperMonitorId}/tamper/changes?state=pending", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/monitors/{id:guid}/tamper/baseline", (w, _) => $"/api/v1/monitors/{w.TamperMonitorId}/tamper/baseline", null,
            "401 404 403 403 200 200 200 200", FreshWorldAfterSuccess: true),
        new("GET", "/api/v1/tamper/changes/{changeId:guid}", (w, _) => $"/api/v1/tamper/changes/{w.TamperChangeId}", null, "401 404 200 200 200 200 200 200"),
        new("POST", "/api/v1/tamper/changes/{changeId:guid}/approve", (w, _) => $"/api/v1/tamper/changes/{w.TamperChangeId}/approve", (_, c) => new { note = "改版 " + c },
            "401 404 403 403 200 200 200 200", FreshWorldAfterSuccess: true),
    ];

    private static async Task<World> WorldAsync(TestHost host, string n, bool passwords)
    {
        var platform = await host.Organisation("平台运维中心" + n, OrganisationKind.SecurityServiceProvider);
        var customer = await host.Organisation("某市人民政府" + n, OrganisationKind.GovernmentCustomer);
        var provider = await host.Organisation("某云计算有限公司" + n, OrganisationKind.CloudProvider);
        var assessor = await host.Organisation("某测评中心" + n, OrganisationKind.ThirdPartyAssessor);
        var outsider = await host.Organisation("无关云服务商" + n, OrganisationKind.CloudProvider);
        var security = await host.Organisation("某安全服务公司" + n, OrganisationKind.SecurityServiceProvider);
        var users = new Dictionary<string, TestUser>
        {
            ["admin"] = await host.User("platform.admin." + n, platform.Id, OrgRole.Admin, platformAdmin: true, withPassword: passwords),
            ["owner"] = await host.User("owner.admin." + n, customer.Id, OrgRole.Admin, withPassword: passwords),
            ["member"] = await host.User("owner.member." + n, customer.Id, OrgRole.Member, withPassword: passwords),
            ["viewer"] = await host.User("owner.viewer." + n, customer.Id, OrgRole.Viewer, withPassword: passwords),
            ["provider"] = await host.User("provider.ops." + n, provider.Id, withPassword: passwords),
            ["assessor"] = await host.User("assessor.lead." + n, assessor.Id, withPassword: passwords),
            ["outsider"] = await host.User("outsider.ops." + n, outsider.Id, withPassword: passwords),
        };
        var owner = users["owner"].Caller;
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        var p = await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner, site.Id, new EngagementInput(provider.Id, "provider", null), CancellationToken.None));
        var a = await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner, site.Id, new EngagementInput(assessor.Id, "assessor", null), CancellationToken.None));
        Assert.True(p.Succeeded && a.Succeeded);
        var alert = await SeedAlertAsync(host, site.Id);
        var channel = await SeedChannelAsync(host, customer.Id);
        var window = await host.In(sp => sp.GetRequiredService<MaintenanceService>().CreateAsync(owner, site.Id,
            new MaintenanceInput(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(1).AddHours(1), "计划变更"), CancellationToken.None));
        Assert.True(window.Succeeded, window.Error?.Message.En);
        var m = await host.In(sp => sp.GetRequiredService<MonitorService>().CreateAsync(owner, site.Id,
            new MonitorInput("availability", "首页", "https://www.example.gov.cn/", IntervalSeconds: 3600), CancellationToken.None));
        Assert.True(m.Succeeded, m.Error?.Message.En);
        await SeedPlanningAsync(host, owner, site.Id);
        var report = await host.In(sp => sp.GetRequiredService<Platform.Reports.Operations.OperationReportService>().StoreAsync(owner, site.Id, new("2026-10"), CancellationToken.None));
        Assert.True(report.Succeeded, report.Error?.Message.En);
        var (incident, task, action) = await IncidentMatrixSeed.SeedAsync(host, owner, site.Id, customer.Id);
        await SeedRoutineAsync(host, users, site.Id);
        AgentOf[site.Id] = (await host.In(sp => sp.GetRequiredService<Platform.Agents.AgentService>().CreateAsync(owner, site.Id, new Platform.Agents.AgentInput("web-seed"), CancellationToken.None))).Value!.Id;
        var (tamperMonitor, tamperChange) = await SeedTamperChangeAsync(host, owner, site.Id);
        return new World(host, users, customer.Id, customer.Name, security.Id, site, p.Value!.Id, alert, channel, window.Value!.Id, m.Value!.Id, report.Value!.Id, incident, task, action, tamperMonitor, tamperChange);
    }

    /// <summary>A tamper monitor (never checked: hourly, on an unresolvable name) with one page baseline and one pending change, stored directly.</summary>
    private static async Task<(Guid Monitor, Guid Change)> SeedTamperChangeAsync(TestHost host, Platform.Access.Caller owner, Guid site)
    {
        var m = await host.In(sp => sp.GetRequiredService<MonitorService>().CreateAsync(owner, site,
            new MonitorInput("tamper", "首页防篡改", "https://www.example.gov.cn/", IntervalSeconds: 3600), CancellationToken.None));
        Assert.True(m.Succeeded, m.Error?.Message.En);
        var page = new Detection.Tamper.PageBaseline { Url = "https://www.example.gov.cn/", Title = "市政府门户网站", NormalizedTitle = "市政府门户网站" }.ToJson();
        var defaced = new Detection.Tamper.PageBaseline { Url = "https://www.example.gov.cn/", Title = "Hacked", NormalizedTitle = "Hacked" }.ToJson();
        var baseline = new Platform.Monitoring.Tamper.TamperBaseline
        {
            Id = Guid.NewGuid(), MonitorId = m.Value!.Id, WebsiteId = site, Url = "https://www.example.gov.cn/", Page = page, Sha256 = new string('a', 64),
            Origin = Platform.Monitoring.Tamper.TamperBaselineOrigins.First, TakenAt = DateTimeOffset.UtcNow, Version = 1,
        };
        var change = new Platform.Monitoring.Tamper.TamperChange
        {
            Id = Guid.NewGuid(), MonitorId = m.Value.Id, WebsiteId = site, Url = baseline.Url, BaselineId = baseline.Id, BaselinePage = page, CurrentPage = defaced,
            CurrentSha256 = new string('b', 64), Findings = "[]", Severity = "high", State = Platform.Monitoring.Tamper.TamperChangeState.Pending,
            DetectedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow, Count = 1, Version = 1,
        };
        await using var db = host.Db.Context();
        db.TamperBaselines.Add(baseline);
        db.TamperChanges.Add(change);
        await db.SaveChangesAsync();
        return (m.Value.Id, change.Id);
    }

    /// <summary>An open alert on the website, as the engine's observation of a monitor going down would open it.</summary>
    private static async Task<Guid> SeedAlertAsync(TestHost host, Guid websiteId)
    {
        var monitor = Guid.NewGuid();
        await host.App.Services.GetRequiredService<AlertProcessor>().ProcessAsync(new MonitorObservation(websiteId, monitor, MonitorKind.Availability,
            MonitorHealth.Down, DateTimeOffset.UtcNow, new("连接超时", "connect timed out"), [], 1), CancellationToken.None);
        await using var db = host.Db.Context();
        return await db.Alerts.Where(x => x.MonitorId == monitor).Select(x => x.Id).SingleAsync();
    }

    /// <summary>The owner's default channel, stored directly: its loopback URL is refused when sent, so a test send fails fast offline.</summary>
    private static async Task<Guid> SeedChannelAsync(TestHost host, Guid organisationId)
    {
        var box = host.App.Services.GetRequiredService<ChannelSecretBox>();
        var c = new NotificationChannel
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Name = "默认渠道",
            Kind = ChannelKind.Webhook,
            Host = "127.0.0.1",
            SettingsJson = "{}",
            ProtectedSecrets = box.Protect(new ChannelSecrets { Url = "http://127.0.0.1:9/hook" }),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
            Version = 1,
        };
        await using var db = host.Db.Context();
        db.NotificationChannels.Add(c);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private static async Task SeedPlanningAsync(TestHost host, Platform.Access.Caller owner, Guid site)
    {
        var inventory = await host.In(sp => sp.GetRequiredService<PlanningService>().SaveAsync(owner, site, "website_inventory", new ArtefactInput(PlanningSamples.For(ArtefactKind.WebsiteInventory)), CancellationToken.None));
        var sla = await host.In(sp => sp.GetRequiredService<PlanningService>().SaveAsync(owner, site, "sla", new ArtefactInput(PlanningSamples.For(ArtefactKind.Sla)), CancellationToken.None));
        var approved = await host.In(sp => sp.GetRequiredService<PlanningService>().ApproveAsync(owner, site, "sla", 1, CancellationToken.None));
        Assert.True(inventory.Succeeded && sla.Succeeded && approved.Succeeded);
    }

    [Fact]
    public void Every_endpoint_has_an_entry()
    {
        var mapped = shared.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);
        var table = Rows.Select(r => $"{r.Method} {r.Route}").ToHashSet(StringComparer.Ordinal);
        var missing = mapped.Except(table).Order().ToList();
        var stale = table.Except(mapped).Order().ToList();
        Assert.True(missing.Count == 0, "endpoints without an access-matrix entry: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "access-matrix entries for endpoints that do not exist: " + string.Join(", ", stale));
    }

    public static IEnumerable<object[]> RowNames() => Rows.Select(r => new object[] { $"{r.Method} {r.Route}" });

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task Each_caller_gets_exactly_its_status(string endpoint)
    {
        var row = Rows.Single(r => $"{r.Method} {r.Route}" == endpoint);
        var expected = row.Expect.Split(' ').Select(int.Parse).ToArray();
        Assert.Equal(Callers.Length, expected.Length);
        var failures = new List<string>();
        var host = shared.Host;
        World? world = null;
        for (var i = 0; i < Callers.Length; i++)
        {
            world ??= await WorldAsync(host, shared.NextSuffix(), row.Passwords);
            var caller = Callers[i];
            var client = host.Client(caller == "anonymous" ? null : world.Users[caller].Token);
            using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Url(world, caller));
            if (row.Body is not null)
            {
                request.Content = JsonContent.Create(row.Body(world, caller == "anonymous" ? "owner" : caller));
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            output.WriteLine($"{caller,-10} {status}");
            if (status != expected[i])
            {
                failures.Add($"{caller}: expected {expected[i]}, got {status} {await response.Content.ReadAsStringAsync()}");
            }

            if (row.FreshWorldAfterSuccess && status < 300)
            {
                world = null;
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
