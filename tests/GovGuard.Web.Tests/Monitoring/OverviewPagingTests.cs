using System.Net;
using System.Text.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Data;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Monitoring;

/// <summary>
/// The overview at any size: every website needing attention (down, incomplete) is listed at once, the others are
/// paged; search by name or domain and the state filter narrow both lists, never the counts.
/// </summary>
public sealed class OverviewPagingTests
{
    [Fact]
    public async Task Sites_needing_attention_are_never_paged_and_the_others_are()
    {
        // No engine: the states below are the test's, not a probe's.
        await using var host = await TestHost.StartAsync(monitoring: new MonitoringOptions { Engine = false });
        var customer = await host.Organisation("某市大数据局", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("overview.owner", customer.Id, OrgRole.Admin, withPassword: false);
        // Ordinal name order of the healthy ones: 丁 (U+4E01) < 丙 (U+4E19) < 乙 (U+4E59).
        var sites = await host.In(async sp =>
        {
            var db = sp.GetRequiredService<GovGuardDbContext>();
            var now = TimeProvider.System.GetUtcNow();
            var ids = new Dictionary<string, Guid>();
            foreach (var (name, domain, health) in new[] { ("甲市网站", "www.jia.gov.cn", MonitorHealth.Down), ("乙市网站", "www.yi.gov.cn", MonitorHealth.Up), ("丙市网站", "www.bing.gov.cn", MonitorHealth.Up), ("丁市网站", "www.ding.gov.cn", MonitorHealth.Up) })
            {
                ids[name] = AddSite(db, customer.Id, name, domain, health, now).Site;
            }

            await db.SaveChangesAsync();
            return ids;
        });
        var client = host.Client(owner.Token);

        var first = await Page(client, "/monitoring?limit=2");
        Assert.Equal(["甲市网站"], first.Attention);
        Assert.Equal(["丁市网站", "丙市网站"], first.Others);
        Assert.Contains("offset=2", first.Html, StringComparison.Ordinal);
        Assert.Contains("1–2 / 3", first.Html, StringComparison.Ordinal);

        var second = await Page(client, "/monitoring?limit=2&offset=2");
        Assert.Equal(["甲市网站"], second.Attention);
        Assert.Equal(["乙市网站"], second.Others);

        var search = await Page(client, "/monitoring?q=YI.gov");
        Assert.Empty(search.Attention);
        Assert.Equal(["乙市网站"], search.Others);

        var down = await Page(client, "/monitoring?health=down");
        Assert.Equal(["甲市网站"], down.Attention);
        Assert.Empty(down.Others);
        Assert.DoesNotContain("id=\"monitoring-overview\"", down.Html, StringComparison.Ordinal);

        // The API: the same filters on the list, the counts over every website.
        using var api = JsonDocument.Parse(await client.GetStringAsync("/api/v1/monitoring/overview?health=up&q=%E4%B8%99"));
        var listed = api.RootElement.GetProperty("websites").EnumerateArray().Select(w => w.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([sites["丙市网站"]], listed);
        Assert.Equal(1, api.RootElement.GetProperty("down").GetInt32());
        Assert.Equal(3, api.RootElement.GetProperty("up").GetInt32());
        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/v1/monitoring/overview"));
        Assert.Equal(4, all.RootElement.GetProperty("websites").GetArrayLength());
    }

    [Fact]
    public async Task Concurrent_API_calls_get_the_same_fresh_JSON_and_a_change_shows_in_the_next_call()
    {
        await using var host = await TestHost.StartAsync(monitoring: new MonitoringOptions { Engine = false });
        var customer = await host.Organisation("某区政务服务中心", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("overview.api", customer.Id, OrgRole.Admin, withPassword: false);
        var monitorId = await host.In(async sp =>
        {
            var db = sp.GetRequiredService<GovGuardDbContext>();
            var monitor = AddSite(db, customer.Id, "某区政务服务网", "zwfw.example.gov.cn", MonitorHealth.Up, TimeProvider.System.GetUtcNow()).Monitor;
            await db.SaveChangesAsync();
            return monitor;
        });
        var client = host.Client(owner.Token);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var r = await client.GetAsync("/api/v1/monitoring/overview");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
            return await r.Content.ReadAsStringAsync();
        }));
        using (var doc = JsonDocument.Parse(answers[0]))
        {
            Assert.Equal(1, doc.RootElement.GetProperty("up").GetInt32());
            var site = Assert.Single(doc.RootElement.GetProperty("websites").EnumerateArray());
            Assert.Equal("某区政务服务网", site.GetProperty("name").GetString());
            Assert.Equal("up", site.GetProperty("health").GetString());
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));

