using System.Security.Cryptography;
using GovGuard.Platform.Evidence;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Compliance;

/// <summary>What a crash leaves in the evidence store (a temporary upload, a file renamed in before its row was committed) goes at start; nothing a row names ever does.</summary>
public sealed class StoreSweepTests
{
    private const string IntegratorDuty = "6.2.3.c";

    private static string PlaceOrphan(EvidenceStore store, byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = store.PathOf(sha);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [Databases]
    public async Task The_start_up_sweep_removes_temporary_and_unreferenced_files_and_keeps_every_referenced_one(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var pdf = ComplianceWorld.Pdf("kept");
        var kept = await w.Upload(w.Integrator, IntegratorDuty, "方案.pdf", pdf);
        Assert.True(kept.Succeeded, kept.Error?.Message.En);
        var store = w.S.Root.GetRequiredService<EvidenceStore>();
        var temp = Path.Combine(store.Root, $".upload-{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(temp, "half an upl"u8.ToArray());
        var orphan = PlaceOrphan(store, ComplianceWorld.Pdf("renamed in, row never committed"));

        // A cutoff before the files were written (a cluster node's grace) spares them.
        var spared = await w.S.In(async sp => await StoredFiles.SweepAsync(sp.GetRequiredService<Data.GovGuardDbContext>(), store, DateTimeOffset.UnixEpoch, CancellationToken.None));
        Assert.Equal(new StoreSweepResult(0, 0), spared);
        Assert.True(File.Exists(orphan));

        var swept = await w.S.In(async sp => await StoredFiles.SweepAsync(sp.GetRequiredService<Data.GovGuardDbContext>(), store, DateTimeOffset.MaxValue, CancellationToken.None));
        Assert.Equal(new StoreSweepResult(1, 1), swept);
        Assert.False(File.Exists(temp));
        Assert.False(File.Exists(orphan));
        var path = store.PathOf(kept.Value!.Sha256);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(path));
        Assert.Single(w.EvidenceFiles());
    }

    [Theory]
    [Databases]
    public async Task A_failed_commit_removes_only_the_file_it_brought_and_never_one_a_row_holds(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var pdf = ComplianceWorld.Pdf("held");
        var held = (await w.Upload(w.Integrator, IntegratorDuty, "方案.pdf", pdf)).Value!;
        var store = w.S.Root.GetRequiredService<EvidenceStore>();
        var heldPath = store.PathOf(held.Sha256);

        // The same bytes uploaded again, then the commit fails: a row holds them, they stay.
        await w.S.In(async sp => { await StoredFiles.ForgetAsync(sp.GetRequiredService<Data.GovGuardDbContext>(), store, new StoredFile(held.Sha256, held.Sm3, pdf.Length, "pdf", false)); return 0; });
        Assert.True(File.Exists(heldPath));

        // Bytes that were in the store before this request (AlreadyStored) stay even when no row names them yet.
        var before = PlaceOrphan(store, ComplianceWorld.Pdf("there before"));
        var beforeSha = Path.GetFileName(before);
        await w.S.In(async sp => { await StoredFiles.ForgetAsync(sp.GetRequiredService<Data.GovGuardDbContext>(), store, new StoredFile(beforeSha, "x", 1, "pdf", true)); return 0; });
        Assert.True(File.Exists(before));

        // New bytes nobody holds go.
        await w.S.In(async sp => { await StoredFiles.ForgetAsync(sp.GetRequiredService<Data.GovGuardDbContext>(), store, new StoredFile(beforeSha, "x", 1, "pdf", false)); return 0; });
        Assert.False(File.Exists(before));
    }
}
