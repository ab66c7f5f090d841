using GovGuard.Catalog;

namespace GovGuard.Platform.Evidence;

/// <summary>The kinds of evidence people submit; monitor state is gathered by GovGuard itself, never submitted.</summary>
public enum SubmittedKind
{
    /// <summary>An uploaded file: a plan, report, contract, list.</summary>
    [Term("document", "文档", "Document")]
    Document,

    /// <summary>A reference to a record inside GovGuard (type and id).</summary>
    [Term("record_link", "平台记录", "Record in GovGuard")]
    RecordLink,

    /// <summary>A test or assessment result: an uploaded file or a text.</summary>
    [Term("test_result", "测试结果", "Test result")]
    TestResult,
}

/// <summary>The assessor's verdict on one evidence item.</summary>
public enum Verdict
{
    [Term("accepted", "通过", "Accepted")]
    Accepted,

    [Term("rejected", "不通过", "Rejected")]
    Rejected,
}

/// <summary>
/// One item of evidence for one duty assignment. Files are stored content-addressed by SHA-256 and carry SM3 too;
/// text and links are hashed the same way so a sign-off can pin every item. Never edited once stored.
/// </summary>
public sealed class EvidenceEntry
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid AssignmentId { get; set; }

    public required string DutyId { get; set; }

    public SubmittedKind Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>The uploaded file's name as the uploader gave it (shown escaped, sent RFC 5987 encoded).</summary>
    public string? FileName { get; set; }

    /// <summary>The file type found by content sniffing, e.g. <c>pdf</c>, <c>docx</c>.</summary>
    public string? FileType { get; set; }

    public long? Size { get; set; }

    /// <summary>SHA-256 of the file, the text, or the link (<c>type:id</c>), lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>SM3 (GB/T 32905) of the same bytes, lower-case hex.</summary>
    public required string Sm3 { get; set; }

    /// <summary>A record link's object type, e.g. <c>engagement</c>.</summary>
    public string? LinkType { get; set; }

    public string? LinkId { get; set; }

    /// <summary>A test result written as text.</summary>
    public string? Text { get; set; }

    public Guid UploadedByUserId { get; set; }

    public required string UploadedByName { get; set; }

    public Guid UploadedByOrganisationId { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>One review of one evidence item by the engaged assessor; reviews are only ever added (the history).</summary>
public sealed class EvidenceReview
{
    public Guid Id { get; set; }

    public Guid EvidenceId { get; set; }

    public Guid WebsiteId { get; set; }

    public Guid AssignmentId { get; set; }

    public Verdict Verdict { get; set; }

    public string? Note { get; set; }

    public Guid ReviewerUserId { get; set; }

    public required string ReviewerName { get; set; }

    public Guid ReviewerOrganisationId { get; set; }

    public DateTimeOffset At { get; set; }
}
