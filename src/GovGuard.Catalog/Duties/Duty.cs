using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;

namespace GovGuard.Catalog.Duties;

/// <summary>One duty of GB/T 38249-2019: a lettered item, a numbered sub-item or bullet, or a clause without items.</summary>
public sealed class Duty
{
    internal Duty(
        DutyId id,
        CatalogSection section,
        IReadOnlyList<Role> roles,
        (string Zh, string En) title,
        (string Zh, string En) description,
        IReadOnlyList<EvidenceItem> evidence,
        AutomaticEvidence? automatic)
    {
        Key = id;
        Section = section;
        Roles = roles;
        (TitleZh, TitleEn) = title;
        (DescriptionZh, DescriptionEn) = description;
        Evidence = evidence;
        Automatic = automatic;
    }

    /// <summary>The contract's id, e.g. <c>5.4.a.2</c>.</summary>
    public string Id => Key.Text;

    /// <summary>The id with its parts, ordered as in the standard.</summary>
    public DutyId Key { get; }

    /// <summary>The numbered clause the duty is written in.</summary>
    public CatalogSection Section { get; }

    /// <summary>The lifecycle phase: the chapter of the clause.</summary>
    public Phase Phase => Section.Phase;

    /// <summary>Whom the standard makes responsible; never empty.</summary>
    public IReadOnlyList<Role> Roles { get; }

    public string TitleZh { get; }

    public string TitleEn { get; }

    public string DescriptionZh { get; }

    public string DescriptionEn { get; }

    /// <summary>What shows the duty is met; never empty.</summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; }

    /// <summary>What GovGuard measures by itself for this duty; null when only people can show it.</summary>
    public AutomaticEvidence? Automatic { get; }

    /// <summary>True when the duty falls on <paramref name="role"/> (agent duties concern every kind of agent).</summary>
    public bool Concerns(Role role) => Roles.Any(r => r.Concerns(role));

    /// <summary>True when an organisation engaged in this role answers for the duty.</summary>
    public bool Concerns(EngagementRole role)
    {
        var covered = role.DutyRoles();
        return Roles.Any(covered.Contains);
    }

    public override string ToString() => $"{Id} {TitleEn}";
}
