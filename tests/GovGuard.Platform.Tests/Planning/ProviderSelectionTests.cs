using System.Text.Json.Nodes;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Planning.Payloads;
using GovGuard.Tests.Shared;

namespace GovGuard.Platform.Tests.Planning;

public sealed class ProviderSelectionTests
{
    private static ProviderSelection Sample() =>
        (ProviderSelection)PayloadJson.Parse(PlanningSamples.For(ArtefactKind.ProviderSelection), typeof(ProviderSelection)).Value!;

    [Fact]
    public void Ranking_is_the_weighted_score_and_the_unreviewed_service_is_knocked_out()
    {
        var ranking = Sample().Rank();
        var providers = ranking.Where(r => r.Role == CandidateRole.Provider).ToList();
        // 甲云: (40×5 + 40×5 + 20×3) / (100×5) = 92; 乙云: (40×5 + 40×2 + 20×5) / 500 = 76; 丙云 has no security review.
        Assert.Equal([("甲云", 92.0m, (int?)1, (string?)null), ("乙云", 76.0m, 2, null), ("丙云", 60.0m, null, "5.4.a.1")],
            providers.Select(r => (r.Name, r.Score, r.Rank, r.KnockedOutBy)).ToList());
        var security = Assert.Single(ranking, r => r.Role == CandidateRole.SecurityService);
        Assert.Equal((80.0m, (int?)1), (security.Score, security.Rank));
    }

    [Fact]
    public void Weights_change_the_order()
    {
        var s = Sample();
        s = s with { Criteria = s.Criteria.Select(c => c.Clause == "5.4.a.3" ? c with { Weight = 100 } : c).ToList() };
        // 甲云: (200 + 200 + 300) / 900 = 77.8; 乙云: (200 + 80 + 500) / 900 = 86.7
        Assert.Equal(["乙云", "甲云"], s.Rank().Where(r => r.Rank is not null && r.Role == CandidateRole.Provider).OrderBy(r => r.Rank).Select(r => r.Name));
    }

    [Theory]
    [Databases]
    public async Task Choosing_a_knocked_out_provider_is_refused_citing_5_4_a_1(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.ProviderSelection);
        payload["candidates"]![0]!["selected"] = false;
        payload["candidates"]![2]!["selected"] = true;
        var r = await w.Save(w.Customer, ArtefactKind.ProviderSelection, payload);
        var e = Assert.Single(r.Error!.Fields);
        Assert.Equal(("candidates[2].selected", "knocked_out"), (e.Field, e.Rule));
        Assert.Contains("5.4.a.1", e.Message.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task The_security_review_criterion_stays_a_knock_out(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.ProviderSelection);
        payload["criteria"]![0]!["knockOut"] = false;
        ((JsonArray)payload["criteria"]!).RemoveAt(5);
        var r = await w.Save(w.Customer, ArtefactKind.ProviderSelection, payload);
        Assert.Contains(r.Error!.Fields, f => f.Field == "criteria[0].knockOut" && f.Rule == "knock_out");
        Assert.Contains(r.Error.Fields, f => f.Field == "criteria" && f.Rule == "missing_criterion" && f.Message.En.Contains("5.4.b.3", StringComparison.Ordinal));
    }

    [Theory]
    [Databases]
    public async Task The_report_view_warns_when_a_level_3_site_chooses_a_provider_without_the_enhanced_review(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db, level: 3);
        var payload = PlanningSamples.For(ArtefactKind.ProviderSelection);
        payload["candidates"]![0]!["selected"] = false;
        payload["candidates"]![1]!["selected"] = true;
        var r = await w.Save(w.Customer, ArtefactKind.ProviderSelection, payload);
        Assert.Contains(r.Value!.Notices, n => n.Zh.Contains("5.4 a 2", StringComparison.Ordinal));
    }
}
