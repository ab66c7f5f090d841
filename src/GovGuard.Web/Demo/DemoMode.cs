using GovGuard.Web.Hosting;

namespace GovGuard.Web.Demo;

/// <summary>How <c>govguard serve --demo</c> runs: how long until the defacement, how often the monitors look.</summary>
public sealed class DemoOptions
{
    /// <summary>When the defaced site turns, counted from start (a minute in the demo; tests shorten it).</summary>
    public TimeSpan DefaceAfter { get; set; } = TimeSpan.FromMinutes(1);

    public DemoIntervals Intervals { get; set; } = new();
}

/// <summary>
/// <c>govguard serve --demo</c>: starts the demo sites before the server is built (so that exactly their
/// endpoints are allow-listed for the fetcher and short intervals are allowed), then seeds the demo once the
/// database is ready. Dispose after the server stopped.
/// </summary>
public sealed class DemoMode : IAsyncDisposable
{
    private readonly DemoOptions demo;

    private DemoMode(DemoSites sites, DemoOptions demo)
    {
        Sites = sites;
        this.demo = demo;
    }

    public DemoSites Sites { get; }

    /// <summary>Starts the demo sites and prepares <paramref name="options"/> for them (allow-listed endpoints, short intervals).</summary>
    public static async Task<DemoMode> StartAsync(GovGuardWebOptions options, DemoOptions demo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(demo);
        var portFile = Path.Combine(Path.GetFullPath(options.Database.DataDirectory), "demo-sites.json");
        var sites = await DemoSites.StartAsync(portFile, demo.DefaceAfter, null, ct).ConfigureAwait(false);
        var existing = options.Settings.Keys.Count(k => k.StartsWith("Fetching:AllowedEndpoints:", StringComparison.OrdinalIgnoreCase));
        foreach (var (endpoint, i) in sites.Endpoints.Select((e, i) => (e, i)))
        {
            options.Settings[$"Fetching:AllowedEndpoints:{existing + i}"] = endpoint;
        }

        var shortest = new[] { demo.Intervals.Availability, demo.Intervals.Tamper, demo.Intervals.Content }.Min();
        options.Monitoring.MinimumIntervalSeconds = Math.Min(options.Monitoring.MinimumIntervalSeconds, Math.Max(1, shortest));
        return new DemoMode(sites, demo);
    }

    /// <summary>
    /// Seeds the demo into the started server, then starts the countdown to the defacement, so that the tamper
    /// monitor's first look (its baseline) is the clean page.
    /// </summary>
    public async Task<DemoSeedResult> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var seeded = await DemoSeeder.SeedAsync(services, Sites, demo.Intervals, ct).ConfigureAwait(false);
        Sites.StartClock();
        return seeded;
    }

    public ValueTask DisposeAsync() => Sites.DisposeAsync();
}
