using GovGuard.Catalog.Incidents;
using GovGuard.Detection.Findings;

namespace GovGuard.Platform.Incidents;

/// <summary>Suggests an incident's category from the finding categories of the alerts it is opened from.</summary>
public static class IncidentCategorySuggestion
{
    // When alerts point to several categories, the one listed first wins: a backdoor explains a defacement, a
    // defacement explains harmful text, and any of them explains the site being slow or down.
    private static readonly IncidentCategory[] Precedence =
    [
        IncidentCategory.TrojanBackdoor,
        IncidentCategory.WebTampering,
        IncidentCategory.HarmfulContent,
        IncidentCategory.MaliciousCode,
        IncidentCategory.DnsHijack,
        IncidentCategory.VulnerabilityExploit,
        IncidentCategory.Availability,
        IncidentCategory.Other,
    ];

    /// <summary>The category one finding category points to.</summary>
    public static IncidentCategory For(string findingCategory)
    {
        ArgumentNullException.ThrowIfNull(findingCategory);
        return findingCategory switch
        {
            Categories.ContentHarmfulKeyword => IncidentCategory.HarmfulContent,
            Categories.ContentDarkLink or Categories.ContentMaliciousScript or Categories.ContentCloaking => IncidentCategory.MaliciousCode,
            Categories.AttackWebshellAccess => IncidentCategory.TrojanBackdoor,
            Categories.AvailabilityDown or Categories.AvailabilitySlow => IncidentCategory.Availability,
            _ when findingCategory.StartsWith("tamper.", StringComparison.Ordinal) => IncidentCategory.WebTampering,
            _ when findingCategory.StartsWith("webshell.", StringComparison.Ordinal) => IncidentCategory.TrojanBackdoor,
            _ when findingCategory.StartsWith("dns.", StringComparison.Ordinal) || findingCategory.StartsWith("domain.", StringComparison.Ordinal) => IncidentCategory.DnsHijack,
            _ when findingCategory.StartsWith("vuln.", StringComparison.Ordinal) || findingCategory.StartsWith("attack.", StringComparison.Ordinal) => IncidentCategory.VulnerabilityExploit,
            _ => IncidentCategory.Other,
        };
    }

    /// <summary>The category for a group of alerts: the highest in precedence among theirs.</summary>
    public static IncidentCategory For(IEnumerable<string> findingCategories)
    {
        var found = findingCategories.Select(For).ToHashSet();
        return Precedence.First(c => found.Contains(c) || c == IncidentCategory.Other);
    }
}
