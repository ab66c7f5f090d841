using GovGuard.Catalog.Lifecycle;

namespace GovGuard.Platform.Compliance;

/// <summary>
/// An assessor's sign-off of one phase of one website: the canonical JSON snapshot of what was signed (duties,
/// statuses, evidence hashes, verdicts) and its SM3 and SHA-256 hashes. Never changed after it is written.
/// </summary>
public sealed class SignOff
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Phase Phase { get; set; }

    public Guid SignedByUserId { get; set; }

    public required string SignedByName { get; set; }

    public Guid SignedByOrganisationId { get; set; }

    public DateTimeOffset SignedAt { get; set; }

    /// <summary>What the assessor states with the signature (e.g. the acceptance conclusion).</summary>
    public required string Statement { get; set; }

    /// <summary>The canonical JSON that was hashed, byte for byte as UTF-8.</summary>
    public required string SnapshotJson { get; set; }

    public required string Sha256 { get; set; }

    public required string Sm3 { get; set; }
}
