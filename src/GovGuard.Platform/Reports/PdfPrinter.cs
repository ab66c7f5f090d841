using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Reports;

/// <summary>Why a PDF was not made.</summary>
public enum PdfFailure
{
    /// <summary>No Chromium at the configured path (answered 501).</summary>
    Unavailable,

    /// <summary>Chromium ran but produced no PDF, or did not finish in time.</summary>
    Failed,
}

/// <summary>A printed PDF, or why there is none.</summary>
public sealed record PdfResult(byte[]? Pdf, PdfFailure? Failure);

/// <summary>
/// Prints a standalone HTML document to PDF with headless Chromium (no PDF library is served here, and Chromium
/// shapes Chinese text with the system's CJK fonts). Each print gets a private temporary folder holding the HTML,
/// a fresh browser profile and the PDF; the folder is removed afterwards. Prints are capped in number and time.
/// </summary>
public sealed partial class PdfPrinter(IOptions<ReportOptions> options, ILogger<PdfPrinter> log) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(options.Value.MaxConcurrentPrints, options.Value.MaxConcurrentPrints);

    public string ChromiumPath => options.Value.ChromiumPath;

    /// <summary>True when the configured Chromium exists (checked on every call: it may be installed later).</summary>
    public bool IsAvailable => File.Exists(ChromiumPath);

    public async Task<PdfResult> PrintAsync(string html, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!IsAvailable)
        {
            return new PdfResult(null, PdfFailure.Unavailable);
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        var work = Path.Combine(Path.GetTempPath(), "govguard-pdf-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The report names organisations and evidence: only the service account reads the folder.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(work);
            }
            else
            {
                Directory.CreateDirectory(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var page = Path.Combine(work, "report.html");
            var pdf = Path.Combine(work, "report.pdf");
            await File.WriteAllTextAsync(page, html, new UTF8Encoding(false), ct).ConfigureAwait(false);
            var (exit, errors) = await RunAsync(page, pdf, Path.Combine(work, "profile"), ct).ConfigureAwait(false);
            var bytes = File.Exists(pdf) ? await File.ReadAllBytesAsync(pdf, ct).ConfigureAwait(false) : [];
            if (bytes.Length < 5 || !bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
            {
                LogFailed(log, exit, errors);
                return new PdfResult(null, PdfFailure.Failed);
            }

            return new PdfResult(bytes, null);
        }
        finally
        {
            _gate.Release();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // The browser may hold a profile file a moment longer; the temp folder is cleaned by the system.
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Runs Chromium once; returns its exit code (null when stopped for taking too long) and the end of its error output.</summary>
    private async Task<(int? Exit, string Errors)> RunAsync(string page, string pdf, string profile, CancellationToken ct)
    {
        var start = new ProcessStartInfo(ChromiumPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (var arg in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions", "--no-pdf-header-footer",
                     "--user-data-dir=" + profile, "--print-to-pdf=" + pdf, new Uri(page).AbsoluteUri])
        {
            start.ArgumentList.Add(arg);
        }

        var errors = new Queue<string>();
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                if (e.Data is { Length: > 0 } line)
                {
                    errors.Enqueue(line.Length > 300 ? line[..300] : line);
                    if (errors.Count > 10)
                    {
                        errors.Dequeue();
                    }
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.PdfTimeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            LogTimedOut(log, options.Value.PdfTimeoutSeconds);
            return (null, string.Empty);
        }

        lock (errors)
        {
            return (process.ExitCode, string.Join(" | ", errors));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF print produced no PDF (Chromium exit code {Exit}): {Errors}")]
    private static partial void LogFailed(ILogger logger, int? exit, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF print stopped after {Seconds} s")]
    private static partial void LogTimedOut(ILogger logger, int seconds);
}
