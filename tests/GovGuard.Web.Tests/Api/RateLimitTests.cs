using System.Net;
using GovGuard.Catalog.Roles;
using GovGuard.Web.Hosting;
using GovGuard.Web.Tests.Infrastructure;

namespace GovGuard.Web.Tests.Api;

/// <summary>Sign-in is throttled per address on top of the per-account lockout; the API is rate-limited per user.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task An_address_spraying_passwords_over_many_names_must_wait_even_with_a_right_password()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["GovGuard:SignIn:MaxFailuresPerAddress"] = "3" });
        var org = await host.Organisation("某市信息中心", OrganisationKind.GovernmentCustomer);
        var user = await host.User("zhou", org.Id);
        foreach (var name in new[] { "admin", "root", "test" })
        {
            using var wrong = await host.Client().PostJson("/api/v1/auth/token", new { userName = name, password = "Password123" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var throttled = await host.Client().PostJson("/api/v1/auth/token", new { userName = user.UserName, password = user.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(int.Parse(throttled.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("登录失败次数过多", (await throttled.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);

        // The throttle is per address: the account itself is not locked (it never failed).
        using var english = await host.Client(language: "en").PostJson("/api/v1/auth/token", new { userName = user.UserName, password = user.Password });
        Assert.Contains("from this address", (await english.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
        await using var db = host.Db.Context();
        Assert.Null(db.Users.Single(u => u.Id == user.Id).LockoutEnd);
    }

    [Fact]
    public async Task Api_calls_beyond_the_limit_get_429_with_retry_after_and_other_users_are_not_affected()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { [ApiRateLimits.RequestsPerMinuteKey] = "6" });
        var org = await host.Organisation("某市政务服务中心", OrganisationKind.GovernmentCustomer);
        var busy = await host.User("busy", org.Id);
        var calm = await host.User("calm", org.Id);
        var client = host.Client(busy.Token);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var r = await client.GetAsync("/api/v1/account");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(r.Headers.RetryAfter);
                Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
                Assert.Contains("请求过于频繁", (await r.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using var other = await host.Client(calm.Token).GetAsync("/api/v1/account");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
