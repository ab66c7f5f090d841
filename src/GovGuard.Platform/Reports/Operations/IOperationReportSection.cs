using GovGuard.Platform.Common;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>The period a security operation report covers: [<see cref="From"/>, <see cref="To"/>), instants in UTC.</summary>
public sealed record ReportPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;
}

/// <summary>
/// One section of the periodic security operation report (GB/T 38249 7.2.2 f, 7.2.3 b): a title, a few summary lines
/// and tables, in both languages. <see cref="Order"/> places it in the report (lower first).
/// </summary>
public sealed record OperationReportSection(
    string Key,
    int Order,
    Text Title,
    IReadOnlyList<Text> Summary,
    IReadOnlyList<OperationReportTable> Tables);

/// <summary>A table of a section: bilingual headers, cells as text or numbers.</summary>
public sealed record OperationReportTable(Text Name, IReadOnlyList<Text> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// A feature that contributes a section to the operation report (incidents, drills, changes, duty coverage …).
/// Registered in DI as <c>IOperationReportSection</c>; the report asks every registered source. Return null when the
/// feature has nothing to say for the website (the section is then omitted), an empty section when it has nothing
/// in the period (the report says so).
/// </summary>
public interface IOperationReportSection
{
    Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct);
}
