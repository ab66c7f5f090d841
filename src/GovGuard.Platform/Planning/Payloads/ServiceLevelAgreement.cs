using GovGuard.Catalog;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>Over what period availability is measured.</summary>
public enum MeasurementWindow
{
    [Term("month", "按月", "Monthly")]
    Month,

    [Term("quarter", "按季度", "Quarterly")]
    Quarter,

    [Term("year", "按年", "Yearly")]
    Year,
}

/// <summary>The grades of network security incidents (特别重大、重大、较大、一般), most severe first.</summary>
public enum IncidentGrade
{
    [Term("especially_major", "特别重大事件（Ⅰ级）", "Especially major (grade I)")]
    EspeciallyMajor,

    [Term("major", "重大事件（Ⅱ级）", "Major (grade II)")]
    Major,

    [Term("relatively_major", "较大事件（Ⅲ级）", "Relatively major (grade III)")]
    RelativelyMajor,

    [Term("general", "一般事件（Ⅳ级）", "General (grade IV)")]
    General,
}

/// <summary>The terms an SLA uses that 5.5.2 b asks to be defined.</summary>
public enum SlaTerm
{
    [Term("availability", "可用性", "Availability")]
    Availability,

    [Term("response_time", "响应时间", "Response time")]
    ResponseTime,

    [Term("rto", "恢复时间目标（RTO）", "Recovery time objective (RTO)")]
    Rto,

    [Term("rpo", "恢复点目标（RPO）", "Recovery point objective (RPO)")]
    Rpo,

    [Term("incident_response", "事件响应时间", "Incident response time")]
    IncidentResponse,

    [Term("incident_grade", "事件分级", "Incident grades")]
    IncidentGrade,
}

/// <summary>
/// The service level agreement (GB/T 38249 5.5.2 a–b): each target a typed, measurable parameter — the
/// monitoring side reads them from the approved version — and every term it uses defined.
/// </summary>
public sealed record ServiceLevelAgreement : IPlanningPayload
{
    [Field("可用性（%）", "Availability (%)", Clause = "5.5.2.a")]
    public decimal? Availability { get; init; }

    [Field("可用性统计周期", "Availability measured per", Clause = "5.5.2.a")]
    public MeasurementWindow? MeasurementWindow { get; init; }

    [Field("响应时间（毫秒）", "Response time (ms)", Clause = "5.5.2.a")]
    public int? ResponseTimeMs { get; init; }

    [Field("响应时间统计百分位", "Response time percentile", Clause = "5.5.2.a")]
    public int? ResponseTimePercentile { get; init; }

    [Field("恢复时间目标 RTO（分钟）", "Recovery time objective, RTO (minutes)", Clause = "5.5.2.a")]
    public int? RtoMinutes { get; init; }

    [Field("恢复点目标 RPO（分钟）", "Recovery point objective, RPO (minutes)", Clause = "5.5.2.a")]
    public int? RpoMinutes { get; init; }

    [Field("按事件级别的响应时间", "Incident response by grade", FixedRows = true, Clause = "5.5.2.a")]
    public List<IncidentResponseTarget> IncidentResponse { get; init; } = [];

    [Field("术语和指标定义", "Definitions of terms and metrics", FixedRows = true, Clause = "5.5.2.b")]
    public List<SlaDefinition> Definitions { get; init; } = [];

    [Field("与需求报告的对应关系", "How the parameters answer the requirements report", Long = true, Clause = "5.5.2.a")]
    public string? RequirementsMapping { get; init; }

    [Field("未达标时的违约责任", "Remedies when a target is missed", Long = true, Clause = "5.5.2")]
    public string? Remedies { get; init; }

    public static List<IncidentResponseTarget> DefaultIncidentResponse() =>
        Enum.GetValues<IncidentGrade>().Select(g => new IncidentResponseTarget { Grade = g }).ToList();

    public static List<SlaDefinition> DefaultDefinitions() =>
        Enum.GetValues<SlaTerm>().Select(t => new SlaDefinition { Term = t }).ToList();

