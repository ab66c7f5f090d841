using GovGuard.Platform.Data;

namespace GovGuard.Web.Hosting;

/// <summary>How <c>govguard serve</c> runs: where it listens and where the data lives. Defaults need no configuration.</summary>
public sealed class GovGuardWebOptions
{
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The monitoring engine: embedded silo by default, a Redis cluster when <c>Redis</c> is set.</summary>
    public Platform.Monitoring.MonitoringOptions Monitoring { get; set; } = new();

    /// <summary>Platform administrators must enrol a second factor (on by default; tests of other things switch it off).</summary>
    public bool RequireAdminTwoFactor { get; set; } = true;

    /// <summary>The clock of the whole host (sessions, throttles, the engine); the system clock unless a test sets one.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Extra configuration (key → value) layered over the defaults, e.g. from the command line.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
}
