using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;

namespace GovGuard.Catalog.Duties;

/// <summary>The duties of GB/T 38249-2019 chapters 5 to 8 and the titles of their sections, in the standard's order.</summary>
public sealed class DutyCatalog
{
    /// <summary>The name of the embedded catalog file in this assembly.</summary>
    public const string ResourceName = "GovGuard.Catalog.catalog.yaml";

    private static readonly Lazy<DutyCatalog> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<string, Duty> _byId;
    private readonly FrozenDictionary<string, CatalogSection> _sectionsById;

    internal DutyCatalog(IReadOnlyList<CatalogSection> sections, IReadOnlyList<Duty> duties)
    {
        Sections = sections;
        Duties = duties;
        _byId = duties.ToFrozenDictionary(d => d.Id, StringComparer.Ordinal);
        _sectionsById = sections.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The catalog shipped in this assembly, loaded and checked once.</summary>
    public static DutyCatalog Default => Embedded.Value;

    /// <summary>Every duty in the standard's order.</summary>
    public IReadOnlyList<Duty> Duties { get; }

    /// <summary>Every section of chapters 5 to 8 (chapters included) in the standard's order.</summary>
    public IReadOnlyList<CatalogSection> Sections { get; }

    /// <summary>The duty with this id; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    public Duty this[string id] => _byId.TryGetValue(id, out var d) ? d : throw new KeyNotFoundException($"no duty {id} in the catalog");

    /// <summary>Reads and checks a catalog file; throws <see cref="CatalogFormatException"/> naming the line of each problem.</summary>
    public static DutyCatalog Load(TextReader yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return new CatalogReader(sourceName).Read(yaml);
    }

    /// <summary>Reads and checks catalog text.</summary>
    public static DutyCatalog Parse(string yaml, string sourceName = "catalog.yaml")
    {
        using var reader = new StringReader(yaml);
        return Load(reader, sourceName);
    }

    /// <summary>The embedded catalog file's text, as shipped.</summary>
    public static string EmbeddedText()
    {
        using var stream = typeof(DutyCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public bool TryGet(string id, [NotNullWhen(true)] out Duty? duty) => _byId.TryGetValue(id, out duty);

    public bool TryGetSection(string id, [NotNullWhen(true)] out CatalogSection? section) => _sectionsById.TryGetValue(id, out section);

    /// <summary>The chain of sections from the chapter down to the duty's own clause, for grouping.</summary>
    public IReadOnlyList<CatalogSection> SectionPath(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var path = new List<CatalogSection>();
        for (string? id = duty.Section.Id; id is not null && _sectionsById.TryGetValue(id, out var s); id = s.ParentId)
        {
            path.Add(s);
        }

        path.Reverse();
        return path;
    }

    /// <summary>The duties of one phase, or with one role, or both; null leaves that filter off.</summary>
    public IReadOnlyList<Duty> Select(Phase? phase = null, Role? role = null) =>
        Duties.Where(d => (phase is null || d.Phase == phase) && (role is null || d.Concerns(role.Value))).ToList();

    /// <summary>The duties an organisation engaged in <paramref name="role"/> answers for, optionally in one phase.</summary>
    public IReadOnlyList<Duty> Select(EngagementRole role, Phase? phase = null) =>
        Duties.Where(d => (phase is null || d.Phase == phase) && d.Concerns(role)).ToList();

    private static DutyCatalog LoadEmbedded()
    {
        using var reader = new StringReader(EmbeddedText());
        return Load(reader, "catalog.yaml (embedded)");
    }
}
