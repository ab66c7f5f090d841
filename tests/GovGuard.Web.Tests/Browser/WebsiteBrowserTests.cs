using GovGuard.Catalog.Roles;
using GovGuard.Web.Tests.Infrastructure;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace GovGuard.Web.Tests.Browser;

public sealed class WebsiteBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Customer_signs_in_registers_a_website_and_sees_it_listed()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某市人民政府办公室", OrganisationKind.GovernmentCustomer);
        var user = await host.User("li.ming", org.Id);
        using var browser = new Browser();

        browser.Go(new Uri(host.Address, "/websites"));
        // Not signed in: the sign-in page, in Chinese.
        Assert.Contains("登录", browser.Wait(By.TagName("h1")).Text, StringComparison.Ordinal);
        browser.Type(By.Name("Form.UserName"), user.UserName);
        browser.Type(By.Name("Form.Password"), user.Password);
        browser.Wait(By.CssSelector("form button[type=submit]")).Click();

        browser.Wait(By.Id("websites-empty"));
        browser.Wait(By.CssSelector("details#create > summary")).Click();
        browser.Type(By.Id("website-name"), "市政府门户网站");
        browser.Type(By.Id("website-domains"), "www.example.gov.cn\nen.example.gov.cn");
        browser.Type(By.Id("website-site-code"), "1100000001");
        browser.Type(By.Id("website-icp"), "京ICP备12345678号-1");
        browser.Choose(By.Id("website-level"), "3");
        browser.Choose(By.Id("website-service-model"), "iaas");
        browser.Choose(By.Id("website-deployment-model"), "gov_cloud");
        browser.Wait(By.Id("create-website-submit")).Click();

        browser.Wait(By.Id("website-created"));
        var row = browser.Wait(By.CssSelector("table#websites tr[data-id]"));
        Assert.Contains("市政府门户网站", row.Text, StringComparison.Ordinal);
        Assert.Contains("www.example.gov.cn", row.Text, StringComparison.Ordinal);
        Assert.Contains("1100000001", row.Text, StringComparison.Ordinal);
        output.WriteLine("screenshot: " + browser.Screenshot("website-listed"));

        // The same website through the API: it was really stored, owned by the customer.
        using var api = await host.Client(user.Token).GetAsync("/api/v1/websites?q=市政府");
        var page = await api.Json();
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(org.Id.ToString(), page.GetProperty("items")[0].GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task A_broken_rule_is_shown_next_to_its_field_and_nothing_is_created()
    {
        await using var host = await TestHost.StartAsync();
        var org = await host.Organisation("某区人民政府", OrganisationKind.GovernmentCustomer);
        var user = await host.User("zhao", org.Id);
        using var browser = new Browser();
        browser.Go(new Uri(host.Address, "/websites"));
        browser.Type(By.Name("Form.UserName"), user.UserName);
        browser.Type(By.Name("Form.Password"), user.Password);
        browser.Wait(By.CssSelector("form button[type=submit]")).Click();
        // Signed in, back on the page asked for.
        browser.Wait(By.Id("websites-empty"));
        browser.Wait(By.CssSelector("details#create > summary")).Click();
        browser.Type(By.Id("website-name"), "区政府网站");
        browser.Type(By.Id("website-domains"), "not a domain");
        browser.Wait(By.Id("create-website-submit")).Click();
        var problem = browser.Wait(By.CssSelector("[data-field=domains]"));
        Assert.Contains("domains", problem.Text, StringComparison.Ordinal);
        using var api = await host.Client(user.Token).GetAsync("/api/v1/websites");
        Assert.Equal(0, (await api.Json()).GetProperty("total").GetInt32());
    }
}
