using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;

namespace GovGuard.Web.Ui;

/// <summary>A choice in a select: the value sent and the label shown.</summary>
public readonly record struct Option(string Value, string Label);

/// <summary>Wire codes shown as names in the page language, and choices for selects.</summary>
public static class Display
{
    public static string Name<TEnum>(string? code, Func<TEnum, Text> name)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(name);
        return code is not null && WireCodes<TEnum>.ByCode.TryGetValue(code, out var v) ? Lang.Tr(name(v)) : code ?? "—";
    }

    public static string OrganisationKind(string? code) => Name<OrganisationKind>(code, OrganisationKinds.Name);

    public static string Role(string? code) => Name<OrgRole>(code, OrgRoles.Name);

    public static string EngagementRole(string? code) => Name<EngagementRole>(code, EngagementRoles.Name);

    public static string Phase(string? code) => Name<LifecycleState>(code, WebsiteNames.Of);

    public static string ServiceModel(string? code) => Name<ServiceModel>(code, WebsiteNames.Of);

    public static string DeploymentModel(string? code) => Name<DeploymentModel>(code, WebsiteNames.Of);

    public static string Level(int level) => Lang.Tr($"第{LevelZh(level)}级", $"Level {level}");

    public static string YesNo(bool value) => value ? Lang.Tr("是", "Yes") : Lang.Tr("否", "No");

    /// <summary>The start of a long hex digest; the page puts the whole one in a title.</summary>
    public static string Short(string? hex, int length = 12) =>
        hex is null ? "—" : hex.Length <= length ? hex : hex[..length] + "…";

    /// <summary>Every value of an enum as a choice.</summary>
    public static IReadOnlyList<Option> Options<TEnum>(Func<TEnum, Text> name)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(name);
        return Enum.GetValues<TEnum>().Select(v => new Option(WireCodes<TEnum>.Code(v), Lang.Tr(name(v)))).ToList();
    }

    /// <summary>等保 levels 1 to 5.</summary>
    public static IReadOnlyList<Option> Levels() =>
        Enumerable.Range(1, 5).Select(l => new Option(l.ToString(System.Globalization.CultureInfo.InvariantCulture), Level(l))).ToList();

    public static IReadOnlyList<Option> Organisations(IEnumerable<OrganisationView> organisations) =>
        organisations.Select(o => new Option(o.Id.ToString(), o.Name)).ToList();

    private static string LevelZh(int level) => level switch
    {
        1 => "一",
        2 => "二",
        3 => "三",
        4 => "四",
        5 => "五",
        _ => level.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
