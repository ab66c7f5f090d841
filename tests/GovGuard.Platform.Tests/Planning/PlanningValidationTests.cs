using System.Text.Json.Nodes;
using GovGuard.Platform.Common;
using GovGuard.Platform.Planning;
using Payloads = GovGuard.Platform.Planning.Payloads;
using GovGuard.Tests.Shared;

namespace GovGuard.Platform.Tests.Planning;

/// <summary>Each kind accepts its sample and refuses a broken one with a message naming the field and the rule.</summary>
public sealed class PlanningValidationTests
{
    public static IEnumerable<object[]> KindsOnDatabases() =>
        from db in new[] { "sqlite", "postgres" } from k in ArtefactKinds.All select new object[] { db, k.Code };

    /// <summary>One broken field per kind: the path to set, the value as JSON, and the field and rule expected.</summary>
    public static IEnumerable<object[]> Breakages() =>
        from db in new[] { "sqlite", "postgres" }
        from b in new (string Kind, string Path, string? Value, string Field, string Rule)[]
        {
            ("website_inventory", "boundary", null, "boundary", "required"),
            ("website_inventory", "restoreDrillDate", "\"2027-01-01\"", "restoreDrillDate", "not_future"),
            ("website_inventory", "hasSpecialDevices", "true", "specialDevices", "required"),
            ("migration_decision", "protectionLevel", "6", "protectionLevel", "range"),
            ("migration_decision", "deployment", "\"moon_cloud\"", "deployment", "one_of"),
            ("resource_needs", "peakVcpu", "4", "peakVcpu", "at_least_base"),
            ("resource_needs", "vcpu", "\"many\"", "vcpu", "integer"),
            ("security_requirements", "deployment.protectionNotLower", "false", "deployment.protectionNotLower", "must_confirm"),
            ("security_requirements", "domain.registrar", null, "domain.registrar", "required"),
            ("requirements_report", "providerInterfaces", null, "providerInterfaces", "required"),
            ("service_model", "model", "\"faas\"", "model", "one_of"),
            ("contract_checklist", "providerContract", null, "providerContract", "required"),
            ("sla", "availability", "101", "availability", "range"),
            ("sla", "responseTimeMs", "0", "responseTimeMs", "range"),
            ("confidentiality", "agreements", "[]", "agreements", "required"),
            ("migration_plan", "milestones", "[]", "milestones", "required"),
        }
        select new object[] { db, b.Kind, b.Path, b.Value ?? "null", b.Field, b.Rule };

    [Theory]
    [MemberData(nameof(KindsOnDatabases))]
    public async Task Each_kind_accepts_its_sample(string db, string kind)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var k = ArtefactKinds.Find(kind)!;
        if (k.Kind == ArtefactKind.RequirementsReport)
        {
            foreach (var source in Payloads.RequirementsReport.SourceKinds)
            {
                Assert.True((await w.Save(w.Customer, source, PlanningSamples.For(source))).Succeeded);
            }
        }

        var r = await w.Save(w.Customer, k.Kind, PlanningSamples.For(k.Kind));
        Assert.True(r.Succeeded, PlanningWorld.Describe(r.Error));
        Assert.Equal(1, r.Value!.Number);
        Assert.Equal("draft", r.Value.Status);
        Assert.Equal(64, r.Value.Digest.Length);
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task A_broken_field_is_named_with_its_rule(string db, string kind, string path, string value, string field, string rule)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var k = ArtefactKinds.Find(kind)!;
        var payload = PlanningSamples.For(k.Kind);
        Set(payload, path, JsonNode.Parse(value));
        var r = await w.Save(w.Customer, k.Kind, payload);
        Assert.False(r.Succeeded);
        Assert.Equal(ErrorKind.Validation, r.Error!.Kind);
        var error = Assert.Single(r.Error.Fields, f => f.Field == field && f.Rule == rule);
        Assert.Contains(field, error.Message.Zh, StringComparison.Ordinal);
        Assert.Contains(field, error.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [Databases]
    public async Task Sla_availability_above_100_percent_is_refused_on_availability(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.Sla);
        payload["availability"] = 101;
        var r = await w.Save(w.Customer, ArtefactKind.Sla, payload);
        var e = Assert.Single(r.Error!.Fields);
        Assert.Equal(("availability", "range"), (e.Field, e.Rule));
        Assert.Equal("可用性（%）（availability）必须在 0 到 100 之间。", e.Message.Zh);
    }

