using GovGuard.Catalog;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>The layers each supplier sets out safeguards for (5.6 b).</summary>
public enum SafeguardArea
{
    [Term("os", "操作系统", "Operating system")]
    OperatingSystem,

    [Term("database", "数据库", "Database")]
    Database,

    [Term("middleware", "中间件", "Middleware")]
    Middleware,

    [Term("application", "应用系统", "Application")]
    Application,

    [Term("data", "数据", "Data")]
    Data,
}

/// <summary>The cloud migration plan (云迁移方案, GB/T 38249 5.6 a–d), agreed between the customer and the provider.</summary>
public sealed record MigrationPlan : IPlanningPayload
{
    [Field("人员和角色", "People and roles", Clause = "5.6.a")]
    public List<PlanPerson> People { get; init; } = [];

    [Field("迁移实施进度计划", "Schedule", Clause = "5.6.a")]
    public List<Milestone> Milestones { get; init; } = [];

    [Field("回退策略", "Rollback strategy", Clause = "5.6.a")]
    public RollbackStrategy Rollback { get; init; } = new();

    [Field("各服务商的安全保障措施", "Each supplier's safeguards", Clause = "5.6.b")]
    public List<Safeguard> Safeguards { get; init; } = [];

    [Field("敏感信息保护", "Protection of sensitive information", Long = true, Clause = "5.6.c")]
    public string? SensitiveDataProtection { get; init; }

    [Field("备份和恢复安排", "Backup and restore arrangements", Long = true, Clause = "5.6.c")]
    public string? BackupAndRestore { get; init; }

    [Field("云服务商提供的保障内容和安全支持服务", "What the provider guarantees and its security support services", Long = true, Clause = "5.6.d")]
    public string? ProviderSupport { get; init; }

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.NotEmpty("people", People, "5.6.a");
        for (var i = 0; i < People.Count; i++)
        {
            rules.Required($"people[{i}].name", People[i].Name, 100);
            rules.Required($"people[{i}].organisation", People[i].Organisation, 200);
            rules.Required($"people[{i}].role", People[i].Role, 100);
            rules.Required($"people[{i}].responsibilities", People[i].Responsibilities);
            rules.Optional($"people[{i}].contact", People[i].Contact, 200);
        }

        var names = People.Select(p => p.Name).Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        rules.NotEmpty("milestones", Milestones, "5.6.a");
        for (var i = 0; i < Milestones.Count; i++)
        {
            var m = Milestones[i];
            rules.Required($"milestones[{i}].name", m.Name, 200);
            rules.Present($"milestones[{i}].start", m.Start);
            rules.Present($"milestones[{i}].end", m.End);
            rules.Ordered($"milestones[{i}].start", m.Start, $"milestones[{i}].end", m.End);
            rules.Required($"milestones[{i}].owner", m.Owner, 100);
            if (m.Owner is not null && !names.Contains(m.Owner))
            {
                rules.Add($"milestones[{i}].owner", "unknown_person", $"负责人「{m.Owner}」不在人员和角色（people）中。", $"The owner {m.Owner} is not among the people and roles (people).");
            }

            rules.Optional($"milestones[{i}].deliverable", m.Deliverable);
        }

        rules.Required("rollback.triggers", Rollback.Triggers);
        rules.Required("rollback.decisionMaker", Rollback.DecisionMaker, 100);
        rules.Required("rollback.steps", Rollback.Steps);
        rules.Required("rollback.restorePoint", Rollback.RestorePoint);
        rules.Range("rollback.maxMinutes", Rollback.MaxMinutes, 1, 100_000, required: false);

        for (var i = 0; i < Safeguards.Count; i++)
        {
            rules.Required($"safeguards[{i}].supplier", Safeguards[i].Supplier, 200);
            rules.Present($"safeguards[{i}].area", Safeguards[i].Area);
            rules.Required($"safeguards[{i}].measures", Safeguards[i].Measures);
        }

        foreach (var area in Enum.GetValues<SafeguardArea>().Where(a => Safeguards.All(s => s.Area != a)))
        {
            rules.Clause("safeguards", "missing_area", "5.6.b", $"缺少{area.NameZh()}方面的安全保障措施", $"No safeguards are given for {area.NameEn().ToLowerInvariant()}");
        }

        rules.Required("sensitiveDataProtection", SensitiveDataProtection);
        rules.Required("backupAndRestore", BackupAndRestore);
        rules.Required("providerSupport", ProviderSupport);
    }
}

/// <summary>A person of the migration and the part they play (5.6 a).</summary>
public sealed record PlanPerson
{
    [Field("姓名", "Name")]
    public string? Name { get; init; }

    [Field("单位", "Organisation")]
    public string? Organisation { get; init; }

    [Field("角色", "Role")]
    public string? Role { get; init; }

    [Field("职责", "Responsibilities")]
    public string? Responsibilities { get; init; }

    [Field("联系方式", "Contact")]
    public string? Contact { get; init; }
}

/// <summary>A milestone of the schedule (5.6 a).</summary>
public sealed record Milestone
{
    [Field("里程碑", "Milestone")]
    public string? Name { get; init; }

    [Field("开始日期", "Start")]
    public DateOnly? Start { get; init; }

    [Field("完成日期", "End")]
    public DateOnly? End { get; init; }

    [Field("负责人", "Owner")]
    public string? Owner { get; init; }

    [Field("交付物", "Deliverable")]
    public string? Deliverable { get; init; }
}

/// <summary>When and how the migration is rolled back (5.6 a).</summary>
public sealed record RollbackStrategy
{
    [Field("回退触发条件", "When to roll back", Long = true)]
    public string? Triggers { get; init; }

    [Field("回退决策人", "Who decides")]
    public string? DecisionMaker { get; init; }

    [Field("回退步骤", "Steps", Long = true)]
    public string? Steps { get; init; }

    [Field("恢复到的数据点", "Data restore point", Long = true)]
    public string? RestorePoint { get; init; }

    [Field("回退最长用时（分钟）", "Longest rollback time (minutes)")]
    public int? MaxMinutes { get; init; }
}

/// <summary>A supplier's safeguard for one layer (5.6 b).</summary>
public sealed record Safeguard
{
    [Field("服务商", "Supplier")]
    public string? Supplier { get; init; }

    [Field("方面", "Layer")]
    public SafeguardArea? Area { get; init; }

    [Field("安全保障措施", "Safeguards", Long = true)]
    public string? Measures { get; init; }
}
