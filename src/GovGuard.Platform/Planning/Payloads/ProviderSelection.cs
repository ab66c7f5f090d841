using System.Text.Json.Serialization;
using GovGuard.Catalog;
using GovGuard.Catalog.Duties;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>What a candidate is being chosen as (5.4 a for the provider, 5.4 b 1–3 for each kind of agent).</summary>
public enum CandidateRole
{
    [Term("provider", "云服务商", "Cloud service provider")]
    Provider,

    [Term("integrator", "系统集成商", "System integrator")]
    Integrator,

    [Term("developer", "网站开发商", "Website developer")]
    Developer,

    [Term("security_service", "安全服务商", "Security service provider")]
    SecurityService,
}

/// <summary>
/// Choosing the provider and the agents (GB/T 38249 5.4) with a scoring matrix: the criteria are the catalog's
/// 5.4.a.1–a.3 and 5.4.b.1–b.3 with the customer's weights; each candidate is scored 0 to 5 on the criteria of its
/// role; 5.4 a 1) — a security-reviewed cloud service — is a knock-out, taken from the candidate's review record.
/// </summary>
public sealed record ProviderSelection : IPlanningPayload
{
    /// <summary>Highest score on a criterion.</summary>
    public const int MaxScore = 5;

    /// <summary>The knock-out criterion: only a cloud service that passed the security review may be chosen.</summary>
    public const string SecurityReviewClause = "5.4.a.1";

    /// <summary>The criteria of 5.4, in the catalog's order, with the role each applies to.</summary>
    public static readonly IReadOnlyList<(string Clause, CandidateRole Role)> CriterionClauses =
    [
        ("5.4.a.1", CandidateRole.Provider),
        ("5.4.a.2", CandidateRole.Provider),
        ("5.4.a.3", CandidateRole.Provider),
        ("5.4.b.1", CandidateRole.Integrator),
        ("5.4.b.2", CandidateRole.Developer),
        ("5.4.b.3", CandidateRole.SecurityService),
    ];

    [Field("评价因素及权重", "Criteria and weights", FixedRows = true, Clause = "5.4")]
    public List<SelectionCriterion> Criteria { get; init; } = [];

    [Field("候选单位", "Candidates", Clause = "5.4")]
    public List<Candidate> Candidates { get; init; } = [];

    [Field("选择结论", "Conclusion", Long = true, Clause = "5.4")]
    public string? Conclusion { get; init; }

    /// <summary>The criteria rows a new selection starts with: the catalog's 5.4 items.</summary>
    public static List<SelectionCriterion> DefaultCriteria() => CriterionClauses
        .Select(c => new SelectionCriterion
        {
            Clause = c.Clause,
            Weight = c.Clause switch { "5.4.a.1" or "5.4.a.2" => 40, "5.4.a.3" => 20, _ => 100 },
            KnockOut = c.Clause == SecurityReviewClause,
        })
        .ToList();

