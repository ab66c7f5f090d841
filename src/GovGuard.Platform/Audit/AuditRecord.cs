namespace GovGuard.Platform.Audit;

/// <summary>
/// One audited event (GB/T 38249 6.2.2 d): who, when, what, and digests of the object before and after.
/// Records form a hash chain: <see cref="Hash"/> = SM3(<see cref="PrevHash"/> ‖ canonical record), so that
/// altering, removing or reordering a record is detected by <see cref="AuditVerifier"/>.
/// </summary>
public sealed class AuditRecord
{
    /// <summary>Position in the chain, 1-based, without gaps.</summary>
    public long Seq { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    /// <summary>"success" or "denied".</summary>
    public required string Outcome { get; set; }

    public Guid? ActorUserId { get; set; }

    public required string ActorName { get; set; }

    public Guid? ActorOrganisationId { get; set; }

    /// <summary>The organisation whose data the event touched (a website's customer), for who may read it.</summary>
    public Guid? OrganisationId { get; set; }

    public Guid? WebsiteId { get; set; }

    public string? ObjectType { get; set; }

    public string? ObjectId { get; set; }

    /// <summary>One line a person reads; never holds secrets.</summary>
    public required string Summary { get; set; }

    /// <summary>Hex SM3 of the object's audited fields before the change; null for a creation.</summary>
    public string? BeforeDigest { get; set; }

    /// <summary>Hex SM3 of the object's audited fields after the change; null for a deletion.</summary>
    public string? AfterDigest { get; set; }

    /// <summary>The changed fields as JSON (old and new values), secrets left out.</summary>
    public string? Changes { get; set; }

    public string? ClientAddress { get; set; }

    public required string PrevHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>Whether an event kind is recorded; kinds marked mandatory cannot be switched off.</summary>
public sealed class AuditKindSetting
{
    public required string Kind { get; set; }

    public bool Enabled { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
