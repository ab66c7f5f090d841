using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Web.Hosting;
using Microsoft.Extensions.Hosting;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard serve`: the web UI, the REST API and (later) the monitoring engine in one process.</summary>
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
        var cmd = new Command("serve", "运行 GovGuard：网页界面、REST 接口和监测引擎 / run GovGuard: web UI, REST API and monitoring engine")
        {
            urls, data, db,
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

            await stdout.WriteLineAsync($"GovGuard 已启动 / running: {address.Split(';')[0]}  (数据 / data: {(options.Database.Kind == Platform.Data.DatabaseKind.Sqlite ? options.Database.SqlitePath : "PostgreSQL")})").ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