    public static CandidateRole RoleOf(string clause) => CriterionClauses.First(c => c.Clause == clause).Role;

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var known = CriterionClauses.Select(c => c.Clause).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < Criteria.Count; i++)
        {
            var c = Criteria[i];
            if (c.Clause is null || !known.Contains(c.Clause))
            {
                rules.Clause($"criteria[{i}].clause", "unknown_criterion", "5.4", $"评价因素（criteria[{i}].clause）须是 5.4 的条目之一：{string.Join(", ", known)}", $"A criterion (criteria[{i}].clause) must be one of the items of 5.4: {string.Join(", ", known)}");
                continue;
            }

            if (Criteria.FindIndex(x => x.Clause == c.Clause) != i)
            {
                rules.Add($"criteria[{i}].clause", "duplicate", $"评价因素 {c.Clause} 重复。", $"The criterion {c.Clause} appears twice.");
            }

            rules.Range($"criteria[{i}].weight", c.Weight, 0, 100);
            if (c.Clause == SecurityReviewClause && !c.KnockOut)
            {
                rules.Clause($"criteria[{i}].knockOut", "knock_out", "5.4.a.1", "应按国家或监管部门要求选择通过安全审查的云计算服务：此项须为否决项", "Only a cloud service that passed the security review may be chosen: this criterion must be a knock-out");
            }
        }

        foreach (var missing in known.Where(k => Criteria.All(c => c.Clause != k)))
        {
            rules.Clause("criteria", "missing_criterion", "5.4", $"缺少评价因素 {missing}", $"The criterion {missing} is missing");
        }

        foreach (var role in Enum.GetValues<CandidateRole>().Where(r => Candidates.Any(c => c.Role == r)))
        {
            var weights = Criteria.Where(c => c.Clause is not null && known.Contains(c.Clause) && RoleOf(c.Clause) == role).Sum(c => c.Weight ?? 0);
            if (weights == 0)
            {
                rules.Add("criteria", "weights_zero", $"{role.NameZh()}的评价因素权重之和为 0，无法计算得分。", $"The criteria weights for {role.NameEn()} add up to 0; no score can be computed.");
            }
        }

        var ranking = Rank();
        for (var i = 0; i < Candidates.Count; i++)
        {
            var c = Candidates[i];
            rules.Required($"candidates[{i}].name", c.Name, 200);
            rules.Present($"candidates[{i}].role", c.Role);
            if (c.Role == CandidateRole.Provider)
            {
                rules.RequiredWhen(c.SecurityReviewPassed, $"candidates[{i}].reviewCertificate", c.ReviewCertificate, "5.4.a.1", "已通过安全审查的", "For a reviewed service", 200);
                rules.Range($"candidates[{i}].scoreA2", c.ScoreA2, 0, MaxScore);
                rules.Range($"candidates[{i}].scoreA3", c.ScoreA3, 0, MaxScore);
            }
            else if (c.Role is { } role)
            {
                rules.Range($"candidates[{i}].{ScorePropertyOf(role)}", c.ScoreOf(CriterionClauses.First(x => x.Role == role).Clause), 0, MaxScore);
            }

            rules.Optional($"candidates[{i}].notes", c.Notes);
            if (c.Selected && ranking.FirstOrDefault(r => r.Index == i) is { KnockedOutBy: { } clause })
            {
                rules.Clause($"candidates[{i}].selected", "knocked_out", clause,
                    $"「{c.Name}」未满足否决项 {clause}，不能选用",
                    $"{c.Name} fails the knock-out criterion {clause} and cannot be chosen");
            }
        }

        foreach (var group in Candidates.Select((c, i) => (c, i)).Where(x => x.c.Selected && x.c.Role is not null).GroupBy(x => x.c.Role))
        {
            foreach (var (_, i) in group.Skip(1))
            {
                rules.Add($"candidates[{i}].selected", "one_selected", $"每类只能选用一家{group.Key!.Value.NameZh()}。", $"Only one {group.Key!.Value.NameEn().ToLowerInvariant()} can be chosen.");
            }
        }

        rules.Optional("conclusion", Conclusion);
    }

    /// <summary>
    /// The ranking, per role: score = Σ(weight × score) ÷ Σ(weight × 5) × 100 over the role's criteria; a candidate
    /// with 0 on a knock-out criterion (for 5.4.a.1: no passed security review) is ranked out, with the clause.
    /// </summary>
    public IReadOnlyList<CandidateResult> Rank()
    {
        var results = new List<CandidateResult>();
        foreach (var role in Enum.GetValues<CandidateRole>())
        {
            var criteria = Criteria.Where(c => c.Clause is not null && CriterionClauses.Any(x => x.Clause == c.Clause && x.Role == role)).ToList();
            var max = criteria.Sum(c => (c.Weight ?? 0) * MaxScore);
            var scored = Candidates.Select((c, i) => (c, i)).Where(x => x.c.Role == role).Select(x =>
            {
                var knock = criteria.FirstOrDefault(k => k.KnockOut && (x.c.ScoreOf(k.Clause!) ?? 0) == 0)?.Clause;
                var sum = criteria.Sum(k => (k.Weight ?? 0) * Math.Clamp(x.c.ScoreOf(k.Clause!) ?? 0, 0, MaxScore));
                var score = max == 0 ? 0m : Math.Round(100m * sum / max, 1, MidpointRounding.AwayFromZero);
                return new CandidateResult(x.i, x.c.Name ?? string.Empty, role, score, null, knock, x.c.Selected);
            }).ToList();
            var rank = 0;
            foreach (var r in scored.Where(s => s.KnockedOutBy is null).OrderByDescending(s => s.Score).ThenBy(s => s.Name, StringComparer.Ordinal))
            {
                results.Add(r with { Rank = ++rank });
            }

            results.AddRange(scored.Where(s => s.KnockedOutBy is not null).OrderBy(s => s.Name, StringComparer.Ordinal));
        }

        return results;
    }

    /// <summary>The chosen provider, if one is selected.</summary>
    [JsonIgnore]
    public Candidate? SelectedProvider => Candidates.FirstOrDefault(c => c.Selected && c.Role == CandidateRole.Provider);

    /// <summary>The catalog's title of a criterion, e.g. 选择通过安全审查的云服务.</summary>
    public static (string Zh, string En) TitleOf(string clause) =>
        DutyCatalog.Default.TryGet(clause, out var d) ? (d.TitleZh, d.TitleEn) : (clause, clause);

    private static string ScorePropertyOf(CandidateRole role) => role switch
    {
        CandidateRole.Integrator => "scoreB1",
        CandidateRole.Developer => "scoreB2",
        CandidateRole.SecurityService => "scoreB3",
        _ => "scoreA2",
    };
}

