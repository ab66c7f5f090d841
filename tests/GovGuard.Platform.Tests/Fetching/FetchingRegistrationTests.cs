using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Tests.Fetching;

public sealed class FetchingRegistrationTests
{
    [Fact]
    public async Task The_server_gets_one_fetcher_its_guard_and_a_crawler()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "ok"));
        var services = new ServiceCollection().AddLogging();
        services.AddGuardedFetching(o => o.AllowedRanges.Add("127.0.0.0/8"), c => c.MaxPages = 5);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        var fetcher = provider.GetRequiredService<GuardedFetcher>();

        Assert.Same(fetcher, provider.GetRequiredService<GuardedFetcher>());
        Assert.Same(fetcher.Guard, provider.GetRequiredService<AddressGuard>());
        Assert.NotNull(provider.GetRequiredService<Crawler>());
        Assert.Equal(SsrfMode.Strict, fetcher.Guard.Policy.Mode);
        Assert.Equal(FetchOutcome.Ok, (await fetcher.GetAsync(server.Url("/"))).Outcome);
        Assert.False(fetcher.ValidateTarget("http://10.0.0.1/").IsAllowed);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fetching:AllowedRanges:0"] = "10.20.0.0/16",
            ["Fetching:MaxBodyBytes"] = "1048576",
            ["Fetching:TotalTimeout"] = "00:00:20",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.Configure<FetchOptions>(config.GetSection("Fetching"));
        services.AddGuardedFetching();
        using var provider = services.BuildServiceProvider();

        var fetcher = provider.GetRequiredService<GuardedFetcher>();

        Assert.True(fetcher.Guard.Check(System.Net.IPAddress.Parse("10.20.1.1")).Allowed);
        Assert.Equal(1048576, provider.GetRequiredService<IOptions<FetchOptions>>().Value.MaxBodyBytes);
    }

    [Fact]
    public void Unusable_options_are_refused_when_read()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddGuardedFetching(o => o.AllowedRanges.Add("not-a-range"));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<GuardedFetcher>());
        Assert.Throws<ArgumentException>(() => new GuardedFetcher(new FetchOptions { MaxRedirects = -1 }));
        Assert.Throws<ArgumentException>(() => new Crawler(new GuardedFetcher(), new CrawlOptions { Exclude = { "(" } }));
    }
}
