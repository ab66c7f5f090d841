using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GovGuard.Catalog.Roles;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Reports.Operations;
using GovGuard.Platform.Tests.Alerts;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovGuard.Platform.Tests.Reports;

public sealed class OperationReportTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Theory]
    [Databases]
    public async Task The_monthly_report_measures_availability_from_the_raw_checks_and_lists_every_breach(string kind)
    {
        await using var w = await World.CreateAsync(kind, new DateTimeOffset(2026, 11, 15, 9, 0, 0, TimeSpan.FromHours(8)));
        await MonthOfMonitoring.ApproveSlaAsync(w.S.In, w.Customer, w.Site.Id);
        MonthOfMonitoring month;
        await using (var db = w.Db.Context())
        {
            month = await MonthOfMonitoring.SeedAsync(db, w.Site.Id);
        }

        // No period asked: the last complete calendar month in China Standard Time (the clock is in November).
        var report = (await w.Report(w.Assessor, new PeriodInput())).Value!;
        Assert.Equal(MonthOfMonitoring.Month, report.Month);
        Assert.Equal(month.Period, report.Period);

        var (up, down, percent) = month.Independent();
        var a = report.Availability;
        Assert.Equal((up, down), (a.UpSeconds, a.DownSeconds));
        Assert.Equal(percent, a.Percent!.Value, 9);
        Assert.InRange(a.DownSeconds, MonthOfMonitoring.DesignedDown.TotalSeconds - 360, MonthOfMonitoring.DesignedDown.TotalSeconds + 360);
        Assert.Equal(1, a.Monitors);
        Assert.Equal(month.Checks.Count(c => c.At >= month.Period.From), a.Checks);
        Assert.Equal(2 * 3600, a.MaintenanceSeconds);
        // The two-hour gap and the incomplete half hour, give or take a check interval each.
        Assert.InRange(a.UnmeasuredSeconds, (2.5 * 3600) - 400, (2.5 * 3600) + 100);
        Assert.Equal(31, a.Days.Count);
        Assert.Equal(a.UpSeconds, a.Days.Sum(d => d.UpSeconds));
        Assert.Equal(100.0, a.Days.Single(d => d.Day == new DateOnly(2026, 10, 1)).Percent);
        Assert.True(a.Days.Single(d => d.Day == new DateOnly(2026, 10, 20)).Percent == 100.0, "the outage inside the maintenance window is excluded");

        // Outages: the 45-minute one and the long one, not the one in maintenance.
        Assert.Equal(2, a.Outages.Count);
        var longest = a.Outages.MaxBy(o => o.Seconds)!;
        Assert.InRange(longest.Seconds, (330 * 60) - 70, (330 * 60) + 70);

        // Response time: the slow 15th breaks its day, not the month.
        var upLatencies = month.Checks.Where(c => c.At >= month.Period.From && c.RawHealth == MonitorHealth.Up && !(c.At >= month.Window.StartsAt && c.At < month.Window.EndsAt))
            .Select(c => c.LatencyMs!.Value).Order().ToList();
        Assert.Equal(upLatencies.Count, report.ResponseTime.Samples);
        Assert.Equal(upLatencies.Average(), report.ResponseTime.MeanMs!.Value, 6);
        Assert.Equal(upLatencies[(int)Math.Ceiling(0.95 * upLatencies.Count) - 1], report.ResponseTime.P95Ms);
        Assert.Equal(upLatencies[(int)Math.Ceiling(0.99 * upLatencies.Count) - 1], report.ResponseTime.P99Ms);

        // Breaches: availability for the month (by how much), each day below target, the slow day, the outage beyond the RTO, the late alerts.
        Assert.NotNull(report.Sla);
        Assert.Equal(99.95m, report.Sla!.AvailabilityPercent);
        Assert.False(report.SlaMet);
        var monthly = report.Breaches.Single(b => b.Scope == BreachScopes.Period);
        Assert.Equal((BreachTargets.Availability, "%"), (monthly.Target, monthly.Unit));
        Assert.Equal(99.95 - percent, monthly.Excess, 9);
        Assert.Equal(["2026-10-05", "2026-10-12"], report.Breaches.Where(b => b.Scope == BreachScopes.Day && b.Target == BreachTargets.Availability)
            .Select(b => b.From.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var slow = report.Breaches.Single(b => b.Scope == BreachScopes.Day && b.Target == BreachTargets.ResponseTime);
        Assert.Equal(new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.FromHours(8)), slow.From);
        Assert.True(slow.Actual > 800 && slow.Excess == slow.Actual - 800);
        var rto = report.Breaches.Single(b => b.Target == BreachTargets.Rto);
        Assert.Equal((240.0, longest.Seconds / 60.0 - 240), (rto.Goal, rto.Excess));
        Assert.Equal(2, report.Breaches.Count(b => b.Target == BreachTargets.AlertResponse));
        Assert.Contains(report.Breaches, b => b.Target == BreachTargets.AlertResponse && b.Actual == 300 && b.Excess == 60);

        // Alerts by category and severity, and how fast they were answered.
        Assert.Equal(4, report.Alerts.Opened);
        Assert.Equal(2, report.Alerts.ByCategory.Single(c => c.Category == "availability.down").BySeverity["critical"]);
        Assert.Equal((2, 1, 2), (report.Alerts.Acknowledged, report.Alerts.RecoveredUnattended, report.Alerts.LateResponses));
        Assert.Equal(300, report.Alerts.MaxMinutesToAcknowledge);

        // Findings counted once per rule and URL however often seen; vulnerabilities with their fixing time.
        var exposed = report.Findings.Single(f => f.Category == "vuln.exposed_file");
        Assert.Equal((1, 2, "high"), (exposed.Distinct, exposed.Occurrences, exposed.WorstSeverity));
        Assert.Equal((1, 1), (report.Findings.Single(f => f.Category == "vuln.missing_header").Distinct, report.Findings.Single(f => f.Category == "vuln.missing_header").Occurrences));
        Assert.Equal((2, 1, 1, 30.0), (report.Vulnerabilities.Total, report.Vulnerabilities.Fixed, report.Vulnerabilities.Open, report.Vulnerabilities.MeanHoursToFix));

        // The platform's own features contribute their sections (incidents, drills, changes, duty …), in their order.
        Assert.Contains(report.Sections, x => x.Key == "incidents");
        Assert.Equal(report.Sections.OrderBy(x => x.Order).Select(x => x.Key), report.Sections.Select(x => x.Key));

        // The Excel tables carry the same figure.
        var tables = OperationReportTables.All(report, Chinese);
        Assert.Contains(tables[0].Rows, r => (string?)r[0] == "可用性" && (string?)r[1] == OperationReportText.Percent(percent));
        Assert.All(tables, t => Assert.True(t.Name.Length <= 31));
    }

    [Fact]
    public async Task A_period_that_is_empty_reversed_too_long_or_badly_written_is_refused_naming_the_field()
    {
        await using var w = await World.CreateAsync("sqlite", DateTimeOffset.UtcNow);
        async Task<FieldError> Bad(PeriodInput input)
        {
            var r = await w.Report(w.Customer, input);
            Assert.Equal(ErrorKind.Validation, r.Error!.Kind);
            return Assert.Single(r.Error.Fields);
        }

        var reversed = await Bad(new(null, "2026-10-10", "2026-10-10"));
        Assert.Equal(("to", "after_from"), (reversed.Field, reversed.Rule));
        Assert.Contains("from", reversed.Message.Zh, StringComparison.Ordinal);
        var longer = await Bad(new(null, "2025-01-01", "2026-01-03"));
        Assert.Equal(("to", "max_length"), (longer.Field, longer.Rule));
        Assert.Contains("366", longer.Message.En, StringComparison.Ordinal);
        Assert.Equal(("month", "format"), (await Bad(new("2026-13")) is var m ? (m.Field, m.Rule) : default));
        Assert.Equal(("from", "format"), (await Bad(new(null, "10/01/2026", "2026-11-01")) is var f ? (f.Field, f.Rule) : default));
        Assert.Equal(("to", "required"), (await Bad(new(null, "2026-10-01", null)) is var t ? (t.Field, t.Rule) : default));
        Assert.Equal("exclusive", (await Bad(new("2026-10", "2026-10-01", "2026-11-01"))).Rule);

        // 366 days is allowed; an instant with an offset is taken as given.
        var year = (await w.Report(w.Customer, new(null, "2024-01-01", "2025-01-01"))).Value!;
        Assert.Equal(366, year.Availability.Days.Count);
        var hours = (await w.Report(w.Customer, new(null, "2026-10-01T08:00:00+08:00", "2026-10-02T00:00:00Z"))).Value!;
        Assert.Equal(TimeSpan.FromHours(24), hours.Period.Length);
        Assert.Null(hours.Availability.Percent);

        // The outsider learns nothing, not even that the period is wrong.
        Assert.Equal(ErrorKind.NotFound, (await w.Report(w.Outsider, new("garbage"))).Error!.Kind);
    }

    [Theory]
    [Databases]
    public async Task The_owner_provider_and_agents_store_reports_that_become_automatic_evidence_and_others_may_not(string kind)
    {
        await using var w = await World.CreateAsync(kind, new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var before = await w.Automatic("7.2.2.f");
        Assert.False(Assert.Single(before).Satisfied);

        var stored = await w.Store(w.Provider, new("2026-10"));
        Assert.True(stored.Succeeded, stored.Error?.Message.En);
        Assert.Equal(("operation_report", "provider", "2026-10"), (stored.Value!.Kind, stored.Value.IssuerRole, stored.Value.Month));
        var byAgent = await w.Store(w.Integrator, new(null, "2026-10-01", "2026-10-16"));
        Assert.Equal(("service_report", "integrator"), (byAgent.Value!.Kind, byAgent.Value.IssuerRole));
        Assert.Equal("customer", (await w.Store(w.Customer, new())).Value!.IssuerRole);

        foreach (var refused in new[] { w.Viewer, w.Assessor })
        {
            Assert.Equal(ErrorKind.Forbidden, (await w.Store(refused, new("2026-10"))).Error!.Kind);
        }

        Assert.Equal(ErrorKind.NotFound, (await w.Store(w.Outsider, new("2026-10"))).Error!.Kind);
        Assert.Equal("month", Assert.Single((await w.Store(w.Provider, new("10-2026"))).Error!.Fields).Field);

        // The duties of 7.2.2 f and 7.2.3 b now have their automatic evidence, linked to the stored report.
        var operation = Assert.Single(await w.Automatic("7.2.2.f"));
        Assert.True(operation.Satisfied);
        Assert.Equal(("operation_report", OperationReportLinkTarget.TypeCode), (operation.Source, operation.LinkType));
        var service = Assert.Single(await w.Automatic("7.2.3.b"));
        Assert.True(service.Satisfied);
        Assert.Equal(byAgent.Value.Id.ToString(), service.LinkId);

        // The stored snapshot verifies against its hashes and reads back as it was stored, for anyone who sees the website.
        await using (var db = w.Db.Context())
        {
            var row = await db.OperationReports.SingleAsync(r => r.Id == stored.Value.Id);
            var bytes = Encoding.UTF8.GetBytes(row.Snapshot);
            Assert.Equal(row.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(row.Sm3, Convert.ToHexStringLower(Sm3Hash.HashData(bytes)));
            Assert.Equal(3, await db.AuditRecords.CountAsync(r => r.Kind == OperationReportServices.StoredKind));
            Assert.Equal(2, await db.AuditRecords.CountAsync(r => r.Kind == Platform.Audit.AuditKinds.AccessDenied && r.ObjectType == "operation_report"));
        }

        var back = await w.S.In(sp => sp.GetRequiredService<OperationReportService>().GetStoredAsync(w.Assessor, w.Site.Id, stored.Value.Id, CancellationToken.None));
        Assert.Equal((stored.Value.Sha256, "provider"), (back.Value!.Stored!.Sha256, back.Value.Stored.IssuerRole));
        Assert.Equal(MonthOfMonitoring.Start.ToUniversalTime(), back.Value.Period.From);
        var list = (await w.S.In(sp => sp.GetRequiredService<OperationReportService>().ListAsync(w.Viewer, w.Site.Id, CancellationToken.None))).Value!;
        Assert.Equal(3, list.Count);
        Assert.Equal(ErrorKind.NotFound, (await w.S.In(sp => sp.GetRequiredService<OperationReportService>().GetStoredAsync(w.Outsider, w.Site.Id, stored.Value.Id, CancellationToken.None))).Error!.Kind);

        // Ninety days on, the operation report no longer counts as "regular".
        w.Clock.Advance(TimeSpan.FromDays(91));
        Assert.False(Assert.Single(await w.Automatic("7.2.2.f")).Satisfied);
    }

    [Fact]
    public async Task Sections_from_other_features_appear_in_their_order_and_one_with_nothing_to_say_is_left_out()
    {
        await using var w = await World.CreateAsync("sqlite", DateTimeOffset.UtcNow, services =>
        {
            // Only the test sections: the features' own are covered by their tests.
            services.RemoveAll<IOperationReportSection>();
            services.AddScoped<IOperationReportSection, TestSections.Drills>();
            services.AddScoped<IOperationReportSection, TestSections.Incidents>();
            services.AddScoped<IOperationReportSection, TestSections.Silent>();
        });
        var report = (await w.Report(w.Customer, new("2026-10"))).Value!;
        Assert.Equal(["incidents", "drills"], report.Sections.Select(s => s.Key));
        Assert.Empty(report.Sections[1].Tables);
        Assert.Equal(w.Site.Id.ToString(), report.Sections[0].Tables[0].Rows[0][0]);

        // Stored and read back, a section's cells are text, numbers and bilingual text again.
        var stored = (await w.Store(w.Customer, new("2026-10"))).Value!;
        var back = (await w.S.In(sp => sp.GetRequiredService<OperationReportService>().GetStoredAsync(w.Customer, w.Site.Id, stored.Id, CancellationToken.None))).Value!;
        Assert.Equal(report.Sections[0].Tables[0].Rows[0], back.Sections[0].Tables[0].Rows[0]);
        var tables = OperationReportTables.All(back, CultureInfo.GetCultureInfo("en"));
        Assert.Contains(tables, t => t.Name.StartsWith("Incidents", StringComparison.Ordinal) && t.Rows[0].Contains("Web tampering"));
    }

    /// <summary>A customer (admin and viewer), an engaged provider, integrator and assessor, and an outsider, over a fake clock.</summary>
    private sealed class World : IAsyncDisposable
    {
        private World(TestDatabase db, Services s, TestClock clock) => (Db, S, Clock) = (db, s, clock);

        public TestDatabase Db { get; }

        public Services S { get; }

        public TestClock Clock { get; }

        public Caller Customer { get; private set; } = null!;

        public Caller Viewer { get; private set; } = null!;

        public Caller Provider { get; private set; } = null!;

        public Caller Integrator { get; private set; } = null!;

        public Caller Assessor { get; private set; } = null!;

        public Caller Outsider { get; private set; } = null!;

        public WebsiteView Site { get; private set; } = null!;

        public static async Task<World> CreateAsync(string kind, DateTimeOffset now, Action<IServiceCollection>? configure = null)
        {
            var db = await TestDatabase.CreateAsync(kind);
            var clock = new TestClock(now);
            var w = new World(db, new Services(db, clock, configure), clock);
            var customer = await w.S.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
            var provider = await w.S.Organisation("某政务云有限公司", OrganisationKind.CloudProvider);
            var integrator = await w.S.Organisation("某系统集成有限公司", OrganisationKind.SystemIntegrator);
            var assessor = await w.S.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
            var outsider = await w.S.Organisation("无关单位", OrganisationKind.CloudProvider);
            w.Customer = await w.S.User("customer.admin", customer.Id, OrgRole.Admin);
            w.Viewer = await w.S.User("customer.viewer", customer.Id, OrgRole.Viewer);
            w.Provider = await w.S.User("provider.ops", provider.Id);
            w.Integrator = await w.S.User("integrator.eng", integrator.Id);
            w.Assessor = await w.S.User("assessor.lead", assessor.Id);
            w.Outsider = await w.S.User("outsider", outsider.Id);
            w.Site = (await w.S.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(w.Customer, Services.Website("市政府门户网站"), CancellationToken.None))).Value!;
            foreach (var (org, role) in new[] { (provider.Id, "provider"), (integrator.Id, "integrator"), (assessor.Id, "assessor") })
            {
                var e = await w.S.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(w.Customer, w.Site.Id, new EngagementInput(org, role, null), CancellationToken.None));
                Assert.True(e.Succeeded, e.Error?.Message.En);
            }

            return w;
        }

        public Task<Outcome<OperationReport>> Report(Caller c, PeriodInput input) =>
            S.In(sp => sp.GetRequiredService<OperationReportService>().BuildAsync(c, Site.Id, input, CancellationToken.None));

        public Task<Outcome<StoredReportView>> Store(Caller c, PeriodInput input) =>
            S.In(sp => sp.GetRequiredService<OperationReportService>().StoreAsync(c, Site.Id, input, CancellationToken.None));

        public async Task<IReadOnlyList<Evidence.AutomaticEvidenceItem>> Automatic(string dutyId) =>
            (await S.In(sp => sp.GetRequiredService<ComplianceService>().GetAsync(Customer, Site.Id, dutyId, CancellationToken.None))).Value!.Automatic;

        public async ValueTask DisposeAsync()
        {
            await S.DisposeAsync();
            await Db.DisposeAsync();
        }
    }
}
