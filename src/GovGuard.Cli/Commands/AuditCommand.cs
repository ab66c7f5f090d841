using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard audit verify`: recomputes the SM3 chain of the audit log (GB/T 38249 6.2.2 d).</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var data = DataOptions.Data();
        var db = DataOptions.Db();
        var verify = new Command("verify", "校验审计日志哈希链；完整时退出码 0，否则 1 并指出记录 / verify the audit hash chain; exit 0 when intact, else 1 naming the record")
        {
            data, db,
        };
        verify.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var stdout = r.InvocationConfiguration.Output;
            var stderr = r.InvocationConfiguration.Error;
            var options = DataOptions.From(r, data, db);
            if (options.Kind == DatabaseKind.Sqlite && !File.Exists(options.SqlitePath))
            {
                await stderr.WriteLineAsync($"找不到数据库 / database not found: {options.SqlitePath} (use --data DIR or --db CONN)").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await using var context = GovGuardDbFactory.Create(options);
            if (!await context.Database.CanConnectAsync(ct).ConfigureAwait(false))
            {
                await stderr.WriteLineAsync("无法连接数据库 / cannot connect to the database.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var result = await AuditVerifier.VerifyAsync(context, ct).ConfigureAwait(false);
            if (result.Intact)
            {
                await stdout.WriteLineAsync($"审计链完整 / audit chain intact: {result.Records} 条记录 / records, head {result.HeadHash}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await stdout.WriteLineAsync($"审计链被破坏 / audit chain broken at record {result.BrokenAt}: {result.Problem!.Value.Zh} / {result.Problem!.Value.En}").ConfigureAwait(false);
            return ExitCodes.Failure;
        });
        return new Command("audit", "审计日志 / the audit log") { verify };
    }
}
