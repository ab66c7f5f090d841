using GovGuard.Catalog.Duties;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Evidence;

/// <summary>What a monitor or a record shows for a duty, as of <see cref="ObservedAt"/> (shown with its age).</summary>
/// <remarks><c>Source</c> is the monitor or record kind (e.g. <c>tamper</c>, <c>drill</c>); <c>Satisfied</c> is true when the state meets the catalog's condition.</remarks>
public sealed record AutomaticEvidenceItem(string Source, bool Satisfied, Text Summary, DateTimeOffset ObservedAt, string? LinkType = null, string? LinkId = null);

/// <summary>
/// Evidence GovGuard gathers by itself (GB/T 38249 chapter 7: monitoring). Monitoring and operations features
/// implement this; the compliance workspace asks every registered source about each duty that has an
/// <see cref="Duty.Automatic"/> entry. None is registered yet.
/// </summary>
public interface IAutomaticEvidenceSource
{
    Task<IReadOnlyList<AutomaticEvidenceItem>> GetAsync(Guid websiteId, Duty duty, CancellationToken ct);
}
