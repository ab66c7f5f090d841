using System.Net;
using System.Text.RegularExpressions;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Web.Tests.Infrastructure;

namespace GovGuard.Web.Tests.Auth;

/// <summary>A signed-in session ends after 30 idle minutes, and after 12 hours however busy it is.</summary>
public sealed partial class SessionExpiryTests
{
    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes_and_after_twelve_hours_of_use()
    {
        var clock = new ShiftedClock();
        await using var host = await TestHost.StartAsync(time: clock);
        var org = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var user = await host.User("duty.officer", org.Id, OrgRole.Member);

        // Idle: fine at 20 minutes (and the sliding session is renewed), gone 31 minutes after the last request.
        using (var client = await SignInAsync(host, user))
        {
            Assert.True(await SignedInAsync(client));
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await SignedInAsync(client));
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True(await SignedInAsync(client), "a session used 20 minutes ago is still open");
            clock.Advance(TimeSpan.FromMinutes(31));
            Assert.False(await SignedInAsync(client), "a session idle for 31 minutes must be closed");
        }

        // Busy: a request every 20 minutes keeps it open until 12 hours after sign-in, not beyond.
        using (var client = await SignInAsync(host, user))
        {
            for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
            {
                Assert.True(await SignedInAsync(client), $"the session closed after {elapsed} of use");
                clock.Advance(TimeSpan.FromMinutes(20));
            }

            clock.Advance(TimeSpan.FromMinutes(40));
            Assert.False(await SignedInAsync(client), "a session older than 12 hours must be closed");
        }
    }

    private static async Task<HttpClient> SignInAsync(TestHost host, TestUser user)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Address };
        var token = TokenField().Match(await client.GetStringAsync("/login")).Groups[1].Value;
        using var post = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Form.UserName"] = user.UserName,
            ["Form.Password"] = user.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.DoesNotContain("/login", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return client;
    }

    /// <summary>True when the home page answers instead of sending the client to the sign-in page.</summary>
    private static async Task<bool> SignedInAsync(HttpClient client)
    {
        using var r = await client.GetAsync("/");
        return !(r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/login", StringComparison.Ordinal));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
