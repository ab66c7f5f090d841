using System.Globalization;
using GovGuard.Bench.Monitoring;

return args switch
{
    ["probe-rate", var url, var seconds, var concurrency] => await ProbeRate.RunAsync(url, int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: probe-rate URL SECONDS CONCURRENCY");
    return 2;
}
