namespace GovGuard.Platform.Monitoring.Tamper;

/// <summary>
/// The approved look of one page of a tamper monitor (GB/T 38249 7.4.3 b): what later fetches are compared
/// with. Taken on the monitor's first run (or when an operator asks for a fresh baseline), rolled forward by
/// legitimate updates when the monitor accepts them, and replaced when an operator approves a reported change.
/// </summary>
public sealed class TamperBaseline
{
    public Guid Id { get; set; }

    public Guid MonitorId { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary>The page's URL after redirects (what findings name).</summary>
    public required string Url { get; set; }

    /// <summary>The tamper detector's page baseline (<see cref="Detection.Tamper.PageBaseline"/> JSON).</summary>
    public required string Page { get; set; }

    /// <summary>SHA-256 of the body as fetched, lower-case hex.</summary>
    public required string Sha256 { get; set; }

    /// <summary>How it became the baseline: <see cref="TamperBaselineOrigins"/>.</summary>
    public required string Origin { get; set; }

    /// <summary>Who approved it; null when GovGuard took it (first run, legitimate update).</summary>
    public string? ApprovedByName { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    public int Version { get; set; }
}

/// <summary>How a baseline came to be.</summary>
public static class TamperBaselineOrigins
{
    /// <summary>The monitor's first look at the page (first run, a new page, or "take baseline now").</summary>
    public const string First = "first";

    /// <summary>A legitimate update the monitor accepted on its own.</summary>
    public const string Update = "update";

    /// <summary>A reported change an operator approved.</summary>
    public const string Approved = "approved";
}

/// <summary>Where a reported change stands.</summary>
public enum TamperChangeState
{
    /// <summary>Reported (the re-fetch confirmed it) and waiting for an operator.</summary>
    Pending,

    /// <summary>An operator approved it: the page as it was then is the baseline now.</summary>
    Approved,

    /// <summary>The page went back to its baseline, or a fresh baseline was taken: nothing left to review.</summary>
    Cleared,
}

/// <summary>
/// A change the tamper monitor reported on one page: the baseline and the page as fetched (both as the
/// detector's text snapshots, never as HTML), and what the detector said. One pending change per page:
/// a later check that still sees it updates it.
/// </summary>
public sealed class TamperChange
{
    public Guid Id { get; set; }

    public Guid MonitorId { get; set; }

    public Guid WebsiteId { get; set; }

    public required string Url { get; set; }

    public Guid BaselineId { get; set; }

    /// <summary>The baseline compared with (<see cref="Detection.Tamper.PageBaseline"/> JSON).</summary>
    public required string BaselinePage { get; set; }

    /// <summary>The page as the confirming re-fetch saw it (<see cref="Detection.Tamper.PageBaseline"/> JSON): becomes the baseline on approval.</summary>
    public required string CurrentPage { get; set; }

    public required string CurrentSha256 { get; set; }

    /// <summary>The tamper findings as the findings contract's JSON array.</summary>
    public required string Findings { get; set; }

    /// <summary>The worst finding's severity (wire code).</summary>
    public required string Severity { get; set; }

    public TamperChangeState State { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public int Count { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedByName { get; set; }

    public string? Note { get; set; }

    public int Version { get; set; }
}
