using GovGuard.Platform.Evidence;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Tests.Alerts;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>Duties measured by monitoring get their automatic evidence from the monitors and the open alerts.</summary>
public sealed class MonitorEvidenceTests
{
    private static async Task<AutomaticEvidenceItem> Evidence(AlertWorld w, Catalog.Duties.Duty duty)
    {
        var items = await w.S.In(async sp =>
        {
            var sources = sp.GetServices<IAutomaticEvidenceSource>().ToList();
            var all = new List<AutomaticEvidenceItem>();
            foreach (var s in sources)
            {
                all.AddRange(await s.GetAsync(w.Site.Id, duty, CancellationToken.None));
            }

            return all;
        });
        return Assert.Single(items, i => i.Source == MonitorEvidenceSource.SourceName);
    }

    [Theory]
    [Databases]
    public async Task A_duty_holds_while_its_monitor_is_on_and_no_alert_of_its_categories_is_open(string kind)
    {
        await using var w = await AlertWorld.CreateAsync(kind);
        // 6.3.2.c: availability monitoring on, no availability.down open.
        var duty = Catalog.Duties.DutyCatalog.Default["6.3.2.c"];
        Assert.Equal([Catalog.Duties.MonitorKind.Availability], duty.Automatic!.Monitors);

        var none = await Evidence(w, duty);
        Assert.False(none.Satisfied);
        Assert.Contains("可用性监测", none.Summary.Zh, StringComparison.Ordinal);

        await using (var db = w.Db.Context())
        {
            db.Monitors.Add(new Platform.Monitoring.Monitor
            {
                Id = w.Monitor, WebsiteId = w.Site.Id, Kind = MonitorKind.Availability, Name = "首页可用性", Target = "https://www.example.gov.cn/",
                IntervalSeconds = 60, Enabled = true, FailuresBeforeDown = 1, SuccessesBeforeUp = 1, TimeoutSeconds = 10,
                CreatedAt = w.Clock.GetUtcNow(), UpdatedAt = w.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        Assert.True((await Evidence(w, duty)).Satisfied);

        await w.ApplyAsync(w.Observe(MonitorHealth.Down, AlertWorld.Down()));
        var down = await Evidence(w, duty);
        Assert.False(down.Satisfied);
        Assert.Contains("availability.down", down.Summary.En, StringComparison.Ordinal);

        await w.ApplyAsync(w.Observe(MonitorHealth.Up));
        Assert.True((await Evidence(w, duty)).Satisfied);
    }

    [Fact]
    public void Every_catalog_monitor_kind_is_measured_by_some_monitor() =>
        Assert.All(Enum.GetValues<Catalog.Duties.MonitorKind>(), k => Assert.NotEmpty(MonitorEvidenceSource.RunBy(k)));
}
