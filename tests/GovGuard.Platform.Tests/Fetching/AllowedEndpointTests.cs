using System.Net;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;

namespace GovGuard.Platform.Tests.Fetching;

/// <summary>An exact address-and-port allow-list (the demo's own sites) opens that endpoint and nothing beside it.</summary>
public sealed class AllowedEndpointTests
{
    [Fact]
    public async Task Only_the_allow_listed_port_of_loopback_is_fetched()
    {
        await using var allowed = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "演示网站"));
        await using var other = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "别的服务"));
        using var fetcher = new GuardedFetcher(new FetchOptions { AllowedEndpoints = { $"127.0.0.1:{allowed.Port}" } });

        var ok = await fetcher.GetAsync(allowed.Url("/"));
        Assert.Equal(FetchOutcome.Ok, ok.Outcome);
        Assert.Equal("演示网站", ok.Text);

        var refused = await fetcher.GetAsync(other.Url("/"));
        Assert.Equal(FetchOutcome.Refused, refused.Outcome);
        Assert.Equal("ssrf.loopback", refused.Error!.Rule);
        Assert.Empty(other.Requests);

        // The same port under another loopback spelling of the name is still that endpoint; another address is not.
        Assert.True(fetcher.ValidateTarget($"http://localhost:{allowed.Port}/").IsAllowed);
        Assert.False(fetcher.ValidateTarget($"http://127.0.0.2:{allowed.Port}/").IsAllowed);
    }

    [Fact]
    public void Metadata_stays_refused_and_an_endpoint_needs_a_port()
    {
        var guard = new AddressGuard(SsrfPolicy.Strict with { AllowedEndpoints = SsrfPolicy.ParseEndpoints(["169.254.169.254:80", "127.0.0.1:41234"]) });
        Assert.Equal("ssrf.metadata", guard.Check(IPAddress.Parse("169.254.169.254"), 80).Rule);
        Assert.True(guard.Check(IPAddress.Parse("127.0.0.1"), 41234).Allowed);
        Assert.True(guard.Check(IPAddress.Parse("::ffff:127.0.0.1"), 41234).Allowed);
        Assert.False(guard.Check(IPAddress.Parse("127.0.0.1"), 41235).Allowed);
        Assert.False(guard.Check(IPAddress.Parse("127.0.0.1")).Allowed);

        Assert.Throws<FormatException>(() => SsrfPolicy.ParseEndpoints(["127.0.0.1"]));
        Assert.Throws<FormatException>(() => SsrfPolicy.ParseEndpoints(["127.0.0.0/8"]));
        Assert.NotEmpty(new FetchOptions { AllowedEndpoints = { "localhost:80" } }.Validate());
    }
}
