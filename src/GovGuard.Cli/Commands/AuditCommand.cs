using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

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

            var result = await AuditVerifier.VerifyAsync(context, ct, new AuditAnchor(options)).ConfigureAwait(false);
            if (result.Intact)
            {
                var archived = result.Archived > 0 ? $"（其中 {result.Archived} 条在归档中 / {result.Archived} of them archived）" : string.Empty;
                await stdout.WriteLineAsync($"审计链完整 / audit chain intact: {result.Records} 条记录 / records{archived}, head {result.HeadHash}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await stdout.WriteLineAsync($"审计链被破坏 / audit chain broken at record {result.BrokenAt}: {result.Problem!.Value.Zh} / {result.Problem!.Value.En}").ConfigureAwait(false);
            return ExitCodes.Failure;
        });
        verify.Description += "；同时校验数据目录中的审计归档 / archives in the data folder are verified too";
        return new Command("audit", "审计日志 / the audit log") { verify, Archive() };
    }

    /// <summary>`govguard audit archive [--before DATE]`: moves records older than the retention into the archive.</summary>
    private static Command Archive()
    {
        var data = DataOptions.Data();
        var db = DataOptions.Db();
        var before = new Option<string?>("--before")
        {
            Description = "归档早于此日期的记录（yyyy-MM-dd，UTC；不得晚于保留期限，默认即保留期限） / archive records before this date (yyyy-MM-dd, UTC; not later than the retention limit, which is the default)",
        };
        var cmd = new Command("archive", "把超过保留期（GovGuard:Audit:RetainMonths，至少 6 个月）的审计记录移入数据目录中的压缩哈希链归档；从不删除 / move audit records older than the retention (GovGuard:Audit:RetainMonths, at least 6 months) into the compressed, hash-chained archive in the data folder; never deletes")
        {
            data, db, before,
        };
        cmd.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var stdout = r.InvocationConfiguration.Output;
            var stderr = r.InvocationConfiguration.Error;
            DateTimeOffset? cutoff = null;
            if (r.GetValue(before) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    throw new CliUsageException($"用法错误 / usage error: --before {text} 不是日期 / is not a date; expected yyyy-MM-dd (UTC).");
                }

                cutoff = parsed;
            }

            var audit = new AuditOptions();
            new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(AuditOptions.Section).Bind(audit);
            if (audit.Problem() is { } problem)
            {
                await stderr.WriteLineAsync(problem).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var options = DataOptions.From(r, data, db);
            if (options.Kind == DatabaseKind.Sqlite && !File.Exists(options.SqlitePath))
            {
                await stderr.WriteLineAsync($"找不到数据库 / database not found: {options.SqlitePath} (use --data DIR or --db CONN)").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await using var context = GovGuardDbFactory.Create(options);
            var time = TimeProvider.System;
            var archiver = new AuditArchiver(context, new AuditLog(time, new AuditAnchor(options)), time, Microsoft.Extensions.Options.Options.Create(audit), options);
            var result = await archiver.ArchiveAsync(cutoff, ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await stderr.WriteLineAsync(string.Join(" ", result.Error!.Fields.Select(f => $"{f.Message.Zh} / {f.Message.En}"))).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var done = result.Value!;
            await stdout.WriteLineAsync(done.Records == 0
                ? $"没有早于 {done.Before:yyyy-MM-dd} 的记录可归档 / nothing to archive before {done.Before:yyyy-MM-dd}"
                : $"已归档 / archived {done.Records} 条记录 / records ({done.FirstSeq}–{done.LastSeq}) → {AuditArchiveFolder.FolderName}/{done.File}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
