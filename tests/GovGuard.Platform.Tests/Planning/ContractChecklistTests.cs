using GovGuard.Catalog.Duties;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Planning.Payloads;
using GovGuard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Planning;

public sealed class ContractChecklistTests
{
    private static readonly string[] CatalogBullets = DutyCatalog.Default.Duties
        .Select(d => d.Id)
        .Where(id => id.StartsWith("5.5.1.a.", StringComparison.Ordinal) || id.StartsWith("5.5.1.b.", StringComparison.Ordinal))
        .ToArray();

    [Theory]
    [Databases]
    public async Task A_new_checklist_lists_every_bullet_of_5_5_1_a_and_b(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var start = await w.S.In(sp => sp.GetRequiredService<PlanningService>().DraftStartAsync(w.Customer, w.Site.Id, "contract_checklist", CancellationToken.None));
        var items = ((ContractChecklist)start.Value!).Items.Select(i => i.Clause).ToArray();
        Assert.Equal(CatalogBullets, items);
        Assert.Equal(10, items.Length);
    }

    [Theory]
    [Databases]
    public async Task A_checklist_without_a_bullet_is_refused_naming_it(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.ContractChecklist);
        payload["items"]!.AsArray().RemoveAt(2);
        var r = await w.Save(w.Customer, ArtefactKind.ContractChecklist, payload);
        var e = Assert.Single(r.Error!.Fields);
        Assert.Equal(("items", "missing_item"), (e.Field, e.Rule));
        Assert.Contains("5.5.1.a.3", e.Message.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task A_ticked_item_names_the_contract_clause_and_musts_cannot_be_waived(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.ContractChecklist);
        payload["items"]![0]!["contractClause"] = null;
        payload["items"]![1]!["checked"] = false;
        payload["items"]![1]!["notApplicable"] = true;
        payload["items"]![1]!["note"] = "无";
        var r = await w.Save(w.Customer, ArtefactKind.ContractChecklist, payload);
        Assert.Contains(r.Error!.Fields, f => f.Field == "items[0].contractClause" && f.Rule == "required");
        Assert.Contains(r.Error.Fields, f => f.Field == "items[1].notApplicable" && f.Rule == "not_waivable");
    }
}
