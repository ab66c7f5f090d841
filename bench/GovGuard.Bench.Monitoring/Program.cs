using System.Globalization;
using GovGuard.Bench.Monitoring;

return args switch
{
    ["probe-rate", var url, var seconds, var concurrency] => await ProbeRate.RunAsync(url, int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture)),
    ["scale", var sites, var interval, var minutes, var dir] => await Scale.RunAsync(int.Parse(sites, CultureInfo.InvariantCulture), int.Parse(interval, CultureInfo.InvariantCulture),
        double.Parse(minutes, CultureInfo.InvariantCulture), dir),
    ["load-data", var sites, var days, var minutes, var seed, var dir, var password, .. var pg] => await LoadData.RunAsync(I(sites), I(days), I(minutes), I(seed), dir, password,
        pg.Length > 0 ? pg[0] : null),
    ["db-size", var dir, .. var pg] => await LoadData.SizeAsync(dir, pg.Length > 0 ? pg[0] : null),
    _ => Usage(),
};

static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: probe-rate URL SECONDS CONCURRENCY | scale SITES INTERVAL_SECONDS MINUTES DATA_DIR | load-data SITES DAYS INTERVAL_MINUTES SEED DATA_DIR PASSWORD [POSTGRES] | db-size DATA_DIR [POSTGRES]");
    return 2;
}
