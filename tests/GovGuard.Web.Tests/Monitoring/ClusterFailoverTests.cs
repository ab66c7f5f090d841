using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GovGuard.Platform.Monitoring;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace GovGuard.Web.Tests.Monitoring;

/// <summary>
/// The issue's acceptance: two <c>serve --cluster</c> processes on the real PostgreSQL and Redis that ./test.sh starts;
/// kill -9 the one that runs the monitors, they resume on the other within a minute, and no slot is checked twice.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private const int Monitors = 6;
    private const int IntervalSeconds = 2;

    [Fact]
    public async Task Monitors_of_a_killed_node_resume_on_the_survivor_without_duplicates()
    {
        var redis = Environment.GetEnvironmentVariable("GOVGUARD_TEST_REDIS")
            ?? throw new InvalidOperationException("GOVGUARD_TEST_REDIS is not set: run the tests through ./test.sh, which starts Redis.");
        var cli = FindCli();
        await using var farm = await StartFarmAsync();
        await using var db = await TestDatabase.CreateAsync("postgres");
        var ids = await SeedAsync(db, farm.Url);

        using var a = Serve(cli, db, redis, "a");
        await WaitAsync(db, ids, minimum: 2, TimeSpan.FromSeconds(90), a);
        using var b = Serve(cli, db, redis, "b");
        // b has joined the cluster once its host has started and its keeper has swept (the monitors answer from a).
        await b.WaitForAsync("Monitors activated (start)", TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(2 * IntervalSeconds));

        a.Kill();
        var killedAt = TimeProvider.System.GetUtcNow();
        var before = await CountsAsync(db, ids);
        await WaitAsync(db, ids, minimum: 0, TimeSpan.FromSeconds(60), b, after: before);
        var resumedIn = TimeProvider.System.GetUtcNow() - killedAt;
        output.WriteLine($"all {Monitors} monitors resumed on the survivor {resumedIn.TotalSeconds:0.0} s after kill -9");
        await Task.Delay(TimeSpan.FromSeconds(3 * IntervalSeconds));
        b.Stop();

        await using var ctx = db.Context();
        var results = await ctx.CheckResults.AsNoTracking().Where(r => ids.Contains(r.MonitorId) && !r.Manual).ToListAsync();
        foreach (var id in ids)
        {
            var slots = results.Where(r => r.MonitorId == id).Select(r => r.DueAt).Order().ToList();
            Assert.Equal(slots.Count, slots.Distinct().Count());
            // No gap longer than the failover bound: every slot after the first is checked unless the node running it was dead.
            var gaps = slots.Zip(slots.Skip(1), (x, y) => y - x).ToList();
            Assert.All(gaps, g => Assert.True(g <= TimeSpan.FromSeconds(60), $"gap of {g.TotalSeconds:0.0} s"));
        }

        Assert.True(resumedIn < TimeSpan.FromSeconds(60));
    }

    private sealed class Node(Process process, string log, ITestOutputHelper output) : IDisposable
    {
        public string Log => File.Exists(log) ? string.Join('\n', File.ReadAllLines(log).Where(l => !l.Contains("Polly", StringComparison.Ordinal))) : string.Empty;

        public async Task WaitForAsync(string line, TimeSpan limit)
        {
            var until = TimeProvider.System.GetUtcNow() + limit;
            while (!Log.Contains(line, StringComparison.Ordinal))
            {
                if (TimeProvider.System.GetUtcNow() > until || process.HasExited)
                {
                    throw new TimeoutException($"the node did not log \"{line}\" within {limit}:\n{Log}");
                }

                await Task.Delay(250);
            }
        }

        public void Kill()
        {
            // kill -9: no shutdown, no flush.
            process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }

        public void Stop()
        {
            if (!process.HasExited)
            {
                using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                term.WaitForExit();
                if (!process.WaitForExit(20_000))
                {
                    process.Kill();
                }
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }

            output.WriteLine(Log.Length > 12000 ? Log[^12000..] : Log);
            process.Dispose();
        }
    }

    private Node Serve(string cli, TestDatabase db, string redis, string name)
    {
        var data = Path.Combine(db.Folder, name);
        Directory.CreateDirectory(data);
        var log = Path.Combine(db.Folder, name + ".log");
        var shell = $"exec dotnet \"{cli}\" serve --urls http://127.0.0.1:{FreePort()} --data \"{data}\" --db \"{db.Options.Postgres}\" --cluster {redis} --silo-port {FreePort()} --gateway-port {FreePort()} > \"{log}\" 2>&1";
        var psi = new ProcessStartInfo("bash", ["-c", shell]) { UseShellExecute = false };
        // Tests only: the farm is on loopback; each node has its own data folder and ports.
        psi.Environment["Fetching__AllowedRanges__0"] = "127.0.0.0/8";
        return new Node(Process.Start(psi)!, log, output);
    }

    private static async Task<List<Guid>> SeedAsync(TestDatabase db, string url)
    {
        await using var ctx = db.Context();
        var now = TimeProvider.System.GetUtcNow();
        var org = new Organisation { Id = Guid.NewGuid(), Name = "集群测试单位", Kind = Catalog.Roles.OrganisationKind.GovernmentCustomer, CreatedAt = now, UpdatedAt = now };
        ctx.Organisations.Add(org);
        var site = new Website { Id = Guid.NewGuid(), Name = "集群测试网站", Domains = ["www.cluster.gov.cn"], CustomerId = org.Id, ProtectionLevel = 2, CreatedAt = now, UpdatedAt = now, Version = 1 };
        ctx.Websites.Add(site);
        var ids = new List<Guid>();
        for (var i = 0; i < Monitors; i++)
        {
            // Written directly: the service refuses intervals under 30 s, and a fast schedule keeps the test short.
            var m = new Platform.Monitoring.Monitor
            {
                Id = Guid.NewGuid(), WebsiteId = site.Id, Kind = MonitorKind.Availability, Name = "m" + i, Target = url + "?m=" + i,
                IntervalSeconds = IntervalSeconds, Enabled = true, FailuresBeforeDown = 2, SuccessesBeforeUp = 1, TimeoutSeconds = 1,
                Settings = "{}", CreatedAt = now, UpdatedAt = now, Version = 1,
            };
            ctx.Monitors.Add(m);
            ctx.MonitorStates.Add(new MonitorState { MonitorId = m.Id });
            ids.Add(m.Id);
        }

        await ctx.SaveChangesAsync();
        return ids;
    }

    private static async Task<Dictionary<Guid, int>> CountsAsync(TestDatabase db, List<Guid> ids)
    {
        await using var ctx = db.Context();
        return await ctx.CheckResults.AsNoTracking().Where(r => ids.Contains(r.MonitorId)).GroupBy(r => r.MonitorId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    /// <summary>Until every monitor has at least <paramref name="minimum"/> results (and more than in <paramref name="after"/>).</summary>
    private static async Task WaitAsync(TestDatabase db, List<Guid> ids, int minimum, TimeSpan limit, Node node, Dictionary<Guid, int>? after = null)
    {
        var until = TimeProvider.System.GetUtcNow() + limit;
        while (true)
        {
            var counts = await CountsAsync(db, ids);
            if (ids.All(id => counts.GetValueOrDefault(id) >= minimum && counts.GetValueOrDefault(id) > (after?.GetValueOrDefault(id) ?? -1)))
            {
                return;
            }

            if (TimeProvider.System.GetUtcNow() > until)
            {
                throw new TimeoutException($"monitors did not run within {limit}: {string.Join(", ", ids.Select(id => counts.GetValueOrDefault(id)))}\n{node.Log[^Math.Min(node.Log.Length, 3000)..]}");
            }

            await Task.Delay(500);
        }
    }

    private sealed class Farm(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static async Task<Farm> StartFarmAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync();
        return new Farm(app, $"http://127.0.0.1:{port}/");
    }

    private static string FindCli()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GovGuard.slnx")))
            {
                var dll = Path.Combine(dir.FullName, "src", "GovGuard.Cli", "bin", "Debug", "net10.0", "govguard.dll");
                return File.Exists(dll) ? dll : throw new InvalidOperationException($"build the solution first: {dll} is missing");
            }
        }

        throw new InvalidOperationException("the repository root was not found");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
