using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Monitoring;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Monitoring;

/// <summary>A maintenance window shows on the monitors it covers, in the monitor views and on the overview the wall reads (GB/T 38249 7.2.2 i).</summary>
public sealed class MaintenanceFlagTests
{
    [Theory]
    [Databases]
    public async Task An_open_window_marks_the_monitors_it_covers_and_no_others(string database)
    {
        await using var db = await TestDatabase.CreateAsync(database);
        await using var engine = await EngineHost.StartAsync(db, new RecordingSink());
        var site = await engine.WebsiteAsync();
        var covered = await engine.MonitorAsync(site.Id, new MonitorInput("availability", "首页", "https://www.example.gov.cn/", IntervalSeconds: 3600));
        var other = await engine.MonitorAsync(site.Id, new MonitorInput("availability", "英文版", "https://en.example.gov.cn/", IntervalSeconds: 3600));
        var later = await engine.In(sp => sp.GetRequiredService<MaintenanceService>().CreateAsync(Caller.System, site.Id,
            new MaintenanceInput(DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(2), "下周变更"), CancellationToken.None));
        Assert.True(later.Succeeded);

        var before = await engine.In(sp => sp.GetRequiredService<MonitorService>().OverviewAsync(Caller.System, CancellationToken.None));
        Assert.Equal(0, before.InMaintenance);

        var now = await engine.In(sp => sp.GetRequiredService<MaintenanceService>().CreateAsync(Caller.System, site.Id,
            new MaintenanceInput(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), "系统升级", [covered.Id]), CancellationToken.None));
        Assert.True(now.Succeeded, now.Error?.Message.En);

        var overview = await engine.In(sp => sp.GetRequiredService<MonitorService>().OverviewAsync(Caller.System, CancellationToken.None));
        var tile = overview.Websites.Single(w => w.Id == site.Id);
        Assert.True(tile.InMaintenance);
        Assert.True(tile.Monitors.Single(m => m.Id == covered.Id).InMaintenance);
        Assert.False(tile.Monitors.Single(m => m.Id == other.Id).InMaintenance);
        Assert.Equal(1, overview.InMaintenance);

        var list = await engine.In(sp => sp.GetRequiredService<MonitorService>().ListAsync(Caller.System, site.Id, CancellationToken.None));
        Assert.True(list.Value!.Single(m => m.Id == covered.Id).InMaintenance);
        Assert.False(list.Value!.Single(m => m.Id == other.Id).InMaintenance);
        var one = await engine.In(sp => sp.GetRequiredService<MonitorService>().GetAsync(Caller.System, covered.Id, CancellationToken.None));
        Assert.True(one.Value!.Monitor.InMaintenance);

        // Ended: the flag goes with it, nobody has to clear it.
        var ended = await engine.In(sp => sp.GetRequiredService<MaintenanceService>().DeleteAsync(Caller.System, site.Id, now.Value!.Id, CancellationToken.None));
        Assert.True(ended.Succeeded);
        var after = await engine.In(sp => sp.GetRequiredService<MonitorService>().OverviewAsync(Caller.System, CancellationToken.None));
        Assert.Equal(0, after.InMaintenance);
    }
}
