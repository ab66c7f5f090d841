using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GovGuard.Catalog.Roles;
using GovGuard.Cli.Commands;
using GovGuard.Cli.Commands.Agent;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Agents;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Cli.Tests.Agent;

/// <summary>
/// The agent against a real server: a changed file in the web root and an attack line in the access log become
/// alerts; with the server stopped the events wait in the journal, and after the restart every one arrives once.
/// </summary>
public sealed class AgentEndToEndTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly string _dir = Directory.CreateTempSubdirectory("govguard-agent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Line(string target, string ip = "203.0.113.7") =>
        $"{ip} - - [02/Dec/2026:08:00:00 +0800] \"GET {target} HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n";

    [Theory]
    [Databases]
    public async Task Changed_files_and_attack_lines_become_alerts_and_every_event_arrives_once_across_a_server_outage(string database)
    {
        var port = FreePort();
        var urls = $"http://127.0.0.1:{port}";
        var host = await TestHost.StartAsync(database, urls: urls);
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var owner = await host.User("owner", customer.Id, OrgRole.Admin, withPassword: false);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 2, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        using var created = await host.Client(owner.Token).PostJson($"/api/v1/websites/{site.Id}/agents", new { name = "web-01" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agentJson = await created.Json();
        var agentId = agentJson.GetProperty("id").GetGuid();
        var token = agentJson.GetProperty("token").GetString()!;
        Assert.StartsWith("gga_", token, StringComparison.Ordinal);
        var listed = await host.Client(owner.Token).GetStringAsync($"/api/v1/websites/{site.Id}/agents");
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);

        var root = Directory.CreateDirectory(Path.Combine(_dir, "www")).FullName;
        File.WriteAllText(Path.Combine(root, "index.html"), "<html><body>市政府门户网站</body></html>");
        File.WriteAllText(Path.Combine(root, "news.php"), "<?php echo date('Y-m-d'); ?>");
        var log = Path.Combine(_dir, "access.log");
        File.WriteAllText(log, Line("/index.html"));
        var state = Path.Combine(_dir, "state");
        var settings = AgentCommand.Check(urls, token, root, log, "combined", state, 10, 1, false) with { LogPoll = TimeSpan.FromMilliseconds(200) };
        var output = new StringWriter();
        var runner = new AgentRunner(settings, ScanFilesCommand.LoadRules(null), ScanLogCommand.LoadRules(null), TimeProvider.System, TextWriter.Synchronized(output));
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);
        try
        {
            await Until(() => runner.Journal is { Acknowledged: >= 1 }, "the first web-root report was not acknowledged");

            // A webshell dropped into a script, and a SQL injection in the log: both become alerts.
            File.AppendAllText(Path.Combine(root, "news.php"), "<?php @eval($_POST['cmd']); ?>");
            File.AppendAllText(log, Line("/news.php?id=1%20UNION%20SELECT%20username,password%20FROM%20users--"));
            var api = host.Client(owner.Token);
            await Until(async () => Categories(await Alerts(api, site.Id)).IsSupersetOf(["tamper.file_changed", "attack.sqli"]), "the file change and the attack did not become alerts");
            var alerts = await Alerts(api, site.Id);
            Assert.Contains(alerts, a => a.GetProperty("category").GetString() == "tamper.file_changed" && a.GetProperty("url").GetString() == "news.php");
            Assert.All(alerts, a => Assert.Equal("agent", a.GetProperty("monitorKind").GetString()));

            // The server goes away; meanwhile another file changes and two more attacks arrive.
            await Until(() => runner.Journal!.PendingCount == 0, "the reports before the outage were not all acknowledged");
            var db = await host.StopKeepingDatabaseAsync();
            var before = runner.Journal!.LastSequence;
            File.WriteAllText(Path.Combine(root, "index.html"), "<html><body>被黑了 hacked by someone</body></html>");
            File.AppendAllText(log, Line("/download.php?file=../../../../etc/passwd"));
            File.AppendAllText(log, Line("/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E"));
            await Until(() => runner.Journal!.LastSequence >= before + 2 && runner.Journal.PendingCount >= 2, "the events during the outage were not journaled");
            await Task.Delay(1500);
            Assert.True(runner.Journal!.PendingCount >= 2, "events were acknowledged while the server was down");

            host = await TestHost.StartAsync(database, reuse: db, urls: urls);
            api = host.Client(owner.Token);
            await Until(() => runner.Journal!.PendingCount == 0, "the journaled events were not delivered after the restart");
            await Until(async () => Categories(await Alerts(api, site.Id)).IsSupersetOf(["attack.traversal", "attack.xss"]), "the attacks during the outage did not become alerts");
            Assert.Contains(await Alerts(api, site.Id), a => a.GetProperty("url").ValueKind == JsonValueKind.String && a.GetProperty("url").GetString() == "index.html");

            // Every sequence number once, none missing.
            var last = runner.Journal!.LastSequence;
            var events = (await (await api.GetAsync($"/api/v1/agents/{agentId}/events")).Json()).EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).ToList();
            Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), events);

            // A resend (an acknowledgement lost on the way) is acknowledged and not stored again.
            var replay = new AgentEventInput(1, DateTimeOffset.UtcNow, "log", []);
            using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = settings.Server };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var resent = await http.PostJson("api/v1/agent/report", new AgentReport("test", [replay]));
            var receipt = await resent.Json();
            Assert.Equal(1, receipt.GetProperty("duplicates").GetInt32());
            Assert.Equal(0, receipt.GetProperty("stored").GetInt32());
            var after = (await (await api.GetAsync($"/api/v1/agents/{agentId}/events")).Json()).GetArrayLength();
            Assert.Equal(events.Count, after);

            // A wrong token is refused.
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
            using var refused = await http.PostJson("api/v1/agent/report", new AgentReport("test", []));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

            var agent = await (await api.GetAsync($"/api/v1/agents/{agentId}")).Json();
            Assert.True(agent.GetProperty("online").GetBoolean());
            Assert.Equal(last, agent.GetProperty("lastSequence").GetInt64());
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            await host.DisposeAsync();
        }

        Assert.Contains("cannot reach the server", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> Alerts(HttpClient api, Guid site)
    {
        var json = await (await api.GetAsync($"/api/v1/alerts?state=open&websiteId={site}")).Json();
        return json.GetProperty("items").EnumerateArray().ToList();
    }

    private static HashSet<string> Categories(IEnumerable<JsonElement> alerts) =>
        alerts.Select(a => a.GetProperty("category").GetString()!).ToHashSet(StringComparer.Ordinal);

    private static Task Until(Func<bool> condition, string failure) => Until(() => Task.FromResult(condition()), failure);

    private static async Task Until(Func<Task<bool>> condition, string failure)
    {
        using var cts = new CancellationTokenSource(Limit);
        while (!await condition())
        {
            Assert.False(cts.IsCancellationRequested, failure);
            await Task.Delay(200);
        }
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
