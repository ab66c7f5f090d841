using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Websites;
using GovGuard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Tests.Compliance;

public sealed partial class CompliancePagesTests
{
    private sealed class Browser(TestHost host) : IDisposable
    {
        private readonly HttpClient _client = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Address };

        public async Task SignInAsync(TestUser user)
        {
            var token = Token(await _client.GetStringAsync("/login"));
            using var post = await _client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Form.UserName"] = user.UserName,
                ["Form.Password"] = user.Password,
            }));
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        }

        public Task<string> GetAsync(string url) => _client.GetStringAsync(url);

        /// <summary>Posts a form of the page as a browser would: the page's anti-forgery token, the form's handler name, its fields.</summary>
        public async Task<(HttpStatusCode Status, string Body)> PostAsync(string url, string handler, Dictionary<string, string> fields, (string Name, byte[] Bytes)? file = null)
        {
            var token = Token(await GetAsync(url));
            using var form = new MultipartFormDataContent
            {
                { new StringContent(handler), "_handler" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
            foreach (var (k, v) in fields)
            {
                form.Add(new StringContent(v), k);
            }

            if (file is { } f)
            {
                form.Add(new ByteArrayContent(f.Bytes), "file", f.Name);
            }

            using var r = await _client.PostAsync(url, form);
            return (r.StatusCode, await r.Content.ReadAsStringAsync());
        }

        public void Dispose() => _client.Dispose();

        private static string Token(string html) => TokenField().Match(html).Groups[1].Value;
    }

    [Fact]
    public async Task The_assessor_rejects_the_integrator_uploads_again_and_the_assessor_accepts_in_the_pages()
    {
        await using var host = await TestHost.StartAsync();
        var customer = await host.Organisation("某市人民政府", OrganisationKind.GovernmentCustomer);
        var integratorOrg = await host.Organisation("某系统集成公司", OrganisationKind.SystemIntegrator);
        var assessorOrg = await host.Organisation("某测评中心", OrganisationKind.ThirdPartyAssessor);
        var owner = await host.User("owner.admin", customer.Id, OrgRole.Admin, withPassword: false);
        var integrator = await host.User("integrator.eng", integratorOrg.Id);
        var assessor = await host.User("assessor.lead", assessorOrg.Id);
        var site = (await host.In(sp => sp.GetRequiredService<WebsiteService>().CreateAsync(owner.Caller,
            new WebsiteInput("市政府门户网站", ["www.example.gov.cn"], null, null, null, 3, "iaas", "gov_cloud", null), CancellationToken.None))).Value!;
        foreach (var (org, role) in new[] { (integratorOrg.Id, "integrator"), (assessorOrg.Id, "assessor") })
        {
            Assert.True((await host.In(sp => sp.GetRequiredService<EngagementService>().CreateAsync(owner.Caller, site.Id, new EngagementInput(org, role, null), CancellationToken.None))).Succeeded);
        }

        var duty = $"/websites/{site.Id}/compliance/6.2.3.c";
        using var builder = new Browser(host);
        using var judge = new Browser(host);
        await builder.SignInAsync(integrator);
        await judge.SignInAsync(assessor);

        var exe = await builder.PostAsync(duty, "evidence-upload", new() { ["kind"] = "document", ["title"] = "安装包" }, ("方案.pdf", [0x4D, 0x5A, 0x90, 0x00]));
        Assert.Equal(HttpStatusCode.OK, exe.Status);
        Assert.Contains("data-field=\"file\"", exe.Body, StringComparison.Ordinal);
        Assert.Contains("可执行程序", exe.Body, StringComparison.Ordinal);

        var first = await builder.PostAsync(duty, "evidence-upload", new() { ["kind"] = "document", ["title"] = "<b>集成方案</b>" }, ("方案 v1.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")));
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var page = await judge.GetAsync(duty);
        Assert.Contains("&lt;b&gt;集成方案&lt;/b&gt;", page, StringComparison.Ordinal);
        var firstId = EvidenceId().Match(page).Groups[1].Value;
        Assert.Contains($"id=\"reject-{firstId}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"evidence-upload\"", page, StringComparison.Ordinal);

        var noNote = await judge.PostAsync(duty, $"review-{Guid.Parse(firstId):N}", new() { ["verdict"] = "rejected", ["note"] = "" });
        Assert.Contains("data-field=\"note\"", noNote.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await judge.PostAsync(duty, $"review-{Guid.Parse(firstId):N}", new() { ["verdict"] = "rejected", ["note"] = "缺少拓扑图" })).Status);
        Assert.Contains("data-verdict=\"rejected\"", await builder.GetAsync(duty), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await builder.PostAsync(duty, "evidence-upload", new() { ["kind"] = "document", ["title"] = "集成方案（修订）" }, ("方案 v2.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n% v2\n%%EOF\n")))).Status);
        var secondId = EvidenceId().Match(await judge.GetAsync(duty)).Groups[1].Value;
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(HttpStatusCode.Redirect, (await judge.PostAsync(duty, $"review-{Guid.Parse(secondId):N}", new() { ["verdict"] = "accepted", ["note"] = "" })).Status);

        var board = await judge.GetAsync($"/websites/{site.Id}/compliance?phase=migration");
        var row = Regex.Match(board, "<tr id=\"duty-6-2-3-c\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("data-verdict=\"accepted\"", row, StringComparison.Ordinal);
        Assert.Contains("class=\"evidence-count\">2<", row, StringComparison.Ordinal);

        // The assessor never edits status: the page offers no form, and a forged post is refused.
        Assert.Contains("id=\"duty-readonly\"", await judge.GetAsync(duty), StringComparison.Ordinal);
        var lifecycle = await judge.GetAsync($"/websites/{site.Id}/lifecycle");
        Assert.Contains("id=\"sign-off\"", lifecycle, StringComparison.Ordinal);
        Assert.Contains("data-code=\"contract.unsigned\"", lifecycle, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("<li class=\"card\" id=\"evidence-([0-9a-f-]{36})\"")]
    private static partial Regex EvidenceId();
}
