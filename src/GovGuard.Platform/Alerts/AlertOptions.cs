using GovGuard.Detection.Findings;

namespace GovGuard.Platform.Alerts;

/// <summary>
/// Alerting rules (configuration section <c>Alerts</c>). The defaults serve the embedded mode; tests shorten
/// the windows and the delivery backoff.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>Findings at or above this severity open alerts, unless a website sets its own threshold.</summary>
    public Severity MinFindingSeverity { get; set; } = Severity.Medium;

    /// <summary>Incomplete checks in a row before a low-severity "check incomplete" alert opens (0: never).</summary>
    public int IncompleteAfterChecks { get; set; } = 3;

    /// <summary>Flap window: an alert that opened and resolved more than <see cref="FlapThreshold"/> times in it is flapping.</summary>
    public TimeSpan FlapWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Open-and-resolve cycles in the window beyond which a fingerprint is flapping.</summary>
    public int FlapThreshold { get; set; } = 3;

    /// <summary>Reminders for an open, unacknowledged alert, by severity (info and low default to the same 4 h).</summary>
    public Dictionary<Severity, TimeSpan> RenotifyAfter { get; init; } = new()
    {
        [Severity.Critical] = TimeSpan.FromHours(4),
        [Severity.High] = TimeSpan.FromHours(4),
        [Severity.Medium] = TimeSpan.FromHours(4),
        [Severity.Low] = TimeSpan.FromHours(4),
        [Severity.Info] = TimeSpan.FromHours(4),
    };

    /// <summary>How often long-open alerts are looked at for reminders.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Waits between delivery attempts; attempts are one more than delays (10 s, 60 s, 5 min: four in all).</summary>
    public IList<TimeSpan> RetryDelays { get; init; } = new List<TimeSpan> { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5) };

    /// <summary>How often the delivery queue is polled when nothing woke it.</summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deliveries sent at once.</summary>
    public int DeliveryConcurrency { get; set; } = 4;

    /// <summary>Observations queued before the engine waits on the sink.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The address users open GovGuard at, for the {link} placeholder (no trailing slash).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Timeout of one SMTP conversation.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RenotifyFor(Severity severity) =>
        RenotifyAfter.TryGetValue(severity, out var t) ? t : TimeSpan.FromHours(4);

    /// <summary>The problems of these settings, empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IncompleteAfterChecks < 0)
        {
            problems.Add($"{nameof(IncompleteAfterChecks)} must not be negative.");
        }

        if (FlapWindow <= TimeSpan.Zero || FlapThreshold < 1)
        {
            problems.Add($"{nameof(FlapWindow)} must be positive and {nameof(FlapThreshold)} at least 1.");
        }

        if (RenotifyAfter.Values.Any(v => v <= TimeSpan.Zero))
        {
            problems.Add($"{nameof(RenotifyAfter)} intervals must be positive.");
        }

        if (SweepInterval <= TimeSpan.Zero || DeliveryPollInterval <= TimeSpan.Zero || SmtpTimeout <= TimeSpan.Zero)
        {
            problems.Add("Intervals and timeouts must be positive.");
        }

        if (RetryDelays.Count > 10 || RetryDelays.Any(d => d < TimeSpan.Zero))
        {
            problems.Add($"{nameof(RetryDelays)}: at most 10, none negative.");
        }

        if (DeliveryConcurrency < 1 || QueueCapacity < 1)
        {
            problems.Add($"{nameof(DeliveryConcurrency)} and {nameof(QueueCapacity)} must be at least 1.");
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{nameof(PublicBaseUrl)} must be an absolute http(s) URL.");
        }

        return problems;
    }
}