    /// <summary>The target for one grade, if set.</summary>
    public IncidentResponseTarget? For(IncidentGrade grade) => IncidentResponse.FirstOrDefault(r => r.Grade == grade);

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Range("availability", Availability, 0m, 100m);
        if (Availability is { } a && decimal.Round(a, 3) != a)
        {
            rules.Add("availability", "precision", "可用性（availability）最多保留三位小数。", "Availability (availability) takes at most three decimals.");
        }

        rules.Present("measurementWindow", MeasurementWindow);
        rules.Range("responseTimeMs", ResponseTimeMs, 1, 600_000);
        rules.Range("responseTimePercentile", ResponseTimePercentile, 50, 100);
        rules.Range("rtoMinutes", RtoMinutes, 0, 525_600);
        rules.Range("rpoMinutes", RpoMinutes, 0, 525_600);

        foreach (var grade in Enum.GetValues<IncidentGrade>().Where(g => IncidentResponse.All(r => r.Grade != g)))
        {
            rules.Clause("incidentResponse", "missing_grade", "5.5.2.a", $"缺少{grade.NameZh()}的响应时间", $"The response time for {grade.NameEn()} is missing");
        }

        for (var i = 0; i < IncidentResponse.Count; i++)
        {
            var r = IncidentResponse[i];
            rules.Present($"incidentResponse[{i}].grade", r.Grade);
            if (r.Grade is not null && IncidentResponse.FindIndex(x => x.Grade == r.Grade) != i)
            {
                rules.Add($"incidentResponse[{i}].grade", "duplicate", $"事件级别 {r.Grade.Value.ToWire()} 重复。", $"The grade {r.Grade.Value.ToWire()} appears twice.");
            }

            rules.Range($"incidentResponse[{i}].responseMinutes", r.ResponseMinutes, 1, 10_080);
            rules.Range($"incidentResponse[{i}].resolutionHours", r.ResolutionHours, 1, 8_760, required: false);
        }

        // A more severe incident is answered at least as fast as a lesser one.
        var ordered = Enum.GetValues<IncidentGrade>().Select(g => (g, m: For(g)?.ResponseMinutes)).Where(x => x.m is not null).ToList();
        for (var k = 1; k < ordered.Count; k++)
        {
            if (ordered[k].m < ordered[k - 1].m)
            {
                var i = IncidentResponse.FindIndex(r => r.Grade == ordered[k - 1].g);
                rules.Add($"incidentResponse[{i}].responseMinutes", "grade_order",
                    $"{ordered[k - 1].g.NameZh()}的响应时间不能长于{ordered[k].g.NameZh()}。",
                    $"The response time for {ordered[k - 1].g.NameEn()} cannot be longer than for {ordered[k].g.NameEn()}.");
            }
        }

        foreach (var term in Enum.GetValues<SlaTerm>().Where(t => Definitions.All(d => d.Term != t || string.IsNullOrWhiteSpace(d.Definition))))
        {
            var i = Definitions.FindIndex(d => d.Term == term);
            rules.Clause(i < 0 ? "definitions" : $"definitions[{i}].definition", "undefined_term", "5.5.2.b",
                $"SLA 中的术语「{term.NameZh()}」须明确定义", $"The SLA term {term.NameEn()} must be defined");
        }

        for (var i = 0; i < Definitions.Count; i++)
        {
            rules.Present($"definitions[{i}].term", Definitions[i].Term);
            rules.Optional($"definitions[{i}].definition", Definitions[i].Definition);
        }

        rules.Required("requirementsMapping", RequirementsMapping);
        rules.Optional("remedies", Remedies);
    }
}

/// <summary>How fast the provider answers and resolves incidents of one grade.</summary>
public sealed record IncidentResponseTarget
{
    [Field("事件级别", "Grade", Key = true)]
    public IncidentGrade? Grade { get; init; }

    [Field("响应时间（分钟）", "Response (minutes)")]
    public int? ResponseMinutes { get; init; }

    [Field("处置完成时限（小时）", "Resolution (hours)")]
    public int? ResolutionHours { get; init; }
}

/// <summary>The definition of one term of the SLA (5.5.2 b).</summary>
public sealed record SlaDefinition
{
    [Field("术语", "Term", Key = true)]
    public SlaTerm? Term { get; init; }

    [Field("定义", "Definition", Long = true)]
    public string? Definition { get; init; }
}