        // The site goes down; the very next call says so (the API is never served from an older computation).
        await host.In(async sp =>
        {
            var db = sp.GetRequiredService<GovGuardDbContext>();
            var state = await db.MonitorStates.FindAsync(monitorId);
            state!.Health = MonitorHealth.Down;
            await db.SaveChangesAsync();
            return 0;
        });
        using var after = JsonDocument.Parse(await client.GetStringAsync("/api/v1/monitoring/overview"));
        Assert.Equal(1, after.RootElement.GetProperty("down").GetInt32());
        Assert.Equal("down", after.RootElement.GetProperty("websites")[0].GetProperty("health").GetString());
    }

    [Fact]
    public void The_wall_past_its_limit_shows_the_sites_needing_attention_and_counts_the_rest()
    {
        OverviewWebsite Site(string name, string health) => new(Guid.NewGuid(), name, null, health, []);
        var overview = new MonitoringOverview([Site("甲", "down"), Site("乙", "incomplete"), Site("丙", "unchecked"), Site("丁", "up"), Site("戊", "up")], 5, 2, 1, 1, 1, 0);

        var small = WallView.Of(overview, 5);
        Assert.Equal(5, small.Tiles.Count);
        Assert.Empty(small.Summaries);

        var big = WallView.Of(overview, 4);
        Assert.Equal(["甲", "乙"], big.Tiles.Select(t => t.Name));
        Assert.Equal([("unchecked", 1), ("up", 2)], big.Summaries);
    }

    private static async Task<(List<string> Attention, List<string> Others, string Html)> Page(HttpClient client, string path)
    {
        using var r = await client.GetAsync(path);
        var html = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{path}: {r.StatusCode}");
        var split = html.IndexOf("id=\"monitoring-overview\"", StringComparison.Ordinal);
        var attention = split < 0 ? html : html[..split];
        var others = split < 0 ? string.Empty : html[split..];
        var names = new[] { "甲市网站", "乙市网站", "丙市网站", "丁市网站" };
        return (Ordered(attention, names), Ordered(others, names), html);
    }

    /// <summary>The names found in <paramref name="html"/>, in the order they appear.</summary>
    private static List<string> Ordered(string html, string[] names) =>
        names.Select(n => (Name: n, At: html.IndexOf(">" + n + "<", StringComparison.Ordinal))).Where(x => x.At >= 0).OrderBy(x => x.At).Select(x => x.Name).ToList();

    /// <summary>A website of <paramref name="customer"/> with one availability monitor in state <paramref name="health"/> (not saved yet).</summary>
    private static (Guid Site, Guid Monitor) AddSite(GovGuardDbContext db, Guid customer, string name, string domain, MonitorHealth health, DateTimeOffset now)
    {
        var site = new Website { Id = Guid.NewGuid(), Name = name, Domains = [domain], CustomerId = customer, ProtectionLevel = 2, CreatedAt = now, UpdatedAt = now, Version = 1 };
        var m = new Platform.Monitoring.Monitor
        {
            Id = Guid.NewGuid(), WebsiteId = site.Id, Kind = MonitorKind.Availability, Name = "首页", Target = $"https://{domain}/",
            IntervalSeconds = 60, Enabled = true, FailuresBeforeDown = 2, SuccessesBeforeUp = 1, TimeoutSeconds = 10, Settings = "{}", CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        db.Websites.Add(site);
        db.Monitors.Add(m);
        db.MonitorStates.Add(new MonitorState { MonitorId = m.Id, Health = health, Since = now, LastCheckAt = now });
        return (site.Id, m.Id);
    }
}