    [Theory]
    [Databases]
    public async Task Level_4_on_public_cloud_is_refused_citing_5_3_2_c(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db, level: 4);
        var payload = PlanningSamples.For(ArtefactKind.MigrationDecision);
        payload["protectionLevel"] = 4;
        payload["deployment"] = "public_cloud";
        var r = await w.Save(w.Customer, ArtefactKind.MigrationDecision, payload);
        var e = Assert.Single(r.Error!.Fields);
        Assert.Equal(("deployment", "level4_public_cloud"), (e.Field, e.Rule));
        Assert.Contains("5.3.2.c", e.Message.Zh, StringComparison.Ordinal);
        Assert.Contains("5.3.2.c", e.Message.En, StringComparison.Ordinal);

        // Not migrating at all is a decision a level 4 website may take whatever the model.
        payload["decision"] = "not_migrate";
        Assert.True((await w.Save(w.Customer, ArtefactKind.MigrationDecision, payload)).Succeeded);
    }

    [Theory]
    [Databases]
    public async Task Core_business_or_much_personal_data_needs_a_justification_citing_5_3_2_b(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        foreach (var (field, value) in new[] { ("businessCriticality", "core"), ("businessCriticality", "key"), ("personalData", "large"), ("dataSensitivity", "sensitive") })
        {
            var payload = PlanningSamples.For(ArtefactKind.MigrationDecision);
            payload[field] = value;
            var r = await w.Save(w.Customer, ArtefactKind.MigrationDecision, payload);
            var e = Assert.Single(r.Error!.Fields);
            Assert.Equal(("safeguardJustification", "justification_required"), (e.Field, e.Rule));
            Assert.Contains("5.3.2.b", e.Message.En, StringComparison.Ordinal);
            payload["safeguardJustification"] = "核心业务迁移前完成等保测评、异地双活部署和数据加密，并保留原机房作为回退环境。";
            Assert.True((await w.Save(w.Customer, ArtefactKind.MigrationDecision, payload)).Succeeded);
        }
    }

    [Theory]
    [Databases]
    public async Task Sla_needs_every_grade_and_every_term_defined(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.Sla);
        ((JsonArray)payload["incidentResponse"]!).RemoveAt(3);
        payload["definitions"]![2]!["definition"] = null;
        var r = await w.Save(w.Customer, ArtefactKind.Sla, payload);
        Assert.Contains(r.Error!.Fields, f => f.Field == "incidentResponse" && f.Rule == "missing_grade");
        Assert.Contains(r.Error.Fields, f => f.Field == "definitions[2].definition" && f.Rule == "undefined_term" && f.Message.En.Contains("5.5.2.b", StringComparison.Ordinal));
    }

    [Theory]
    [Databases]
    public async Task Migration_plan_covers_every_layer_and_knows_its_owners(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.MigrationPlan);
        ((JsonArray)payload["safeguards"]!).RemoveAt(1);
        payload["milestones"]![0]!["owner"] = "无名氏";
        payload["milestones"]![1]!["end"] = "2026-04-01";
        var r = await w.Save(w.Customer, ArtefactKind.MigrationPlan, payload);
        Assert.Contains(r.Error!.Fields, f => f.Field == "safeguards" && f.Rule == "missing_area" && f.Message.En.Contains("database", StringComparison.Ordinal));
        Assert.Contains(r.Error.Fields, f => f.Field == "milestones[0].owner" && f.Rule == "unknown_person");
        Assert.Contains(r.Error.Fields, f => f.Field == "milestones[1].end" && f.Rule == "date_order");
    }

    [Theory]
    [Databases]
    public async Task An_oversized_payload_is_refused_whole(string db)
    {
        await using var w = await PlanningWorld.CreateAsync(db);
        var payload = PlanningSamples.For(ArtefactKind.WebsiteInventory);
        var devices = new JsonArray();
        for (var i = 0; i < 80; i++)
        {
            devices.Add(new JsonObject { ["name"] = "交换机" + i, ["model"] = "S5700", ["configuration"] = new string('配', 4000) });
        }

        payload["devices"] = devices;
        var r = await w.Save(w.Customer, ArtefactKind.WebsiteInventory, payload);
        Assert.Equal(("payload", "too_large"), (r.Error!.Fields[0].Field, r.Error.Fields[0].Rule));
        Assert.Equal(ErrorKind.NotFound, (await w.Get(w.Customer, ArtefactKind.WebsiteInventory)).Error!.Kind);
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var p in parts[..^1])
        {
            node = (JsonObject)node[p]!;
        }

        node[parts[^1]] = value;
    }
}
