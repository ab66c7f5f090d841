namespace GovGuard.Platform.Monitoring;

/// <summary>
/// How the monitoring engine runs. The defaults are the embedded mode: one silo in the <c>serve</c> process,
/// localhost clustering on free ports, in-memory reminders and grain storage. <see cref="Redis"/> switches to
/// cluster mode (Redis membership, reminders and grain storage; application data in PostgreSQL).
/// </summary>
public sealed class MonitoringOptions
{
    /// <summary>Runs the silo and the checks; off only for hosts that serve the API alone.</summary>
    public bool Engine { get; set; } = true;

    /// <summary>A Redis connection (<c>host:port</c>, StackExchange.Redis syntax) for cluster mode; null for embedded.</summary>
    public string? Redis { get; set; }

    /// <summary>Silo-to-silo port; 0 picks a free one (embedded default), cluster default 11111.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port; 0 picks a free one (embedded default), cluster default 30000.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other silos reach this one at (cluster mode); default 127.0.0.1.</summary>
    public string? AdvertisedAddress { get; set; }

    public string ClusterId { get; set; } = "govguard";

    public string ServiceId { get; set; } = "govguard";

    /// <summary>The shortest interval a monitor may have. 30 s in production; tests lower it.</summary>
    public int MinimumIntervalSeconds { get; set; } = 30;

    /// <summary>Probes running at once in this silo.</summary>
    public int GlobalConcurrency { get; set; } = 64;

    /// <summary>Probes running at once against one host.</summary>
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>Results written per database round trip at most.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Longest wait for a batch to fill.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Period of the reminder that keeps each monitor's grain scheduled (Orleans' minimum is one minute).</summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsCluster => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The problems of these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MinimumIntervalSeconds < 1)
        {
            problems.Add($"{nameof(MinimumIntervalSeconds)} must be at least 1.");
        }

        if (GlobalConcurrency < 1 || PerHostConcurrency < 1)
        {
            problems.Add("Concurrency limits must be at least 1.");
        }

        if (BatchSize < 1 || BatchWindow <= TimeSpan.Zero)
        {
            problems.Add("The result batch size and window must be positive.");
        }

        if (SiloPort is < 0 or > 65535 || GatewayPort is < 0 or > 65535)
        {
            problems.Add("Silo and gateway ports must be between 0 and 65535.");
        }

        if (AdvertisedAddress is not null && !System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            problems.Add($"{nameof(AdvertisedAddress)} must be an IP address.");
        }

        return problems;
    }
}
