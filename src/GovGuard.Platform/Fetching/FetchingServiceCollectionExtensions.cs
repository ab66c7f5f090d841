using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Fetching;

/// <summary>Registers the guarded fetcher, its guard and the crawler for the server.</summary>
public static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GuardedFetcher"/> (one per process, owning its handlers), <see cref="AddressGuard"/>
    /// (to check URLs when monitors are saved) and <see cref="Crawler"/>. Options are validated on start;
    /// bind them from configuration with <c>services.Configure&lt;FetchOptions&gt;(config.GetSection("Fetching"))</c>.
    /// The resolver and the clock can be replaced by registering <see cref="IHostResolver"/> or <see cref="TimeProvider"/> first.
    /// </summary>
    public static IServiceCollection AddGuardedFetching(this IServiceCollection services, Action<FetchOptions>? configure = null, Action<CrawlOptions>? configureCrawl = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var fetch = services.AddOptions<FetchOptions>();
        if (configure is not null)
        {
            fetch.Configure(configure);
        }

        fetch.Validate(o => o.Validate().Count == 0, "Fetching options are not usable: check the limits and the allowed ranges.").ValidateOnStart();
        var crawl = services.AddOptions<CrawlOptions>();
        if (configureCrawl is not null)
        {
            crawl.Configure(configureCrawl);
        }

        crawl.Validate(o => o.Validate().Count == 0, "Crawl options are not usable: check the limits and the exclusion patterns.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        services.TryAddSingleton(sp => new GuardedFetcher(
            sp.GetRequiredService<IOptions<FetchOptions>>().Value,
            sp.GetRequiredService<IHostResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<GuardedFetcher>>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<GuardedFetcher>().Guard);
        services.TryAddSingleton(sp => new Crawler(
            sp.GetRequiredService<GuardedFetcher>(),
            sp.GetRequiredService<IOptions<CrawlOptions>>().Value,
            sp.GetService<ILogger<Crawler>>()));
        return services;
    }
}
