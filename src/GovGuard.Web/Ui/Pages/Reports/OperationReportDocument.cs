using System.Globalization;
using GovGuard.Platform.Reports.Operations;

namespace GovGuard.Web.Ui.Pages.Reports;

/// <summary>The operation report as one standalone HTML file for printing to PDF (see <see cref="ReportDocument"/>).</summary>
public static class OperationReportDocument
{
    public static Task<string> RenderAsync(IServiceProvider services, OperationReport report, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(culture);
        return ReportDocument.RenderAsync<OperationReportView>(services, new Dictionary<string, object?> { [nameof(OperationReportView.Report)] = report },
            $"{report.Website.Name} · {OperationReportText.Title.In(culture)} · {ReportPeriods.Label(report.Period, report.Month)}", culture);
    }
}
