using GovGuard.Tests.Shared;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Audit;

public sealed class AuditChainTests
{
    private static async Task<(TestDatabase Db, Services Services)> SeededAsync(string kind, int websites = 3)
    {
        var db = await TestDatabase.CreateAsync(kind);
        var services = new Services(db);
        var customer = await services.Organisation("某市人民政府办公室", OrganisationKind.GovernmentCustomer);
        var user = await services.User("li.ming", customer.Id);
        for (var i = 0; i < websites; i++)
        {
            var r = await services.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, Services.Website($"门户网站 {i}"), CancellationToken.None));
            Assert.True(r.Succeeded);
        }

        return (db, services);
    }

    private static async Task<AuditVerification> VerifyAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        return await AuditVerifier.VerifyAsync(ctx, CancellationToken.None);
    }

    private static async Task SqlAsync(TestDatabase db, string sql)
    {
        await using var ctx = db.Context();
        await ctx.Database.ExecuteSqlRawAsync(sql);
    }

    [Theory]
    [Databases]
    public async Task Untouched_chain_verifies_with_every_record(string kind)
    {
        var (db, services) = await SeededAsync(kind);
        await using var _ = db;
        await using var __ = services;
        var result = await VerifyAsync(db);
        Assert.True(result.Intact, result.Problem?.En);
        // organisation + user + three websites
        Assert.Equal(5, result.Records);
        Assert.Matches("^[0-9a-f]{64}$", result.HeadHash);
    }

    [Theory]
    [Databases]
    public async Task Altered_record_is_detected_and_named(string kind)
    {
        var (db, services) = await SeededAsync(kind);
        await using var _ = db;
        await using var __ = services;
        await SqlAsync(db, "UPDATE audit_records SET \"Summary\" = 'nothing happened' WHERE \"Seq\" = 3");
        var result = await VerifyAsync(db);
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("3", result.Problem!.Value.En, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task Altered_record_with_recomputed_hash_is_detected_at_the_next_record(string kind)
    {
        var (db, services) = await SeededAsync(kind);
        await using var _ = db;
        await using var __ = services;
        // An attacker who recomputes the altered record's own hash still breaks the link to the next one.
        await using (var ctx = db.Context())
        {
            var r = await ctx.AuditRecords.SingleAsync(x => x.Seq == 3);
            r.Summary = "nothing happened";
            r.Hash = AuditChain.HashOf(r);
            await ctx.SaveChangesAsync();
        }

        var result = await VerifyAsync(db);
        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenAt);
    }

    [Theory]
    [Databases]
    public async Task Deleted_record_is_detected_and_named(string kind)
    {
        var (db, services) = await SeededAsync(kind);
        await using var _ = db;
        await using var __ = services;
        await SqlAsync(db, "DELETE FROM audit_records WHERE \"Seq\" = 2");
        var result = await VerifyAsync(db);
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("2", result.Problem!.Value.En, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task Reordered_records_are_detected(string kind)
    {
        var (db, services) = await SeededAsync(kind);
        await using var _ = db;
        await using var __ = services;
        await SqlAsync(db, "UPDATE audit_records SET \"Seq\" = 1000 WHERE \"Seq\" = 2");
        await SqlAsync(db, "UPDATE audit_records SET \"Seq\" = 2 WHERE \"Seq\" = 3");
        await SqlAsync(db, "UPDATE audit_records SET \"Seq\" = 3 WHERE \"Seq\" = 1000");
        var result = await VerifyAsync(db);
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
    }

    [Theory]
    [Databases]
    public async Task Concurrent_changes_keep_one_unbroken_chain(string kind)
    {
        var (db, services) = await SeededAsync(kind, websites: 0);
        await using var _ = db;
        await using var __ = services;
        var customer = await services.Organisation("某省大数据局", OrganisationKind.GovernmentCustomer);
        var user = await services.User("wang.fang", customer.Id);
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => services.In(sp =>
            sp.GetRequiredService<WebsiteService>().CreateAsync(user, Services.Website($"并发网站 {i}"), CancellationToken.None))));
        Assert.All(results, r => Assert.True(r.Succeeded));
        var result = await VerifyAsync(db);
        Assert.True(result.Intact, result.Problem?.En);
        Assert.Equal(4 + 24, result.Records);
    }

    [Theory]
    [Databases]
    public async Task Switched_off_kinds_are_not_recorded_but_mandatory_ones_cannot_be_switched_off(string kind)
    {
        var (db, services) = await SeededAsync(kind, websites: 0);
        await using var _ = db;
        await using var __ = services;
        var refused = await services.In(sp => sp.GetRequiredService<AuditService>().SetKindsAsync(Caller.System,
            new Dictionary<string, bool> { [AuditKinds.UserCreated] = false }, CancellationToken.None));
        Assert.False(refused.Succeeded);
        Assert.Equal("kinds", refused.Error!.Fields.Single().Field);
        Assert.Equal("mandatory", refused.Error!.Fields.Single().Rule);

        var set = await services.In(sp => sp.GetRequiredService<AuditService>().SetKindsAsync(Caller.System,
            new Dictionary<string, bool> { [AuditKinds.WebsiteCreated] = false }, CancellationToken.None));
        Assert.True(set.Succeeded);
        Assert.False(set.Value!.Single(k => k.Code == AuditKinds.WebsiteCreated).Enabled);

        await using var ctx = db.Context();
        var user = await ctx.Users.FirstAsync();
        var caller = (await services.In(sp => sp.GetRequiredService<Accounts.CallerResolver>().ResolveAsync(user.Id, null, false, null, CancellationToken.None)))!;
        var created = await services.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(caller, Services.Website("不记录的网站"), CancellationToken.None));
        Assert.True(created.Succeeded);
        Assert.False(await ctx.AuditRecords.AnyAsync(r => r.Kind == AuditKinds.WebsiteCreated));
        Assert.True(await ctx.AuditRecords.AnyAsync(r => r.Kind == AuditKinds.AuditSettingsChanged));
        Assert.True((await VerifyAsync(db)).Intact);
    }
}
