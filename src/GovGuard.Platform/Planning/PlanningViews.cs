using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Planning;

/// <summary>What a caller sends to save a draft: the payload as JSON, and the version they started from.</summary>
/// <param name="Payload">The content, shaped as the kind's record (camelCase names, enums as wire codes).</param>
/// <param name="BasedOn">The version number the editor loaded; when given and no longer the latest, the save is refused.</param>
public sealed record ArtefactInput(JsonNode? Payload, int? BasedOn = null);

/// <summary>An assessor's review note.</summary>
public sealed record ReviewInput(string? Verdict, string? Note);

public sealed record ReviewView(Guid Id, int Number, string Verdict, string Note, string ArtefactDigest, string ReviewerName, Guid ReviewerOrganisationId, DateTimeOffset At);

/// <summary>One version of an artefact with its payload, its reviews, and what its reader should know.</summary>
public sealed record ArtefactView(
    Guid Id,
    Guid WebsiteId,
    string Kind,
    string Clause,
    int Number,
    string Status,
    JsonElement Payload,
    string Digest,
    string AuthorName,
    Guid AuthorOrganisationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ApprovedAt,
    string? ApprovedByName,
    DateTimeOffset? SupersededAt,
    IReadOnlyList<ReviewView> Reviews,
    IReadOnlyList<Text> Notices)
{
    /// <summary>The typed payload, for pages and reports.</summary>
    [JsonIgnore]
    public IPlanningPayload Data { get; init; } = null!;

    [JsonIgnore]
    public ArtefactKind KindValue { get; init; }
}

/// <summary>One line of an artefact's history.</summary>
public sealed record ArtefactVersion(int Number, string Status, string Digest, string AuthorName, DateTimeOffset UpdatedAt, DateTimeOffset? ApprovedAt, string? ApprovedByName);

/// <summary>Where one kind stands for a website, and whether the caller may edit it.</summary>
public sealed record KindOverview(string Kind, string Clause, Text Name, int? Latest, string? LatestStatus, int? Approved, bool CanEdit);

/// <summary>The planning artefacts of a website and what the caller may do with them.</summary>
public sealed record PlanningOverview(Guid WebsiteId, string WebsiteName, IReadOnlyList<KindOverview> Kinds, bool CanApprove, bool CanReview, PlanningFacts Facts);

/// <summary>The SLA in force, as the monitoring side reads it.</summary>
public sealed record SlaTermsView(
    Guid WebsiteId,
    int Number,
    string Digest,
    decimal AvailabilityPercent,
    string MeasurementWindow,
    int ResponseTimeMs,
    int ResponseTimePercentile,
    int RtoMinutes,
    int RpoMinutes,
    IReadOnlyDictionary<string, int> IncidentResponseMinutes,
    DateTimeOffset ApprovedAt);
