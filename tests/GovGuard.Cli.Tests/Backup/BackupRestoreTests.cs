using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using GovGuard.Cli.Infrastructure;
using GovGuard.Platform;
using GovGuard.Platform.Access;
using GovGuard.Platform.Data;
using GovGuard.Platform.Organisations;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Cli.Tests.Backup;

/// <summary>`govguard backup` and `govguard restore`: a round trip on both databases, and restores that must refuse.</summary>
public sealed class BackupRestoreTests
{
    private static readonly byte[] EvidenceBytes = "%PDF-1.7\n% 验收报告\n%%EOF\n"u8.ToArray();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Where(TestDatabase db) =>
        db.Kind == DatabaseKind.Sqlite ? ["--data", db.Folder] : ["--data", db.Folder, "--db", db.Options.Postgres!];

    /// <summary>Three organisations made through the platform (so audited) and one evidence file in the store.</summary>
    private static async Task<(TestDatabase Db, string EvidencePath)> SourceAsync(string kind)
    {
        var db = await TestDatabase.CreateAsync(kind);
        var services = new ServiceCollection().AddLogging().AddGovGuardPlatform(db.Options).BuildServiceProvider();
        await using (services)
        {
            foreach (var name in new[] { "某市人民政府", "某云计算有限公司", "某测评中心" })
            {
                await using var scope = services.CreateAsyncScope();
                var r = await scope.ServiceProvider.GetRequiredService<OrganisationService>().CreateAsync(Caller.System,
                    new OrganisationInput(name, "cloud_provider", null, null, null, null), CancellationToken.None);
                Assert.True(r.Succeeded);
            }
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(EvidenceBytes));
        var relative = Path.Combine("evidence", sha[..2], sha);
        Directory.CreateDirectory(Path.Combine(db.Folder, "evidence", sha[..2]));
        await File.WriteAllBytesAsync(Path.Combine(db.Folder, relative), EvidenceBytes);
        return (db, relative);
    }

    private static string Archive() => Path.Combine(Path.GetTempPath(), "govguard-tests", $"backup-{Guid.NewGuid():N}.tar.gz");

    [Theory]
    [Databases]
    public async Task A_backup_restores_into_an_empty_target_with_its_evidence_and_an_intact_audit_chain(string kind)
    {
        var (source, evidence) = await SourceAsync(kind);
        await using var owned = source;
        await using var target = await TestDatabase.CreateAsync(kind, migrate: false);
        var archive = Archive();
        try
        {
            var (code, stdout, stderr) = await Run(["backup", "--out", archive, .. Where(source)]);
            Assert.True(code == ExitCodes.Ok, stderr);
            Assert.Contains("SHA-256 (manifest)", stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(archive + ".partial"));

            (code, stdout, stderr) = await Run(["restore", archive, .. Where(target)]);
            Assert.True(code == ExitCodes.Ok, stdout + stderr);
            Assert.Contains("audit chain intact: 3", stdout, StringComparison.Ordinal);

            await using var ctx = target.Context();
            Assert.Equal(["某云计算有限公司", "某市人民政府", "某测评中心"], (await ctx.Organisations.Select(o => o.Name).ToListAsync()).Order(StringComparer.Ordinal));
            Assert.Equal(EvidenceBytes, await File.ReadAllBytesAsync(Path.Combine(target.Folder, evidence)));

            // A second restore over what is now there needs --force and keeps the replaced data aside.
            (code, stdout, stderr) = await Run(["restore", archive, .. Where(target)]);
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("--force", stderr, StringComparison.Ordinal);
            (code, stdout, stderr) = await Run(["restore", archive, "--force", .. Where(target)]);
            Assert.True(code == ExitCodes.Ok, stdout + stderr);
            var aside = stdout.Split('\n').Single(l => l.Contains("kept in:", StringComparison.Ordinal)).Split("kept in: ")[1].Trim();
            Assert.True(File.Exists(Path.Combine(aside, evidence)));
            Directory.Delete(aside, recursive: true);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task An_archive_whose_entry_does_not_match_its_manifest_is_refused_and_nothing_is_written()
    {
        var (source, evidence) = await SourceAsync("sqlite");
        await using var owned = source;
        await using var target = await TestDatabase.CreateAsync("sqlite", migrate: false);
        var archive = Archive();
        var altered = Archive();
        try
        {
            Assert.Equal(ExitCodes.Ok, (await Run(["backup", "--out", archive, .. Where(source)])).Code);
            var name = "data/" + evidence.Replace('\\', '/');
            await Rewrite(archive, altered, name, "%PDF-1.7\n% 被改过\n%%EOF\n"u8.ToArray());

            var (code, stdout, stderr) = await Run(["restore", altered, .. Where(target)]);
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("altered: " + name, stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(target.Options.SqlitePath));
            Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(target.Folder)!, $".{Path.GetFileName(target.Folder)}.restore-*"));

            // A cut-off archive is refused the same way.
            var bytes = await File.ReadAllBytesAsync(archive);
            await File.WriteAllBytesAsync(altered, bytes[..(bytes.Length / 2)]);
            (code, stdout, stderr) = await Run(["restore", altered, .. Where(target)]);
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("incomplete", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(target.Options.SqlitePath));
        }
        finally
        {
            File.Delete(archive);
            File.Delete(altered);
        }
    }

    /// <summary>Copies the archive, replacing the content of one entry (the manifest is left as it was).</summary>
    private static async Task Rewrite(string from, string to, string entryName, byte[] content)
    {
        await using var input = new GZipStream(File.OpenRead(from), CompressionMode.Decompress);
        await using var reader = new TarReader(input);
        await using var output = new GZipStream(File.Create(to), CompressionLevel.Fastest);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync(copyData: true) is { } e)
        {
            if (e.Name == entryName)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, e.Name) { DataStream = new MemoryStream(content) });
            }
            else
            {
                await writer.WriteEntryAsync(e);
            }
        }
    }
}
