using GovGuard.Catalog;
using GovGuard.Catalog.Incidents;
using GovGuard.Platform.Improvement;
using GovGuard.Platform.Incidents;

namespace GovGuard.Web.Ui.Pages.Incidents;

/// <summary>Incident and improvement wire codes shown as names in the page language, and the choices of their forms.</summary>
public static class IncidentDisplay
{
    public static string Stage(string? code) => Name<IncidentStage>(code);

    public static string Grade(string? code) => Name<IncidentGrade>(code);

    public static string Category(string? code) => Name<IncidentCategory>(code);

    public static string Recipient(string? code) => Name<ReportRecipient>(code);

    public static string Entry(string? code) => Name<IncidentEntryKind>(code);

    public static string Status(string? code) => Name<ImprovementStatus>(code);

    public static string Source(string? code) => Name<ImprovementSource>(code);

    public static string Frequency(string? code) => Name<InspectionFrequency>(code);

    public static string Result(string? code) => Name<ConfidentialityResult>(code);

    public static IReadOnlyList<Option> Options<T>()
        where T : struct, Enum => Terms.All<T>().Select(v => new Option(v.ToWire(), Lang.Tr(v.NameZh(), v.NameEn()))).ToList();

    /// <summary>A duration as people read it: minutes, hours and minutes, or days and hours.</summary>
    public static string Duration(TimeSpan? span) =>
        span is { } s ? Lang.Tr(Platform.Incidents.Duration.Zh(s), Platform.Incidents.Duration.En(s)) : "—";

    private static string Name<T>(string? code)
        where T : struct, Enum => Terms.TryParse<T>(code, out var v) ? Lang.Tr(v.NameZh(), v.NameEn()) : code ?? "—";
}
