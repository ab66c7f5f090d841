using System.Security.Cryptography;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Demo;

/// <summary>A demo sign-in, printed once when the account is created.</summary>
public sealed record DemoSignIn(string Organisation, string Role, string UserName, string Password);

/// <summary>What seeding did: the sign-ins created now (empty on a later start) and the demo websites' ids.</summary>
public sealed record DemoSeedResult(IReadOnlyList<DemoSignIn> SignIns, IReadOnlyDictionary<DemoSite, Guid> Websites, int MonitorsCreated, int MonitorsMoved);

/// <summary>How fast the demo's monitors look (seconds); tests shorten them.</summary>
public sealed record DemoIntervals(int Availability = 10, int Tamper = 15, int Content = 20);

/// <summary>
/// Seeds the demo through the platform's own services (every record audited as any other): a customer, a cloud
/// provider, an integrator and an assessor, each with an administrator; the three demo websites owned by the
/// customer with the others engaged; and their monitors, pointed at the demo sites. Idempotent: what exists is
/// kept, only monitor targets follow the sites when their ports changed.
/// </summary>
public static class DemoSeeder
{
    private sealed record Org(string Name, string Kind, string User, string Role);

    private static readonly Org[] Orgs =
    [
        new("示范市人民政府办公室", "government_customer", "demo.customer", "customer"),
        new("示范云计算有限公司", "cloud_provider", "demo.provider", "provider"),
        new("示范系统集成有限公司", "system_integrator", "demo.integrator", "integrator"),
        new("示范网络安全测评中心", "third_party_assessor", "demo.assessor", "assessor"),
    ];

    private static readonly (DemoSite Site, string Name, string Domain)[] Sites =
    [
        (DemoSite.Healthy, "示范市人民政府门户网站（演示）", "www.demo-city.gov.cn"),
        (DemoSite.Defaced, "示范市教育局网站（演示）", "jyj.demo-city.gov.cn"),
        (DemoSite.Hijacked, "示范市卫生健康委员会网站（演示）", "wjw.demo-city.gov.cn"),
    ];

    public static async Task<DemoSeedResult> SeedAsync(IServiceProvider services, DemoSites sites, DemoIntervals intervals, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(intervals);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<GovGuardDbContext>();
        var system = Caller.System;
        var signIns = new List<DemoSignIn>();
        var orgIds = new Dictionary<string, Guid>();
        foreach (var o in Orgs)
        {
            var id = await db.Organisations.AsNoTracking().Where(x => x.Name == o.Name).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (id is null)
            {
                id = Must(await sp.GetRequiredService<OrganisationService>().CreateAsync(system, new OrganisationInput(o.Name, o.Kind, null, null, null, null), ct).ConfigureAwait(false)).Id;
            }

            orgIds[o.Role] = id.Value;
            if (!await db.Users.AnyAsync(u => u.UserName == o.User, ct).ConfigureAwait(false))
            {
                var password = Password();
                Must(await sp.GetRequiredService<UserService>().CreateAsync(system,
                    new UserInput(o.User, o.Name + " 管理员", null, null, id, "admin", password), ct).ConfigureAwait(false));
                signIns.Add(new DemoSignIn(o.Name, o.Role, o.User, password));
            }
        }

        var customer = orgIds["customer"];
        var websites = new Dictionary<DemoSite, Guid>();
        var created = 0;
        var moved = 0;
        foreach (var (site, name, domain) in Sites)
        {
            var id = await db.Websites.AsNoTracking().Where(w => w.Name == name && w.CustomerId == customer).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            id ??= Must(await sp.GetRequiredService<WebsiteService>().CreateAsync(system,
                new WebsiteInput(name, [domain], null, null, null, 2, "iaas", "gov_cloud", customer), ct).ConfigureAwait(false)).Id;
            websites[site] = id.Value;
            foreach (var role in new[] { "provider", "integrator", "assessor" })
            {
                var org = orgIds[role];
                if (!await db.Engagements.AnyAsync(e => e.WebsiteId == id && e.OrganisationId == org && e.EndedAt == null, ct).ConfigureAwait(false))
                {
                    Must(await sp.GetRequiredService<EngagementService>().CreateAsync(system, id.Value, new EngagementInput(org, role, "演示合同 DEMO-2026"), ct).ConfigureAwait(false));
                }
            }

            foreach (var input in Monitors(site, sites.Url(site), intervals))
            {
                var (c, m) = await EnsureMonitorAsync(sp, db, id.Value, input, ct).ConfigureAwait(false);
                created += c;
                moved += m;
                if (c == 0 && site == DemoSite.Defaced && input.Kind == "tamper")
                {
                    // A later start replays the story: the clean page is the baseline again before the site turns.
                    var monitor = await db.Monitors.AsNoTracking().Where(x => x.WebsiteId == id && x.Kind == MonitorKind.Tamper && x.Name == input.Name)
                        .Select(x => x.Id).FirstAsync(ct).ConfigureAwait(false);
                    Must(await sp.GetRequiredService<Platform.Monitoring.Tamper.TamperService>().TakeBaselineAsync(system, monitor, ct).ConfigureAwait(false));
                }
            }
        }

        return new DemoSeedResult(signIns, websites, created, moved);
    }

