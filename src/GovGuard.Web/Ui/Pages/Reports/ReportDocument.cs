using System.Globalization;
using System.Text.Encodings.Web;
using GovGuard.Platform.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovGuard.Web.Ui.Pages.Reports;

/// <summary>
/// The report as one standalone HTML file for printing to PDF: the page's own markup (<see cref="ReportView"/>) with
/// GovGuard's stylesheet inlined as a style element, since a file opened by the printing browser cannot fetch
/// /assets. Only this file carries an inline style; GovGuard's pages keep their strict CSP. Its own CSP meta tag
/// lets nothing else load or run.
/// </summary>
public static class ReportDocument
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'";

    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = typeof(ReportDocument).Assembly.GetManifestResourceStream("GovGuard.Web.Ui.Assets.govguard.css")
            ?? throw new InvalidOperationException("govguard.css is not embedded");
        using var reader = new StreamReader(stream);
        // The sheet is ours; closing the style element early is the one thing it must never do.
        return reader.ReadToEnd().Replace("</", "<\\/", StringComparison.Ordinal);
    });

    public static Task<string> RenderAsync(IServiceProvider services, ComplianceReport report, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(report);
        return RenderAsync<ReportView>(services, new Dictionary<string, object?> { [nameof(ReportView.Report)] = report },
            $"{report.Website.Name} · {ReportText.ReportTitle.In(culture)}", culture);
    }

    /// <summary>Any report view as a standalone file: the component rendered in <paramref name="culture"/>, the stylesheet inlined.</summary>
    public static async Task<string> RenderAsync<TView>(IServiceProvider services, IDictionary<string, object?> parameters, string title, CultureInfo culture)
        where TView : IComponent
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(culture);
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var body = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            // The view names things in the current UI culture, as the pages do.
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var output = await renderer.RenderComponentAsync<TView>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        var lang = culture.TwoLetterISOLanguageName == "en" ? "en" : "zh-CN";
        var encoded = Encoder.Encode(title);
        return $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
            <meta charset="utf-8" />
            <meta http-equiv="Content-Security-Policy" content="{Policy}" />
            <title>{encoded}</title>
            <style>
            {Stylesheet.Value}
            </style>
            </head>
            <body class="standalone">
            <main>
            {body}
            </main>
            </body>
            </html>
            """;
    }
}
