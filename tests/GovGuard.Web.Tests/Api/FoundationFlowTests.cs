using System.Net;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Tests.Shared;
using GovGuard.Web.Tests.Infrastructure;

namespace GovGuard.Web.Tests.Api;

/// <summary>The foundation's acceptance flows through the real API, on SQLite and on PostgreSQL.</summary>
public sealed class FoundationFlowTests
{
    private static object Site(string name, Guid? customerId = null) =>
        new { name, domains = new[] { $"{Guid.NewGuid():N}"[..10] + ".example.gov.cn" }, protectionLevel = 3, serviceModel = "paas", deploymentModel = "gov_cloud", customerId };

    [Theory]
    [Databases]
    public async Task Provider_without_engagement_is_refused_and_audited_while_the_owning_customer_succeeds(string db)
    {
        await using var host = await TestHost.StartAsync(db);
        var customerOrg = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var providerOrg = await host.Organisation("某云计算有限公司", OrganisationKind.CloudProvider);
        var admin = await host.User("root", customerOrg.Id, OrgRole.Admin, platformAdmin: true);
        var customer = await host.User("li.ming", customerOrg.Id);
        var provider = await host.User("provider.ops", providerOrg.Id);

        using var refused = await host.Client(provider.Token).PostJson("/api/v1/websites", Site("冒名登记的网站", customerOrg.Id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        using var created = await host.Client(customer.Token).PostJson("/api/v1/websites", Site("市政府门户网站"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var site = await created.Json();
        Assert.Equal(customerOrg.Id.ToString(), site.GetProperty("customerId").GetString());

        using var list = await host.Client(provider.Token).GetAsync("/api/v1/websites");
        Assert.Equal(0, (await list.Json()).GetProperty("total").GetInt32());

        using var audit = await host.Client(admin.Token).GetAsync("/api/v1/audit/records?kind=access.denied");
        var denied = (await audit.Json()).GetProperty("items").EnumerateArray().ToList();
        var record = Assert.Single(denied);
        Assert.Equal(provider.Id.ToString(), record.GetProperty("actorUserId").GetString());
        Assert.Equal("denied", record.GetProperty("outcome").GetString());

        using var verify = await host.Client(admin.Token).GetAsync("/api/v1/audit/verify");
        Assert.True((await verify.Json()).GetProperty("intact").GetBoolean());
    }

    [Theory]
    [Databases]
    public async Task Validation_problems_name_the_field_in_the_language_asked_for(string db)
    {
        await using var host = await TestHost.StartAsync(db);
        var org = await host.Organisation("某区人民政府", OrganisationKind.GovernmentCustomer);
        var user = await host.User("zhao", org.Id);
        var bad = new { name = "区政府网站", domains = new[] { "ok.example.gov.cn" }, protectionLevel = 9, serviceModel = "iaas", deploymentModel = "gov_cloud" };

        using var zh = await host.Client(user.Token).PostJson("/api/v1/websites", bad);
        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var zhBody = await zh.Json();
        var zhMessage = zhBody.GetProperty("errors").GetProperty("protectionLevel")[0].GetString()!;
        Assert.Contains("等保级别", zhMessage, StringComparison.Ordinal);
        Assert.Contains("1 到 5", zhMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await zh.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var en = await host.Client(user.Token, "en-US").PostJson("/api/v1/websites", bad);
        var enMessage = (await en.Json()).GetProperty("errors").GetProperty("protectionLevel")[0].GetString()!;
        Assert.Equal("Protection level (protectionLevel) must be between 1 and 5.", enMessage);

        using var garbage = await host.Client(user.Token).PostAsync("/api/v1/websites", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.DoesNotContain("Exception", await garbage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await garbage.Json()).GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Read_only_token_reads_but_cannot_write()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某县人民政府", OrganisationKind.GovernmentCustomer);
        var user = await host.User("qian", org.Id);
        using var made = await host.Client(user.Token).PostJson("/api/v1/account/tokens", new { name = "readonly", days = 5, readOnly = true });
        var readOnly = (await made.Json()).GetProperty("secret").GetString()!;
        using var read = await host.Client(readOnly).GetAsync("/api/v1/websites");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var write = await host.Client(readOnly).PostJson("/api/v1/websites", Site("只读令牌不能建"));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_token_and_a_revoked_token_stops_at_once()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某镇人民政府", OrganisationKind.GovernmentCustomer);
        var user = await host.User("zhou", org.Id);
        using var second = await host.Client(user.Token).PostJson("/api/v1/account/tokens", new { name = "second" });
        var secondToken = await second.Json();
        using var revoke = await host.Client(user.Token).DeleteAsync($"/api/v1/account/tokens/{secondToken.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        using var afterRevoke = await host.Client(secondToken.GetProperty("secret").GetString()).GetAsync("/api/v1/account");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);

        using var change = await host.Client(user.Token).PostJson("/api/v1/account/password", new { currentPassword = user.Password, newPassword = "An0therPassword" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        using var old = await host.Client(user.Token).GetAsync("/api/v1/account");
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using var fresh = await host.Client().PostJson("/api/v1/auth/token", new { userName = user.UserName, password = "An0therPassword" });
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
    }

    [Fact]
    public async Task Second_factor_is_required_once_enrolled_and_a_code_works_only_once()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某市大数据局", OrganisationKind.GovernmentCustomer);
        var user = await host.User("sun", org.Id);
        var client = host.Client(user.Token);
        using var setup = await client.GetAsync("/api/v1/account/two-factor");
        var key = (await setup.Json()).GetProperty("key").GetString()!;
        var now = DateTimeOffset.UtcNow;
        var code = SingleUseAuthenticatorTokenProvider.CurrentCode(key, now);
        using var enable = await client.PostJson("/api/v1/account/two-factor", new { code });
        Assert.Equal(HttpStatusCode.NoContent, enable.StatusCode);

        using var noCode = await host.Client().PostJson("/api/v1/auth/token", new { userName = user.UserName, password = user.Password });
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.True((await noCode.Json()).GetProperty("errors").TryGetProperty("code", out _));

        using var replay = await host.Client().PostJson("/api/v1/auth/token", new { userName = user.UserName, password = user.Password, code });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);

        // The verification window takes the next 30-second step, which has not been used yet.
        var next = SingleUseAuthenticatorTokenProvider.CurrentCode(key, now.AddSeconds(30));
        using var ok = await host.Client().PostJson("/api/v1/auth/token", new { userName = user.UserName, password = user.Password, code = next });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_and_are_audited()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某市档案馆", OrganisationKind.GovernmentCustomer);
        var admin = await host.User("root", org.Id, OrgRole.Admin, platformAdmin: true);
        var user = await host.User("wu", org.Id);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await host.Client().PostJson("/api/v1/auth/token", new { userName = user.UserName, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var locked = await host.Client().PostJson("/api/v1/auth/token", new { userName = user.UserName, password = user.Password });
        Assert.Contains("锁定", (await locked.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
        using var audit = await host.Client(admin.Token).GetAsync("/api/v1/audit/records?kind=account.locked_out");
        Assert.Equal(1, (await audit.Json()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Platform_administrator_must_enrol_a_second_factor_before_using_the_api()
    {
        await using var host = await TestHost.StartAsync(requireAdminTwoFactor: true);
        var org = await host.Organisation("平台运维中心", OrganisationKind.SecurityServiceProvider);
        var admin = await host.User("root", org.Id, OrgRole.Admin, platformAdmin: true);
        using var blocked = await host.Client(admin.Token).GetAsync("/api/v1/websites");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("two-factor", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var account = await host.Client(admin.Token).GetAsync("/api/v1/account");
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }
}
