using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Backup;
using GovGuard.Platform.Data;

namespace GovGuard.Cli.Commands;

/// <summary>
/// `govguard backup --out FILE` and `govguard restore FILE`: GovGuard's own database and data folder in one archive
/// with a manifest (docs/operations.md). A restore checks every entry, then the audit chain of what it restored.
/// </summary>
public static class BackupCommands
{
    public static Command Backup()
    {
        var data = DataOptions.Data();
        var db = DataOptions.Db();
        var output = new Option<string>("--out")
        {
            Description = "备份文件（.tar.gz） / the backup file to write (.tar.gz)",
            Required = true,
        };
        var command = new Command("backup", "备份数据库和数据目录（证据、密钥、审计锚点），附清单 / back up the database and the data folder (evidence, keys, audit anchor) with a manifest")
        {
            data, db, output,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var stdout = r.InvocationConfiguration.Output;
            var stderr = r.InvocationConfiguration.Error;
            var options = DataOptions.From(r, data, db);
            try
            {
                var result = await GovGuardBackup.CreateAsync(options, r.GetValue(output)!, TimeProvider.System, ct).ConfigureAwait(false);
                await stdout.WriteLineAsync($"备份完成 / backup written: {result.Archive}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"  {result.Manifest.Files.Count} 个文件 / files, {result.Bytes} bytes, {result.Manifest.Database}, schema {result.Manifest.Migration ?? "-"}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"  SHA-256 (archive)  {result.ArchiveSha256}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"  SHA-256 (manifest) {result.ManifestSha256}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (BackupException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    public static Command Restore()
    {
        var data = DataOptions.Data();
        var db = DataOptions.Db();
        var file = new Argument<string>("FILE") { Description = "govguard backup 写的备份文件 / a file written by govguard backup" };
        var force = new Option<bool>("--force") { Description = "目标已有数据时仍然恢复（原数据另存） / restore over existing data (which is kept aside)" };
        var command = new Command("restore", "从备份恢复（先逐项校验清单，恢复后校验审计链）；GovGuard 须已停止 / restore a backup (every entry checked first, the audit chain after); stop GovGuard first")
        {
            file, data, db, force,
        };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var stdout = r.InvocationConfiguration.Output;
            var stderr = r.InvocationConfiguration.Error;
            var options = DataOptions.From(r, data, db);
            try
            {
                var result = await GovGuardBackup.RestoreAsync(options, r.GetValue(file)!, r.GetValue(force), TimeProvider.System, ct).ConfigureAwait(false);
                await stdout.WriteLineAsync($"已恢复 / restored: {result.Manifest.Files.Count} 个文件 / files from {result.Manifest.CreatedAt:u}, manifest SHA-256 {result.ManifestSha256}").ConfigureAwait(false);
                if (result.KeptAside is { } aside)
                {
                    await stdout.WriteLineAsync($"  原数据目录另存于 / the previous data folder is kept in: {aside}").ConfigureAwait(false);
                }
            }
            catch (BackupException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await using var context = GovGuardDbFactory.Create(options);
            var audit = await AuditVerifier.VerifyAsync(context, ct, new AuditAnchor(options)).ConfigureAwait(false);
            if (!audit.Intact)
            {
                await stdout.WriteLineAsync($"审计链被破坏 / audit chain broken at record {audit.BrokenAt}: {audit.Problem!.Value.Zh} / {audit.Problem!.Value.En}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await stdout.WriteLineAsync($"  审计链完整 / audit chain intact: {audit.Records} 条记录 / records, head {audit.HeadHash}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
