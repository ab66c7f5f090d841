using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Catalog.Duties;

/// <summary>A numbered clause of chapters 5 to 8 with its title, for grouping duties in reports.</summary>
public sealed record CatalogSection(string Id, string TitleZh, string TitleEn)
{
    /// <summary>The phase of the section's chapter.</summary>
    public Phase Phase => (Phase)(Chapter - 5);

    /// <summary>The chapter number, 5 to 8.</summary>
    public int Chapter => Id[0] - '0';

    /// <summary>The enclosing section's id (<c>5.3.4</c> for <c>5.3.4.1</c>); null for a chapter.</summary>
    public string? ParentId => Id.LastIndexOf('.') is var dot and > 0 ? Id[..dot] : null;

    /// <summary>How deep the section is: 1 for a chapter, 2 for <c>5.2</c> …</summary>
    public int Depth => Id.Count(c => c == '.') + 1;
}
