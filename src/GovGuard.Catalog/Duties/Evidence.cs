namespace GovGuard.Catalog.Duties;

/// <summary>What kind of thing shows that a duty is met.</summary>
public enum EvidenceKind
{
    /// <summary>A written plan, report, contract, policy or list.</summary>
    [Term("document", "文档", "Document")]
    Document,

    /// <summary>A dated record of something done: a review, a drill, a backup, a handover.</summary>
    [Term("record", "记录", "Record")]
    Record,

    /// <summary>The result of a test or assessment, with who ran it.</summary>
    [Term("test_result", "测试结果", "Test result")]
    TestResult,

    /// <summary>The live state of a GovGuard monitor and its open alerts.</summary>
    [Term("monitor_state", "监测状态", "Monitor state")]
    MonitorState,
}

/// <summary>One kind of evidence a duty asks for, with a short note of what satisfies it.</summary>
public sealed record EvidenceItem(EvidenceKind Kind, string NoteZh, string NoteEn);

/// <summary>
/// Evidence GovGuard gathers by itself: the named monitors are enabled for the website and none of the
/// <see cref="ClearOf"/> alert categories is open, and/or a record of <see cref="Record"/> exists
/// (within <see cref="WithinDays"/> days when given; for drills, one per typical incident category
/// when <see cref="EachIncidentCategory"/>).
/// </summary>
public sealed record AutomaticEvidence(
    IReadOnlyList<MonitorKind> Monitors,
    IReadOnlyList<string> ClearOf,
    RecordKind? Record,
    int? WithinDays,
    bool EachIncidentCategory,
    string NoteZh,
    string NoteEn);
