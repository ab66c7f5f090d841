using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Tests.Fetching;

/// <summary>Fetchers for tests: strict, with only what a test names allow-listed.</summary>
internal static class TestFetchers
{
    /// <summary>Strict, with 127.0.0.0/8 allow-listed so that local test servers can be reached.</summary>
    public static GuardedFetcher Loopback(Action<FetchOptions>? tweak = null, IHostResolver? resolver = null) =>
        Strict(["127.0.0.0/8"], tweak, resolver);

    public static GuardedFetcher Strict(IEnumerable<string> allowed, Action<FetchOptions>? tweak = null, IHostResolver? resolver = null)
    {
        var options = new FetchOptions { Mode = SsrfMode.Strict };
        foreach (var range in allowed)
        {
            options.AllowedRanges.Add(range);
        }

        // Short limits: the hostile servers should cost the test run seconds, not minutes.
        options.TotalTimeout = TimeSpan.FromSeconds(10);
        options.IdleTimeout = TimeSpan.FromSeconds(5);
        options.ConnectTimeout = TimeSpan.FromSeconds(3);
        tweak?.Invoke(options);
        return new GuardedFetcher(options, resolver);
    }
}
