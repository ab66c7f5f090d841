using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Cli.Commands;
using GovGuard.Cli.Commands.Agent;
using GovGuard.Detection.Resources;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Agents;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Cli.Tests.Agent;

/// <summary>
/// Resource monitors fed by pushes (GB/T 38249 7.4.2 a, 7.4.5): an agent posts node_exporter text with its token, a
/// resource monitor whose target is <c>agent://{id}</c> judges what was pushed, rates come from two pushes, and
/// <c>govguard agent --metrics host</c> pushes this machine's own counters.
/// </summary>
public sealed class ResourcePushTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("govguard-push-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Metrics(double idle, double busy, double memTotal, double memAvailable) => string.Create(CultureInfo.InvariantCulture, $$"""
        # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle"} {{idle}}
        node_cpu_seconds_total{cpu="0",mode="user"} {{busy}}
        node_memory_MemTotal_bytes {{memTotal}}
        node_memory_MemAvailable_bytes {{memAvailable}}
        node_filesystem_size_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 1e11
        node_filesystem_avail_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 6e10
        go_goroutines 12

        """);

    [Theory]
    [Databases]
    public async Task Pushed_metrics_are_judged_by_the_agents_resource_monitor_and_bad_pushes_are_refused(string database)
    {
        await using var host = await TestHost.StartAsync(database);
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("owner", customer.Id, OrgRole.Admin, withPassword: false);
        var site = await Site(host, owner, "市政府门户网站", "www.example.gov.cn");
        var other = await Site(host, owner, "市教育局网站", "jyj.example.gov.cn");
        var api = host.Client(owner.Token);
        var (agentId, token) = await AgentAsync(api, site);
        var (otherAgent, _) = await AgentAsync(api, other);

        // A monitor may only read an agent of its own website.
        using (var foreign = await api.PostJson($"/api/v1/websites/{site}/monitors", new { kind = "resource", name = "服务器资源", target = AgentMetrics.Target(otherAgent) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
            var problem = await foreign.Json();
            Assert.Contains(problem.GetProperty("rules").EnumerateArray(), e => e.GetProperty("field").GetString() == "target" && e.GetProperty("rule").GetString() == "agent");
        }

        using var created = await api.PostJson($"/api/v1/websites/{site}/monitors",
            new { kind = "resource", name = "服务器资源", target = AgentMetrics.Target(agentId), settings = new { memoryPercent = 80, cpuPercent = 50, diskPercent = 90 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var monitor = (await created.Json()).GetProperty("id").GetGuid();

        // Before the first push the check cannot say anything.
        var first = await CheckAsync(api, monitor);
        Assert.Equal("incomplete", first.GetProperty("rawHealth").GetString());

        using var push = new HttpClient(new SocketsHttpHandler()) { BaseAddress = host.Address };
        push.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Memory 90% used crosses the 80% limit; one push gives no CPU rate yet.
        Assert.Equal(HttpStatusCode.OK, (await Post(push, Metrics(1000, 100, 8e9, 0.8e9))).StatusCode);
        var high = await CheckAsync(api, monitor);
        Assert.Equal("down", high.GetProperty("rawHealth").GetString());
        Assert.Contains("内存 90%", high.GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("需两次采样", high.GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);

        // Second push: memory fine, CPU busy 90 of the 100 seconds between the two: the CPU limit is crossed.
        Assert.Equal(HttpStatusCode.OK, (await Post(push, Metrics(1010, 190, 8e9, 6e9))).StatusCode);
        var busy = await CheckAsync(api, monitor);
        Assert.Equal("down", busy.GetProperty("rawHealth").GetString());
        Assert.Contains("CPU 90%", busy.GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);
        Assert.Contains("内存 25%", busy.GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);

        // Quiet: 95 idle seconds of 100.
        Assert.Equal(HttpStatusCode.OK, (await Post(push, Metrics(1105, 195, 8e9, 6e9))).StatusCode);
        var calm = await CheckAsync(api, monitor);
        Assert.Equal("up", calm.GetProperty("rawHealth").GetString());
        Assert.Contains("CPU 5%", calm.GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);

        // Only the two latest pushes are kept.
        await using (var db = host.Db.Context())
        {
            Assert.Equal(2, db.ResourcePushes.Count(p => p.AgentId == agentId));
        }

        // A wrong token, a body without node_exporter metrics, and a body over the cap are refused.
        using (var anonymous = new HttpClient(new SocketsHttpHandler()) { BaseAddress = host.Address })
        {
            anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
            Assert.Equal(HttpStatusCode.Unauthorized, (await Post(anonymous, Metrics(1, 1, 1, 1))).StatusCode);
        }

        using (var garbage = await Post(push, "hello world\nnot metrics at all\n"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
            var problem = await garbage.Json();
            Assert.Contains(problem.GetProperty("rules").EnumerateArray(), e => e.GetProperty("field").GetString() == "body" && e.GetProperty("rule").GetString() == "node_exporter");
        }

        using (var huge = await Post(push, new string('#', AgentMetrics.MaxBodyBytes + 10)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        }

        await using (var db = host.Db.Context())
        {
            Assert.Equal(2, db.ResourcePushes.Count(p => p.AgentId == agentId));
        }
    }

    [Theory]
    [Databases]
    public async Task The_agent_pushes_this_hosts_own_counters(string database)
    {
        Assert.True(HostMetrics.Available, "the tests run on Linux");
        var port = FreePort();
        var urls = $"http://127.0.0.1:{port}";
        await using var host = await TestHost.StartAsync(database, urls: urls);
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("owner", customer.Id, OrgRole.Admin, withPassword: false);
        var site = await Site(host, owner, "市政府门户网站", "www.example.gov.cn");
        var api = host.Client(owner.Token);
        var (agentId, token) = await AgentAsync(api, site);
        using var created = await api.PostJson($"/api/v1/websites/{site}/monitors", new { kind = "resource", name = "本机资源", target = AgentMetrics.Target(agentId) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var monitor = (await created.Json()).GetProperty("id").GetGuid();

        var root = Directory.CreateDirectory(Path.Combine(_dir, "www")).FullName;
        File.WriteAllText(Path.Combine(root, "index.html"), "<html><body>市政府门户网站</body></html>");
        var settings = AgentCommand.Check(urls, token, root, null, "combined", Path.Combine(_dir, "state"), 10, 1, false, "host", 10);
        var runner = new AgentRunner(settings, ScanFilesCommand.LoadRules(null), null, TimeProvider.System, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                await using (var db = host.Db.Context())
                {
                    if (db.ResourcePushes.Any(p => p.AgentId == agentId))
                    {
                        break;
                    }
                }

                Assert.False(deadline.IsCancellationRequested, "the agent pushed no metrics");
                await Task.Delay(200);
            }

            var check = await CheckAsync(api, monitor);
            Assert.NotEqual("incomplete", check.GetProperty("rawHealth").GetString());
            Assert.Contains("内存 ", check.GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("内存 —", check.GetProperty("summary").GetProperty("zh").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }

        // What it pushed is what node_exporter would say about this machine.
        var snapshot = ResourceSnapshot.FromNodeExporter(HostMetrics.Read(), DateTimeOffset.UtcNow, out var malformed);
        Assert.Equal(0, malformed);
        Assert.True(snapshot.MemoryTotalBytes > 0);
        Assert.True(snapshot.MemoryAvailableBytes > 0 && snapshot.MemoryAvailableBytes <= snapshot.MemoryTotalBytes);
        Assert.True(snapshot.CpuTotalSeconds > 0 && snapshot.CpuIdleSeconds <= snapshot.CpuTotalSeconds);
    }

    [Fact]
    public void Bad_metrics_options_are_usage_errors_naming_the_option()
    {
        var root = Directory.CreateDirectory(Path.Combine(_dir, "www")).FullName;
        var state = Path.Combine(_dir, "state");
        var bad = Assert.Throws<Infrastructure.CliUsageException>(() => AgentCommand.Check("http://127.0.0.1:1", "gga_x", root, null, "combined", state, 10, 1, false, "ftp://x/metrics", 60));
        Assert.Contains("--metrics", bad.Message, StringComparison.Ordinal);
        var interval = Assert.Throws<Infrastructure.CliUsageException>(() => AgentCommand.Check("http://127.0.0.1:1", "gga_x", root, null, "combined", state, 10, 1, false, "host", 5));
        Assert.Contains("--metrics-interval", interval.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string text) =>
        http.PostAsync("/api/v1/agent/metrics", new StringContent(text, Encoding.UTF8, "text/plain"));

    private static async Task<JsonElement> CheckAsync(HttpClient api, Guid monitor)
    {
        using var r = await api.PostAsync($"/api/v1/monitors/{monitor}/check-now", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.Json();
    }

    private static async Task<Guid> Site(TestHost host, TestUser owner, string name, string domain) =>
        (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput(name, [domain], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!.Id;

    private static async Task<(Guid Id, string Token)> AgentAsync(HttpClient api, Guid site)
    {
        using var created = await api.PostJson($"/api/v1/websites/{site}/agents", new { name = "web-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Json();
        return (json.GetProperty("id").GetGuid(), json.GetProperty("token").GetString()!);
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
