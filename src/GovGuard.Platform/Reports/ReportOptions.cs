namespace GovGuard.Platform.Reports;

/// <summary><c>GovGuard:Reports</c>: where headless Chromium is for PDF reports and how long a print may take.</summary>
public sealed class ReportOptions
{
    public const string Section = "GovGuard:Reports";

    /// <summary>The Chromium binary that prints reports to PDF; when it is missing, PDF answers 501 and the other forms still work.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>A print that takes longer is stopped (the browser and its children are killed).</summary>
    public int PdfTimeoutSeconds { get; set; } = 60;

    /// <summary>At most this many browsers print at once; a browser takes a core and a few hundred MB.</summary>
    public int MaxConcurrentPrints { get; set; } = 2;
}