/// <summary>One criterion of the matrix: a catalog item of 5.4 with its weight.</summary>
public sealed record SelectionCriterion
{
    [Field("条款", "Clause", Key = true)]
    public string? Clause { get; init; }

    [Field("权重", "Weight")]
    public int? Weight { get; init; }

    [Field("否决项", "Knock-out")]
    public bool KnockOut { get; init; }
}

/// <summary>A candidate provider or agent with its scores (0–5) on the criteria of its role.</summary>
public sealed record Candidate
{
    [Field("单位名称", "Organisation")]
    public string? Name { get; init; }

    [Field("拟选角色", "Chosen as")]
    public CandidateRole? Role { get; init; }

    [Field("云计算服务已通过安全审查", "Cloud service passed the security review", Clause = "5.4.a.1")]
    public bool SecurityReviewPassed { get; init; }

    [Field("安全审查证明编号", "Review certificate", Clause = "5.4.a.1")]
    public string? ReviewCertificate { get; init; }

    [Field("通过增强级安全审查", "Passed the enhanced review", Clause = "5.4.a.2")]
    public bool EnhancedReviewPassed { get; init; }

    [Field("得分：增强级安全审查（0–5）", "Score: enhanced review (0–5)", Clause = "5.4.a.2")]
    public int? ScoreA2 { get; init; }

    [Field("得分：安全监管接口（0–5）", "Score: supervision interface (0–5)", Clause = "5.4.a.3")]
    public int? ScoreA3 { get; init; }

    [Field("得分：建设维护安全能力（0–5）", "Score: build and maintenance security (0–5)", Clause = "5.4.b.1")]
    public int? ScoreB1 { get; init; }

    [Field("得分：软件开发安全能力（0–5）", "Score: secure development (0–5)", Clause = "5.4.b.2")]
    public int? ScoreB2 { get; init; }

    [Field("得分：安全服务能力（0–5）", "Score: security service capability (0–5)", Clause = "5.4.b.3")]
    public int? ScoreB3 { get; init; }

    [Field("选用", "Chosen")]
    public bool Selected { get; init; }

    [Field("说明", "Notes", Long = true)]
    public string? Notes { get; init; }

    /// <summary>The score on one criterion; 5.4.a.1 is the review record: full marks when passed, 0 when not.</summary>
    public int? ScoreOf(string clause) => clause switch
    {
        ProviderSelection.SecurityReviewClause => SecurityReviewPassed ? ProviderSelection.MaxScore : 0,
        "5.4.a.2" => ScoreA2,
        "5.4.a.3" => ScoreA3,
        "5.4.b.1" => ScoreB1,
        "5.4.b.2" => ScoreB2,
        "5.4.b.3" => ScoreB3,
        _ => null,
    };
}

/// <summary>A candidate's computed result: weighted score out of 100, rank within its role, or the knock-out that excluded it.</summary>
public sealed record CandidateResult(int Index, string Name, CandidateRole Role, decimal Score, int? Rank, string? KnockedOutBy, bool Selected);