    private static IEnumerable<MonitorInput> Monitors(DemoSite site, string url, DemoIntervals i)
    {
        yield return new MonitorInput("availability", "首页可用性", url, IntervalSeconds: i.Availability, TimeoutSeconds: Math.Min(5, i.Availability));
        if (site != DemoSite.Hijacked)
        {
            yield return new MonitorInput("tamper", "网页防篡改", url, IntervalSeconds: i.Tamper, FailuresBeforeDown: 1, TimeoutSeconds: Math.Min(30, i.Tamper),
                Settings: System.Text.Json.JsonSerializer.SerializeToElement(new { maxPages = 10 }));
        }

        if (site != DemoSite.Defaced)
        {
            yield return new MonitorInput("content", "内容安全（暗链、恶意脚本、有害信息、搜索引擎劫持）", url, IntervalSeconds: i.Content, FailuresBeforeDown: 1,
                TimeoutSeconds: Math.Min(30, i.Content), Settings: System.Text.Json.JsonSerializer.SerializeToElement(new { paths = new[] { "/", "/notice.html" } }));
        }
    }

    private static async Task<(int Created, int Moved)> EnsureMonitorAsync(IServiceProvider sp, GovGuardDbContext db, Guid websiteId, MonitorInput input, CancellationToken ct)
    {
        var kind = WireCodes<MonitorKind>.ByCode[input.Kind!];
        var existing = await db.Monitors.AsNoTracking().FirstOrDefaultAsync(m => m.WebsiteId == websiteId && m.Kind == kind && m.Name == input.Name, ct).ConfigureAwait(false);
        var service = sp.GetRequiredService<MonitorService>();
        if (existing is null)
        {
            Must(await service.CreateAsync(Caller.System, websiteId, input, ct).ConfigureAwait(false));
            return (1, 0);
        }

        if (existing.Target == input.Target)
        {
            return (0, 0);
        }

        // The sites came up on other ports than last time: the monitors follow them.
        Must(await service.UpdateAsync(Caller.System, existing.Id, input with { Kind = null, Version = existing.Version }, ct).ConfigureAwait(false));
        return (0, 1);
    }

    /// <summary>A password of the platform's policy: 16 characters from upper, lower case letters and digits.</summary>
    private static string Password()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        var all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static T Must<T>(Outcome<T> r) => r.Succeeded
        ? r.Value!
        : throw new InvalidOperationException("演示数据无法创建 / the demo data could not be created: " + r.Error!.Message.En + " "
            + string.Join("; ", r.Error.Fields.Select(f => $"{f.Field}: {f.Message.En}")));
}
