using GovGuard.Catalog.Incidents;

namespace GovGuard.Platform.Incidents;

/// <summary>
/// The reports an incident's grade requires and how long after detection each is due (GovGuard:Incidents).
/// A grade missing from a recipient's table, or with a zero time, needs no report to that recipient.
/// </summary>
/// <remarks>
/// Defaults, from GB/T 38249 6.3.6 and the national network security incident emergency plan:
/// the provider reports every incident to the customer "at once" (立即, taken as within 1 hour of detection);
/// 特别重大 and 重大 incidents go to the supervising authority and to emergency management within 1 hour
/// (6.3.6 a 4: 立即报告应急管理等部门并向有关主管监管部门汇报); 较大 incidents to the supervising authority within
/// 4 hours (the cyberspace administration's incident reporting rules ask operators for 较大 and above within 4 hours).
/// </remarks>
public sealed class IncidentOptions
{
    public const string Section = "GovGuard:Incidents";

    public Dictionary<IncidentGrade, TimeSpan> CustomerReportWithin { get; } = new()
    {
        [IncidentGrade.EspeciallyMajor] = TimeSpan.FromHours(1),
        [IncidentGrade.Major] = TimeSpan.FromHours(1),
        [IncidentGrade.RelativelyMajor] = TimeSpan.FromHours(1),
        [IncidentGrade.General] = TimeSpan.FromHours(1),
    };

    public Dictionary<IncidentGrade, TimeSpan> SupervisorReportWithin { get; } = new()
    {
        [IncidentGrade.EspeciallyMajor] = TimeSpan.FromHours(1),
        [IncidentGrade.Major] = TimeSpan.FromHours(1),
        [IncidentGrade.RelativelyMajor] = TimeSpan.FromHours(4),
    };

    public Dictionary<IncidentGrade, TimeSpan> EmergencyManagementReportWithin { get; } = new()
    {
        [IncidentGrade.EspeciallyMajor] = TimeSpan.FromHours(1),
        [IncidentGrade.Major] = TimeSpan.FromHours(1),
    };

    /// <summary>The reports <paramref name="grade"/> requires, with the time allowed after detection.</summary>
    public IReadOnlyList<(ReportRecipient Recipient, TimeSpan Within)> RequiredFor(IncidentGrade grade)
    {
        var list = new List<(ReportRecipient, TimeSpan)>();
        foreach (var (recipient, table) in new[]
        {
            (ReportRecipient.Customer, CustomerReportWithin),
            (ReportRecipient.Supervisor, SupervisorReportWithin),
            (ReportRecipient.EmergencyManagement, EmergencyManagementReportWithin),
        })
        {
            if (table.TryGetValue(grade, out var within) && within > TimeSpan.Zero)
            {
                list.Add((recipient, within));
            }
        }

        return list;
    }

    /// <summary>True when every time is zero or positive and at most 30 days.</summary>
    public bool IsValid() =>
        new[] { CustomerReportWithin, SupervisorReportWithin, EmergencyManagementReportWithin }
            .SelectMany(t => t.Values).All(v => v >= TimeSpan.Zero && v <= TimeSpan.FromDays(30));
}
