using GovGuard.Catalog.Roles;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Tests.Alerts;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Tests.Audit;

/// <summary>Retention of at least six months, archiving instead of deletion, and verification across archive and table.</summary>
public sealed class AuditArchiveTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Three websites written at <see cref="Start"/>, three more eight months later; the clock then stands there.</summary>
    private static async Task<(TestDatabase Db, Services Services, TestClock Clock)> SeededAsync(string kind, Action<IServiceCollection>? configure = null)
    {
        var db = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock(Start);
        var services = new Services(db, clock, configure);
        var customer = await services.Organisation("某市人民政府办公室", OrganisationKind.GovernmentCustomer);
        var user = await services.User("li.ming", customer.Id);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await services.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, Services.Website($"旧网站 {i}"), CancellationToken.None))).Succeeded);
        }

        clock.Advance(TimeSpan.FromDays(240));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await services.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, Services.Website($"新网站 {i}"), CancellationToken.None))).Succeeded);
        }

        return (db, services, clock);
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        return await AuditVerifier.VerifyAsync(ctx, CancellationToken.None, new AuditAnchor(db.Options));
    }

    private static async Task<List<long>> LiveSeqsAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        return await ctx.AuditRecords.OrderBy(r => r.Seq).Select(r => r.Seq).ToListAsync();
    }

    [Theory]
    [Databases]
    public async Task Records_older_than_the_retention_move_to_the_archive_and_the_chain_still_verifies(string kind)
    {
        var (db, services, _) = await SeededAsync(kind);
        await using var _db = db;
        await using var _s = services;
        var before = await VerifyAsync(db);
        Assert.True(before.Intact, before.Problem?.En);
        // organisation + user + three old websites = 5 records older than six months; 3 new ones.
        Assert.Equal(8, before.Records);

        var r = await services.In(sp => sp.GetRequiredService<AuditArchiver>().ArchiveAsync(null, CancellationToken.None));
        Assert.True(r.Succeeded, r.Error?.Message.En);
        Assert.Equal(5, r.Value!.Records);
        Assert.Equal(1, r.Value.FirstSeq);
        Assert.Equal(5, r.Value.LastSeq);

        // The table keeps the young records plus the record of the archiving itself.
        Assert.Equal([6L, 7, 8, 9], await LiveSeqsAsync(db));
        var folder = new AuditArchiveFolder(db.Options.DataDirectory);
        var entry = Assert.Single(folder.Entries());
        Assert.Equal(5, entry.Records);
        Assert.Equal([1L, 2, 3, 4, 5], folder.Read(entry).Select(x => x.Seq).ToList());
        Assert.EndsWith(".jsonl.gz", entry.File, StringComparison.Ordinal);

        var after = await VerifyAsync(db);
        Assert.True(after.Intact, after.Problem?.En);
        Assert.Equal(9, after.Records);
        Assert.Equal(5, after.Archived);

        // Nothing younger than six months is ever archived: a second run finds nothing.
        var again = await services.In(sp => sp.GetRequiredService<AuditArchiver>().ArchiveAsync(null, CancellationToken.None));
        Assert.Equal(0, again.Value!.Records);
        Assert.Equal([6L, 7, 8, 9], await LiveSeqsAsync(db));
    }

    [Theory]
    [Databases]
    public async Task A_date_inside_the_retention_is_refused_and_nothing_moves(string kind)
    {
        var (db, services, clock) = await SeededAsync(kind);
        await using var _db = db;
        await using var _s = services;
        var r = await services.In(sp => sp.GetRequiredService<AuditArchiver>().ArchiveAsync(clock.GetUtcNow().AddMonths(-5), CancellationToken.None));
        Assert.False(r.Succeeded);
        var field = Assert.Single(r.Error!.Fields);
        Assert.Equal("before", field.Field);
        Assert.Contains("GovGuard:Audit:RetainMonths", field.Message.En, StringComparison.Ordinal);
        Assert.Equal(8, (await LiveSeqsAsync(db)).Count);
        Assert.Empty(new AuditArchiveFolder(db.Options.DataDirectory).Entries());
    }

    [Theory]
    [Databases]
    public async Task An_altered_archive_or_a_removed_archive_file_fails_verification(string kind)
    {
        var (db, services, _) = await SeededAsync(kind);
        await using var _db = db;
        await using var _s = services;
        Assert.True((await services.In(sp => sp.GetRequiredService<AuditArchiver>().ArchiveAsync(null, CancellationToken.None))).Succeeded);
        var folder = new AuditArchiveFolder(db.Options.DataDirectory);
        var path = Path.Combine(folder.Root, folder.Entries()[0].File);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^5] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);
        var altered = await VerifyAsync(db);
        Assert.False(altered.Intact);
        Assert.Contains("SHA-256", altered.Problem!.Value.En, StringComparison.Ordinal);

        File.Delete(path);
        var removed = await VerifyAsync(db);
        Assert.False(removed.Intact);
        Assert.Contains("missing", removed.Problem!.Value.En, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task A_crash_after_the_archive_was_written_but_before_the_rows_left_still_verifies_and_the_next_run_finishes(string kind)
    {
        var (db, services, clock) = await SeededAsync(kind);
        await using var _db = db;
        await using var _s = services;
        await using (var ctx = db.Context())
        {
            // What a run writes before its delete: the archive file and the manifest entry.
            var old = await ctx.AuditRecords.AsNoTracking().Where(r => r.Seq <= 5).OrderBy(r => r.Seq).ToListAsync();
            new AuditArchiveFolder(db.Options.DataDirectory).Write(old, clock.GetUtcNow().AddMonths(-6), clock.GetUtcNow());
        }

        var overlap = await VerifyAsync(db);
        Assert.True(overlap.Intact, overlap.Problem?.En);
        Assert.Equal(8, overlap.Records);

        var r = await services.In(sp => sp.GetRequiredService<AuditArchiver>().ArchiveAsync(null, CancellationToken.None));
        Assert.True(r.Succeeded);
        Assert.Equal(0, r.Value!.Records);
        Assert.Equal([6L, 7, 8, 9], await LiveSeqsAsync(db));
        Assert.Single(new AuditArchiveFolder(db.Options.DataDirectory).Entries());
        Assert.True((await VerifyAsync(db)).Intact);
    }

    [Fact]
    public void A_retention_below_six_months_is_refused_at_start_naming_the_setting_and_the_rule()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GovGuard:Audit:RetainMonths"] = "3" }).Build());
        services.AddGovGuardPlatform(new Data.DatabaseOptions { DataDirectory = Path.GetTempPath() });
        using var sp = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<AuditOptions>>().Value);
        Assert.Contains("GovGuard:Audit:RetainMonths", e.Message, StringComparison.Ordinal);
        Assert.Contains("six months", e.Message, StringComparison.Ordinal);
        Assert.NotNull(new AuditOptions { RetainMonths = 5 }.Problem());
        Assert.Null(new AuditOptions { RetainMonths = 6 }.Problem());
    }
}
