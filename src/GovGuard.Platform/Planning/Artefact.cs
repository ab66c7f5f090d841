namespace GovGuard.Platform.Planning;

/// <summary>
/// One version of one planning artefact of a website. A draft is edited in place; approval freezes the version
/// (its payload and digest never change again) and any later edit starts the next version.
/// </summary>
public sealed class Artefact
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public ArtefactKind Kind { get; set; }

    /// <summary>The version number, 1 for the first, per website and kind.</summary>
    public int Number { get; set; }

    public ArtefactStatus Status { get; set; }

    /// <summary>The canonical JSON of the typed payload (see <see cref="PayloadJson"/>).</summary>
    public required string Payload { get; set; }

    /// <summary>SM3 of <see cref="Payload"/>, lower-case hex.</summary>
    public required string Digest { get; set; }

    public Guid AuthorUserId { get; set; }

    public required string AuthorName { get; set; }

    public Guid AuthorOrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public Guid? ApprovedByUserId { get; set; }

    public string? ApprovedByName { get; set; }

    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>Optimistic concurrency: bumped on every change of the row.</summary>
    public int Revision { get; set; }
}

/// <summary>The assessor's note on one version, tied to the digest it read (5.2.4).</summary>
public sealed class ArtefactReview
{
    public Guid Id { get; set; }

    public Guid ArtefactId { get; set; }

    public Guid WebsiteId { get; set; }

    public ReviewVerdict Verdict { get; set; }

    public required string Note { get; set; }

    /// <summary>The digest of the version as it was reviewed.</summary>
    public required string ArtefactDigest { get; set; }

    public Guid ReviewerUserId { get; set; }

    public required string ReviewerName { get; set; }

    public Guid ReviewerOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// The SLA in force for a website: the parameters of its approved SLA as typed columns, for the monitoring side
/// to measure against without reading JSON. Replaced whenever a newer SLA version is approved.
/// </summary>
public sealed class SlaTerms
{
    public Guid WebsiteId { get; set; }

    public Guid ArtefactId { get; set; }

    public int Number { get; set; }

    public required string Digest { get; set; }

    public decimal AvailabilityPercent { get; set; }

    public Payloads.MeasurementWindow MeasurementWindow { get; set; }

    public int ResponseTimeMs { get; set; }

    public int ResponseTimePercentile { get; set; }

    public int RtoMinutes { get; set; }

    public int RpoMinutes { get; set; }

    public int EspeciallyMajorResponseMinutes { get; set; }

    public int MajorResponseMinutes { get; set; }

    public int RelativelyMajorResponseMinutes { get; set; }

    public int GeneralResponseMinutes { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }
}
