using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Web.Hosting;
using Microsoft.Extensions.Hosting;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard serve`: the web UI, the REST API and the monitoring engine in one process; `--cluster` joins a Redis cluster.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "监听地址 / address to listen on",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var data = DataOptions.Data();
        var db = DataOptions.Db();
        var cluster = new Option<string?>("--cluster")
        {
            Description = "集群模式：Redis 地址（host:port），用于 Orleans 成员、提醒和状态；须配合 --db PostgreSQL / cluster mode: Redis (host:port) for Orleans membership, reminders and state; use with --db PostgreSQL",
        };
        var siloPort = new Option<int>("--silo-port")
        {
            Description = "Orleans 节点间端口（0 为自动；集群默认 11111） / silo-to-silo port (0 picks one; cluster default 11111)",
        };
        var gatewayPort = new Option<int>("--gateway-port")
        {
            Description = "Orleans 网关端口（0 为自动；集群默认 30000） / gateway port (0 picks one; cluster default 30000)",
        };
        var advertise = new Option<string?>("--advertise")
        {
            Description = "其他节点访问本节点的 IP（集群模式，默认 127.0.0.1） / the IP other nodes reach this one at (cluster mode, default 127.0.0.1)",
        };
        var demo = new Option<bool>("--demo")
        {
            Description = "演示模式：创建演示单位和账号，并在 127.0.0.1 上提供三个演示网站（健康、一分钟后被篡改、带暗链和搜索引擎来路跳转），从启动起即受监测；再次启动不重复创建 / demo mode: seeds demo organisations and sign-ins and serves three demo websites on 127.0.0.1 (healthy, defaced a minute after start, hidden links and a search-referrer redirect), monitored from the start; idempotent on a second start",
        };
        var defaceAfter = new Option<int>("--demo-deface-after")
        {
            Description = "演示模式：启动后多少秒篡改演示网站（默认 60） / demo mode: seconds after start until the demo site is defaced (default 60)",
            DefaultValueFactory = _ => 60,
        };
        var cmd = new Command("serve", "运行 GovGuard：网页界面、REST 接口和监测引擎 / run GovGuard: web UI, REST API and monitoring engine")
        {
            urls, data, db, cluster, siloPort, gatewayPort, advertise, demo, defaceAfter,
        };
        cmd.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var stdout = r.InvocationConfiguration.Output;
            var address = r.GetValue(urls)!;
            if (!Uri.TryCreate(address.Split(';')[0], UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https"))
            {
                throw new CliUsageException($"用法错误 / usage error: --urls {address} 不是 http(s) 地址 / is not an http(s) address, e.g. http://127.0.0.1:5080.");
            }

            var options = new GovGuardWebOptions { Urls = address, Database = DataOptions.From(r, data, db) };
            options.Monitoring.Redis = r.GetValue(cluster);
            options.Monitoring.SiloPort = r.GetValue(siloPort);
            options.Monitoring.GatewayPort = r.GetValue(gatewayPort);
            options.Monitoring.AdvertisedAddress = r.GetValue(advertise);
            if (options.Monitoring.IsCluster && options.Database.Kind != Platform.Data.DatabaseKind.Postgres)
            {
                throw new CliUsageException("用法错误 / usage error: --cluster 须配合 --db PostgreSQL 使用（各节点共享应用数据） / --cluster needs --db with a PostgreSQL connection (the nodes share the application's data).");
            }

            if (options.Monitoring.Validate() is { Count: > 0 } problems)
            {
                throw new CliUsageException("用法错误 / usage error: " + string.Join(" ", problems));
            }

            if (r.GetValue(defaceAfter) is < 0 or > 86_400)
            {
                throw new CliUsageException($"用法错误 / usage error: --demo-deface-after {r.GetValue(defaceAfter)} 必须在 0 到 86400 秒之间 / must be between 0 and 86400 seconds.");
            }

            await using var demoMode = r.GetValue(demo)
                ? await Web.Demo.DemoMode.StartAsync(options, new Web.Demo.DemoOptions { DefaceAfter = TimeSpan.FromSeconds(r.GetValue(defaceAfter)) }, ct).ConfigureAwait(false)
                : null;
            await using var app = GovGuardWebHost.Build(options);
            var password = await GovGuardWebHost.PrepareAsync(app, ct).ConfigureAwait(false);
            if (password is not null)
            {
                // Printed once, to the operator's terminal only: never written to the log.
                await stdout.WriteLineAsync($"""
                    ================================================================
                    首次启动：已创建平台管理员 / first start: administrator created
                      用户名 / user name:         {Platform.Accounts.FirstRun.AdminUserName}
                      一次性密码 / one-time password: {password}
                    首次登录后须修改密码并启用双因素认证。
                    Change the password and enable a second factor at first sign-in.
                    ================================================================
                    """).ConfigureAwait(false);
            }

            var engine = options.Monitoring.IsCluster ? "cluster (Redis)" : "embedded";
            await stdout.WriteLineAsync($"GovGuard 已启动 / running: {address.Split(';')[0]}  (数据 / data: {(options.Database.Kind == Platform.Data.DatabaseKind.Sqlite ? options.Database.SqlitePath : "PostgreSQL")}; 监测引擎 / engine: {engine})").ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            if (demoMode is not null)
            {
                // Seeded once the engine runs, so every demo monitor starts at once.
                var seeded = await demoMode.SeedAsync(app.Services, ct).ConfigureAwait(false);
                await stdout.WriteLineAsync(DemoText(demoMode.Sites, seeded, address.Split(';')[0])).ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>What the demo prints: the sites, and the sign-ins when they were created now (once, never logged).</summary>
    private static string DemoText(Web.Demo.DemoSites sites, Web.Demo.DemoSeedResult seeded, string address)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("================================================================");
        sb.AppendLine("演示模式 / demo mode");
        sb.AppendLine($"  健康网站 / healthy site:                      {sites.Url(Web.Demo.DemoSite.Healthy)}");
        sb.AppendLine($"  将被篡改的网站 / site defaced at {sites.DefaceAt:HH:mm:ss} UTC: {sites.Url(Web.Demo.DemoSite.Defaced)}");
        sb.AppendLine($"  暗链与来路跳转 / hidden links and redirect:   {sites.Url(Web.Demo.DemoSite.Hijacked)}");
        if (seeded.SignIns.Count > 0)
        {
            sb.AppendLine("演示账号（仅显示这一次） / demo sign-ins (shown this once):");
            foreach (var s in seeded.SignIns)
            {
                sb.AppendLine($"  {s.Role,-11} {s.UserName,-16} {s.Password}   {s.Organisation}");
            }
        }
        else
        {
            sb.AppendLine("演示数据已存在，账号密码在首次演示启动时显示过 / the demo was seeded before; its sign-ins were shown at that first start.");
        }

        sb.AppendLine($"打开 / open {address}/monitoring/wall  ·  {address}/alerts");
        sb.Append("================================================================");
        return sb.ToString();
    }
}
