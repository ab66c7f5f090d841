using GovGuard.Tests.Shared;
using GovGuard.Catalog.Roles;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Tests.Infrastructure;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Websites;

public sealed class WebsiteValidationTests
{
    [Theory]
    [Databases]
    public async Task Every_broken_rule_names_its_field_and_nothing_is_written(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        await using var s = new Services(db);
        var org = await s.Organisation("某区人民政府", OrganisationKind.GovernmentCustomer);
        var user = await s.User("zhao", org.Id);
        await using var before = db.Context();
        var auditBefore = await before.AuditRecords.CountAsync();

        var input = new WebsiteInput("", ["not a host", "ok.example.gov.cn"], "12345", "ICP12345", "京公网安备123号", 7, "cloud", "somewhere", null);
        var r = await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, input, CancellationToken.None));

        Assert.False(r.Succeeded);
        var fields = r.Error!.Fields.ToDictionary(f => f.Field, f => f);
        foreach (var name in new[] { "name", "domains", "siteCode", "icpRecord", "publicSecurityRecord", "protectionLevel", "serviceModel", "deploymentModel" })
        {
            Assert.True(fields.ContainsKey(name), $"no error for {name}");
            Assert.Contains(name, fields[name].Message.Zh, StringComparison.Ordinal);
            Assert.Contains(name, fields[name].Message.En, StringComparison.Ordinal);
        }

        Assert.Equal("range", fields["protectionLevel"].Rule);
        Assert.Contains("1", fields["protectionLevel"].Message.En, StringComparison.Ordinal);
        Assert.Contains("5", fields["protectionLevel"].Message.En, StringComparison.Ordinal);
        Assert.Equal("one_of", fields["serviceModel"].Rule);
        Assert.Contains("saas", fields["serviceModel"].Message.En, StringComparison.Ordinal);

        await using var after = db.Context();
        Assert.Equal(0, await after.Websites.CountAsync());
        Assert.Equal(auditBefore, await after.AuditRecords.CountAsync());
    }

    [Theory]
    [Databases]
    public async Task Well_formed_registration_numbers_are_accepted_and_domains_normalised(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        await using var s = new Services(db);
        var org = await s.Organisation("某市公安局", OrganisationKind.GovernmentCustomer);
        var user = await s.User("sun", org.Id);
        var input = new WebsiteInput("公安局网站", ["WWW.Example.GOV.cn.", "www.example.gov.cn"], "3301000012", "浙ICP备12345678号-1", "浙公网安备33010002000001号", 3, "saas", "public_cloud", null);
        var r = await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, input, CancellationToken.None));
        Assert.True(r.Succeeded, string.Join("; ", r.Error?.Fields.Select(f => f.Message.En) ?? []));
        Assert.Equal(["www.example.gov.cn"], r.Value!.Domains);
        Assert.Equal("planning", r.Value.Phase);
        Assert.Equal("public_cloud", r.Value.DeploymentModel);
    }

    [Theory]
    [Databases]
    public async Task Duplicate_site_code_is_refused_on_its_field(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        await using var s = new Services(db);
        var org = await s.Organisation("某县人民政府", OrganisationKind.GovernmentCustomer);
        var user = await s.User("qian", org.Id);
        var first = Services.Website("县政府网站") with { SiteCode = "5101000001" };
        Assert.True((await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, first, CancellationToken.None))).Succeeded);
        var second = Services.Website("另一个网站") with { SiteCode = "5101000001" };
        var r = await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, second, CancellationToken.None));
        var f = Assert.Single(r.Error!.Fields);
        Assert.Equal(("siteCode", "unique"), (f.Field, f.Rule));
    }

    [Theory]
    [Databases]
    public async Task Stale_edit_is_refused_instead_of_overwriting(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        await using var s = new Services(db);
        var org = await s.Organisation("某镇人民政府", OrganisationKind.GovernmentCustomer);
        var user = await s.User("zhou", org.Id);
        var site = (await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, Services.Website("镇政府网站"), CancellationToken.None))).Value!;
        var edit = Services.Website("改名一") with { Domains = site.Domains, Version = site.Version };
        Assert.True((await s.In(sp => sp.GetRequiredService<WebsiteService>().UpdateAsync(user, site.Id, edit, CancellationToken.None))).Succeeded);
        var stale = await s.In(sp => sp.GetRequiredService<WebsiteService>().UpdateAsync(user, site.Id, edit with { Name = "改名二" }, CancellationToken.None));
        Assert.Equal("version", Assert.Single(stale.Error!.Fields).Field);
    }

    [Theory]
    [Databases]
    public async Task Restart_keeps_the_data(string kind)
    {
        await using var db = await TestDatabase.CreateAsync(kind);
        Guid id;
        await using (var s = new Services(db))
        {
            var org = await s.Organisation("某市教育局", OrganisationKind.GovernmentCustomer);
            var user = await s.User("wu", org.Id);
            id = (await s.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(user, Services.Website("教育局网站"), CancellationToken.None))).Value!.Id;
        }

        // A new container and a second migration run, as at the next start.
        await Data.GovGuardDbFactory.MigrateAsync(db.Options, CancellationToken.None);
        await using var again = new Services(db);
        var site = await again.In(sp => sp.GetRequiredService<WebsiteService>().GetAsync(Access.Caller.System, id, CancellationToken.None));
        Assert.Equal("教育局网站", site.Value!.Name);
        await using var ctx = db.Context();
        Assert.True((await GovGuard.Platform.Audit.AuditVerifier.VerifyAsync(ctx, CancellationToken.None)).Intact);
    }
}
