using GovGuard.Catalog.Duties;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Compliance;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Tests.Compliance;

public sealed class DutyAssignmentTests
{
    [Theory]
    [Databases]
    public async Task Every_catalog_duty_is_materialised_once_and_assignment_follows_engagements(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind, engageIntegrator: false);
        var all = (await w.Board(w.Customer, new DutyFilter())).Value!;
        Assert.Equal(DutyCatalog.Default.Duties.Count, all.Total);
        Assert.Equal(DutyCatalog.Default.Duties.Select(d => d.Id), all.Items.Select(i => i.DutyId));
        Assert.Equal(all.Total, all.Counts["not_started"]);

        var migration = (await w.Board(w.Customer, new DutyFilter(Phase: "migration"))).Value!;
        Assert.Equal(DutyCatalog.Default.Select(phase: Catalog.Lifecycle.Phase.Migration).Count, migration.Total);
        Assert.Null(migration.Items.Single(i => i.DutyId == "6.2.3.c").ResponsibleOrganisationId);
        Assert.Equal(w.ProviderOrg, all.Items.First(i => i.ResponsibleRole == "provider").ResponsibleOrganisationId);
        Assert.Equal(w.Site.CustomerId, all.Items.First(i => i.ResponsibleRole == "customer").ResponsibleOrganisationId);
        // Nobody engaged as integrator: the integrator cannot even see the website.
        Assert.Equal(Common.ErrorKind.NotFound, (await w.Duty(w.Integrator, "6.2.3.c")).Error!.Kind);

        await w.EngageAsync(w.IntegratorOrg, EngagementRole.Integrator);
        var mine = (await w.Board(w.Integrator, new DutyFilter(OrganisationId: w.IntegratorOrg))).Value!;
        Assert.Contains(mine.Items, i => i.DutyId == "6.2.3.c");
        // The integrator answers for integrator duties and, as an agent, for general agent duties.
        Assert.All(mine.Items, i => Assert.True(i.ResponsibleRole is "integrator" or "agent"));
        Assert.Equal(DutyCatalog.Default.Duties.Count(d => d.Roles[0] is Role.Integrator or Role.Agent), mine.Total);
        var integratorRole = (await w.Board(w.Customer, new DutyFilter(Role: "integrator"))).Value!;
        Assert.Contains(integratorRole.Items, i => i.DutyId == "6.3.2.a");
        Assert.DoesNotContain(integratorRole.Items, i => i.DutyId == "5.2.1.a");

        await w.SetStatus(w.Integrator, "6.2.3.c", "in_progress");
        var filtered = (await w.Board(w.Customer, new DutyFilter(Phase: "migration", Status: "in_progress"))).Value!;
        Assert.Equal("6.2.3.c", Assert.Single(filtered.Items).DutyId);
        Assert.Equal(1, filtered.Counts["in_progress"]);

        await w.EndAsync(EngagementRole.Integrator);
        var after = (await w.Board(w.Customer, new DutyFilter(Phase: "migration"))).Value!;
        var row = after.Items.Single(i => i.DutyId == "6.2.3.c");
        Assert.Null(row.ResponsibleOrganisationId);
        Assert.Equal("in_progress", row.Status);

        var bad = await w.Board(w.Customer, new DutyFilter(Phase: "launch", Status: "done"));
        Assert.Equal(["phase", "status"], bad.Error!.Fields.Select(f => f.Field));

        await using var db = w.Db.Context();
        Assert.Equal(DutyCatalog.Default.Duties.Count, await db.DutyAssignments.CountAsync());
    }
}
