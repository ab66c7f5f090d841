using GovGuard.Platform.Common;
using GovGuard.Platform.Reports.Operations;

namespace GovGuard.Platform.Tests.Reports;

/// <summary>Sections as other features would contribute them, for tests only.</summary>
public static class TestSections
{
    public sealed class Incidents : IOperationReportSection
    {
        public Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct) =>
            Task.FromResult<OperationReportSection?>(new OperationReportSection("incidents", 10, new("安全事件", "Incidents"),
                [new("本周期安全事件 1 起，已全部关闭。", "One incident in the period, closed.")],
                [new OperationReportTable(new("事件", "Incidents"), [new("网站", "Website"), new("类别", "Category"), new("处置用时（分钟）", "Minutes to close")],
                    [[websiteId.ToString(), new Text("网页篡改", "Web tampering"), 42L]])]));
    }

    public sealed class Drills : IOperationReportSection
    {
        public Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct) =>
            Task.FromResult<OperationReportSection?>(new OperationReportSection("drills", 20, new("应急演练", "Drills"), [], []));
    }

    public sealed class Silent : IOperationReportSection
    {
        public Task<OperationReportSection?> BuildAsync(Guid websiteId, ReportPeriod period, CancellationToken ct) => Task.FromResult<OperationReportSection?>(null);
    }
}
