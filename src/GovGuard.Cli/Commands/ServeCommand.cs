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
        var cmd = new Command("serve", "运行 GovGuard：网页界面、REST 接口和监测引擎 / run GovGuard: web UI, REST API and monitoring engine")
        {
            urls, data, db, cluster, siloPort, gatewayPort, advertise,
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
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
