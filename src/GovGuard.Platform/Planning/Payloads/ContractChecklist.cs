using System.Text.Json.Serialization;
using GovGuard.Catalog.Duties;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>
/// The contract checklist (GB/T 38249 5.5.1): every bullet of 5.5.1 a) (contract with the provider) and b)
/// (contracts with agents), each ticked with the contract clause that settles it.
/// </summary>
public sealed record ContractChecklist : IPlanningPayload
{
    /// <summary>Bullets that cannot be waived: the ones the standard states as musts ("明确", "声明"), not the "可" or "其他事宜" ones.</summary>
    private static readonly HashSet<string> ProviderMusts = new(StringComparer.Ordinal) { "5.5.1.a.1", "5.5.1.a.2", "5.5.1.a.3", "5.5.1.a.4" };

    private static readonly HashSet<string> AgentMusts = new(StringComparer.Ordinal) { "5.5.1.b.1", "5.5.1.b.2", "5.5.1.b.3" };

    [Field("与云服务商的合同编号", "Reference of the provider contract", Clause = "5.5.1.a")]
    public string? ProviderContract { get; init; }

    [Field("与云服务商的合同签订日期", "Date the provider contract was signed", Clause = "5.5.1.a")]
    public DateOnly? ProviderContractSignedOn { get; init; }

    [Field("与云服务代理商的合同", "Contracts with agents", Clause = "5.5.1.b")]
    public List<AgentContract> AgentContracts { get; init; } = [];

    [Field("检查项", "Checklist items", FixedRows = true, Clause = "5.5.1")]
    public List<ChecklistItem> Items { get; init; } = [];

    /// <summary>Every bullet of 5.5.1 a) and b), from the catalog, in its order.</summary>
    public static IReadOnlyList<Duty> Bullets { get; } = DutyCatalog.Default.Duties
        .Where(d => d.Id.StartsWith("5.5.1.a.", StringComparison.Ordinal) || d.Id.StartsWith("5.5.1.b.", StringComparison.Ordinal))
        .ToList();

    /// <summary>A fresh checklist: one unticked item per bullet.</summary>
    public static List<ChecklistItem> DefaultItems() => Bullets.Select(d => new ChecklistItem { Clause = d.Id }).ToList();

    /// <summary>The provider contract is signed and settles every bullet of 5.5.1 a) that is a must.</summary>
    [JsonIgnore]
    public bool ProviderContractComplete =>
        ProviderContractSignedOn is not null && ProviderMusts.All(m => Items.Any(i => i.Clause == m && i.Checked));

    /// <summary>The bullet 5.5.1 a 3): exit conditions and exit duties.</summary>
    [JsonIgnore]
    public bool HasExitTerms => Items.Any(i => i.Clause == "5.5.1.a.3" && i.Checked);

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        rules.Required("providerContract", ProviderContract, 200);
        rules.NotFuture("providerContractSignedOn", ProviderContractSignedOn, context.Today);
        for (var i = 0; i < AgentContracts.Count; i++)
        {
            rules.Required($"agentContracts[{i}].party", AgentContracts[i].Party, 200);
            rules.Required($"agentContracts[{i}].reference", AgentContracts[i].Reference, 200);
            rules.NotFuture($"agentContracts[{i}].signedOn", AgentContracts[i].SignedOn, context.Today);
        }

        var ids = Bullets.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in Bullets.Where(b => Items.All(i => i.Clause != b.Id)))
        {
            rules.Clause("items", "missing_item", missing.Id, $"检查单缺少 {missing.Id}「{missing.TitleZh}」", $"The checklist lacks {missing.Id} ({missing.TitleEn})");
        }

        for (var i = 0; i < Items.Count; i++)
        {
            var item = Items[i];
            var path = $"items[{i}]";
            if (item.Clause is null || !ids.Contains(item.Clause))
            {
                rules.Clause($"{path}.clause", "unknown_item", "5.5.1", $"检查项（{path}.clause）不是 5.5.1 的条目", $"The item ({path}.clause) is not a bullet of 5.5.1");
                continue;
            }

            if (Items.FindIndex(x => x.Clause == item.Clause) != i)
            {
                rules.Add($"{path}.clause", "duplicate", $"检查项 {item.Clause} 重复。", $"The item {item.Clause} appears twice.");
            }

            if (item.Checked && item.NotApplicable)
            {
                rules.Add($"{path}.notApplicable", "contradiction", $"{item.Clause} 不能既已落实又不适用。", $"{item.Clause} cannot be both settled and not applicable.");
            }

            rules.RequiredWhen(item.Checked, $"{path}.contractClause", item.ContractClause, item.Clause, "已落实的检查项", "For a settled item", 200);
            var must = ProviderMusts.Contains(item.Clause) || (AgentContracts.Count > 0 && AgentMusts.Contains(item.Clause));
            if (item.NotApplicable && must)
            {
                rules.Clause($"{path}.notApplicable", "not_waivable", item.Clause, $"{item.Clause} 是合同必须明确的内容，不能标为不适用", $"{item.Clause} must be settled in the contract and cannot be marked not applicable");
            }

            rules.RequiredWhen(item.NotApplicable, $"{path}.note", item.Note, item.Clause, "标为不适用的检查项", "For an item marked not applicable");
        }
    }
}

/// <summary>A contract with an agent (5.5.1 b).</summary>
public sealed record AgentContract
{
    [Field("代理商", "Agent")]
    public string? Party { get; init; }

    [Field("合同编号", "Contract reference")]
    public string? Reference { get; init; }

    [Field("签订日期", "Signed on")]
    public DateOnly? SignedOn { get; init; }
}

/// <summary>One bullet of 5.5.1 and where the contract settles it.</summary>
public sealed record ChecklistItem
{
    [Field("条款", "Clause", Key = true)]
    public string? Clause { get; init; }

    [Field("已在合同中落实", "Settled in the contract")]
    public bool Checked { get; init; }

    [Field("合同条款", "Contract clause")]
    public string? ContractClause { get; init; }

    [Field("不适用", "Not applicable")]
    public bool NotApplicable { get; init; }

    [Field("说明", "Note")]
    public string? Note { get; init; }
}
