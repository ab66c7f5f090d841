using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;

namespace GovGuard.Catalog.Tests.Duties;

/// <summary>Spot checks that roles and automatic evidence say what the standard says.</summary>
public class CatalogMeaningTests
{
    private static readonly DutyCatalog Catalog = DutyCatalog.Default;

    [Theory]
    [InlineData("5.2.1.a", "customer")]
    [InlineData("5.2.2.c", "provider")]
    [InlineData("5.2.3.a", "agent")]
    [InlineData("5.2.4", "assessor")]
    [InlineData("6.2.3.a", "agent")]
    [InlineData("6.2.3.b", "developer")]
    [InlineData("6.2.3.c", "integrator")]
    [InlineData("6.2.3.d", "security_service")]
    [InlineData("7.2.4", "assessor")]
    [InlineData("8.2.3.c", "agent")]
    [InlineData("8.2.4.b", "assessor")]
    public void Responsibility_follows_the_party_the_clause_names(string id, string role)
    {
        Assert.Equal([role], Catalog[id].Roles.Select(r => r.ToWire()));
    }

    [Fact]
    public void Duties_under_a_party_heading_fall_on_that_party()
    {
        var byHeading = new Dictionary<string, Role>
        {
            ["云服务客户"] = Role.Customer,
            ["云服务商"] = Role.Provider,
            ["第三方评估机构"] = Role.Assessor,
        };
        foreach (var d in Catalog.Duties.Where(d => byHeading.ContainsKey(d.Section.TitleZh)))
        {
            Assert.Contains(byHeading[d.Section.TitleZh], d.Roles);
        }

        Assert.All(Catalog.Duties.Where(d => d.Section.TitleZh == "云服务代理商"), d => Assert.All(d.Roles, r => Assert.True(r.IsAgent(), d.Id)));
    }

    [Fact]
    public void Phase_is_the_chapter_of_the_clause()
    {
        Assert.All(Catalog.Duties, d => Assert.Equal(d.Phase.Chapter(), d.Key.Chapter));
    }

    [Fact]
    public void Tamper_duty_is_proven_by_the_tamper_monitor_and_no_open_defacement_alert()
    {
        var auto = Catalog["7.4.3.b"].Automatic!;
        Assert.Equal([MonitorKind.Tamper], auto.Monitors);
        Assert.Equal(["tamper.defacement"], auto.ClearOf);
    }

    [Fact]
    public void Drill_duty_asks_for_a_drill_of_each_typical_category_within_two_years()
    {
        var auto = Catalog["7.5.b"].Automatic!;
        Assert.Equal(RecordKind.Drill, auto.Record);
        Assert.Equal(730, auto.WithinDays);
        Assert.True(auto.EachIncidentCategory);
    }

    [Fact]
    public void Domain_and_ip_compliance_is_proven_by_the_dns_and_domain_monitors()
    {
        var auto = Catalog["7.4.2.b"].Automatic!;
        Assert.Contains(MonitorKind.Dns, auto.Monitors);
        Assert.Contains("dns.noncompliant", auto.ClearOf);
    }

    [Fact]
    public void Every_automatic_evidence_names_something_measurable_with_a_note_in_both_languages()
    {
        var automatic = Catalog.Duties.Where(d => d.Automatic is not null).ToList();
        Assert.InRange(automatic.Count, 30, 60);
        Assert.All(automatic, d =>
        {
            var a = d.Automatic!;
            Assert.True(a.Monitors.Count > 0 || a.Record is not null, d.Id);
            Assert.All(a.ClearOf, c => Assert.Contains(c, MonitorKinds.AllCategories));
            Assert.False(string.IsNullOrWhiteSpace(a.NoteZh + a.NoteEn));
        });
    }

    [Fact]
    public void Role_filter_counts_agent_duties_for_every_kind_of_agent()
    {
        var developer = Catalog.Select(role: Role.Developer);
        Assert.Contains(developer, d => d.Id == "6.2.3.b");
        Assert.Contains(developer, d => d.Id == "5.2.3.a");
        Assert.DoesNotContain(developer, d => d.Id == "6.2.3.c");
        var agent = Catalog.Select(role: Role.Agent);
        Assert.Contains(agent, d => d.Id == "6.2.3.c");
        Assert.All(Catalog.Select(EngagementRole.Integrator), d => Assert.Contains(d.Roles, r => r is Role.Integrator or Role.Agent));
    }
}
