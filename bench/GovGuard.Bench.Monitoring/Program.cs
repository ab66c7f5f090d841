using System.Globalization;
using GovGuard.Bench.Monitoring;

return args switch
{
    ["probe-rate", var url, var seconds, var concurrency] => await ProbeRate.RunAsync(url, int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture)),
    ["scale", var sites, var interval, var minutes, var dir] => await Scale.RunAsync(int.Parse(sites, CultureInfo.InvariantCulture), int.Parse(interval, CultureInfo.InvariantCulture),
        double.Parse(minutes, CultureInfo.InvariantCulture), dir),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: probe-rate URL SECONDS CONCURRENCY | scale SITES INTERVAL_SECONDS MINUTES DATA_DIR");
    return 2;
}
