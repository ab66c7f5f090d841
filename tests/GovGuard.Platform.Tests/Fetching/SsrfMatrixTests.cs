using System.Net;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Fetching;

/// <summary>
/// The SSRF acceptance of the monitoring issue, end to end through the fetcher: loopback, private,
/// link-local and metadata addresses, IPv6 loopback and mapped forms, numeric spellings, and redirects
/// to each, are refused under the strict policy unless allow-listed — metadata never. A live server listens
/// on 127.0.0.1 behind every loopback spelling, so a guard that let one through would be seen reaching it.
/// Nothing here connects outside loopback: every other address is refused before any connection.
/// </summary>
public sealed class SsrfMatrixTests
{
    public static TheoryData<string, string> Blocked() => new()
    {
        { "127.0.0.1", "ssrf.loopback" },
        { "127.0.0.2", "ssrf.loopback" },
        { "127.255.255.254", "ssrf.loopback" },
        { "localhost", "ssrf.loopback" },
        { "app.localhost", "ssrf.loopback" },
        { "127.0.0.1.", "ssrf.loopback" },
        { "2130706433", "ssrf.loopback" },
        { "0177.0.0.1", "ssrf.loopback" },
        { "017700000001", "ssrf.loopback" },
        { "0x7f000001", "ssrf.loopback" },
        { "0x7f.1", "ssrf.loopback" },
        { "127.1", "ssrf.loopback" },
        { "[::1]", "ssrf.loopback" },
        { "[::ffff:127.0.0.1]", "ssrf.loopback" },
        { "[::ffff:7f00:1]", "ssrf.loopback" },
        { "[::127.0.0.1]", "ssrf.ipv4-compatible" },
        { "0.0.0.0", "ssrf.unspecified" },
        { "0", "ssrf.unspecified" },
        { "[::]", "ssrf.unspecified" },
        { "10.0.0.1", "ssrf.private" },
        { "10.255.255.255", "ssrf.private" },
        { "167772161", "ssrf.private" },
        { "172.16.0.1", "ssrf.private" },
        { "172.31.255.254", "ssrf.private" },
        { "192.168.1.1", "ssrf.private" },
        { "0300.0250.1.1", "ssrf.private" },
        { "[::ffff:192.168.1.1]", "ssrf.private" },
        { "100.64.0.1", "ssrf.shared" },
        { "169.254.1.1", "ssrf.link-local" },
        { "169.254.169.254", "ssrf.metadata" },
        { "0xa9fea9fe", "ssrf.metadata" },
        { "[::ffff:169.254.169.254]", "ssrf.metadata" },
        { "169.254.170.2", "ssrf.metadata" },
        { "100.100.100.200", "ssrf.metadata" },
        { "[fd00:ec2::254]", "ssrf.metadata" },
        { "[64:ff9b::a9fe:a9fe]", "ssrf.metadata" },
        { "198.18.0.1", "ssrf.benchmarking" },
        { "192.0.2.1", "ssrf.documentation" },
        { "224.0.0.1", "ssrf.multicast" },
        { "255.255.255.255", "ssrf.reserved" },
        { "[fe80::1]", "ssrf.link-local" },
        { "[fc00::1]", "ssrf.unique-local" },
        { "[fd12:3456::1]", "ssrf.unique-local" },
        { "[ff02::1]", "ssrf.multicast" },
        { "[64:ff9b::a00:1]", "ssrf.private" },
        { "[2002:7f00:1::1]", "ssrf.loopback" },
        { "[2002:c0a8:101::1]", "ssrf.private" },
        { "[2001::1]", "ssrf.teredo" },
    };

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_blocked_target_is_refused_under_the_strict_policy(string host, string rule)
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "reached"));
        using var fetcher = TestFetchers.Strict([]);

        var result = await fetcher.GetAsync($"http://{host}:{server.Port}/");

        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Equal(rule, result.Error!.Rule);
        Assert.Empty(server.Requests);
        Assert.False(fetcher.ValidateTarget($"http://{host}:{server.Port}/").IsAllowed);
    }

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task A_redirect_to_a_blocked_target_is_refused_under_the_strict_policy(string host, string rule)
    {
        await using var target = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "reached"));
        // The redirecting site is the only address allow-listed: 127.0.0.2, not 127.0.0.1 behind the spellings.
        await using var site = await LocalWebServer.StartAsync(app => app.MapGet("/go", () => Results.Redirect($"http://{host}:{target.Port}/")), IPAddress.Parse("127.0.0.2"));
        using var fetcher = TestFetchers.Strict(["127.0.0.2/32"]);

        var result = await fetcher.GetAsync(site.Url("/go"));

        if (host == "127.0.0.2")
        {
            // The one spelling of the allow-listed address itself: allowed, and nothing listens on that port there.
            Assert.Equal(FetchOutcome.ConnectFailed, result.Outcome);
            return;
        }

        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Equal(rule, result.Error!.Rule);
        Assert.Single(result.Redirects);
        Assert.Equal(["/go"], site.Requests);
        Assert.Empty(target.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("2130706433")]
    [InlineData("0177.0.0.1")]
    [InlineData("017700000001")]
    [InlineData("0x7f000001")]
    [InlineData("0x7f.1")]
    [InlineData("127.1")]
    [InlineData("127.0.0.1.")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::ffff:7f00:1]")]
    public async Task Every_spelling_of_loopback_is_reached_once_127_0_0_0_8_is_allow_listed(string host)
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "reached"));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync($"http://{host}:{server.Port}/");

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal("reached", result.Text);
    }

    [Fact]
    public async Task Ipv6_loopback_is_reached_only_when_its_own_range_is_allow_listed()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "six"), IPAddress.IPv6Loopback);
        using var v4Only = TestFetchers.Loopback();
        using var withV6 = TestFetchers.Strict(["::1/128"]);

        var refused = await v4Only.GetAsync(server.Url("/"));
        var reached = await withV6.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.Refused, refused.Outcome);
        Assert.Equal(FetchOutcome.Ok, reached.Outcome);
        Assert.Equal("six", reached.Text);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://0xa9fea9fe/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("http://169.254.170.2/v2/credentials")]
    [InlineData("http://169.254.0.23/")]
    [InlineData("http://100.100.100.200/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/")]
    [InlineData("http://168.63.129.16/")]
    public async Task Metadata_stays_refused_even_when_everything_is_allow_listed(string url)
    {
        // Checked without fetching: with everything allow-listed a wrong answer would mean a real connection.
        var guard = new AddressGuard(SsrfPolicy.StrictAllowing("0.0.0.0/0", "::/0"));
        var resolver = new MapResolver().Map("metadata.test", [new Uri(url).DnsSafeHost]);

        var saved = guard.ValidateTarget(url);
        var resolved = await guard.ValidateTargetAsync("http://metadata.test/", resolver);

        Assert.Equal("ssrf.metadata", saved.Rule);
        Assert.False(saved.IsAllowed);
        Assert.Equal("ssrf.metadata", resolved.Rule);
        Assert.False(resolved.IsAllowed);
    }

    [Fact]
    public async Task Metadata_behind_a_name_is_refused_by_the_fetcher_even_with_link_local_allow_listed()
    {
        var resolver = new MapResolver().Map("metadata.google.internal", ["169.254.169.254"]);
        using var fetcher = TestFetchers.Strict(["169.254.0.0/16"], resolver: resolver);

        var result = await fetcher.GetAsync("http://metadata.google.internal/computeMetadata/v1/");

        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Equal("ssrf.metadata", result.Error!.Rule);
    }

    [Fact]
    public async Task The_operator_policy_reaches_loopback_but_not_metadata_or_other_schemes()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "cli"));
        using var fetcher = new GuardedFetcher(FetchOptions.ForOperator());

        var loopback = await fetcher.GetAsync(server.Url("/"));
        var spelled = await fetcher.GetAsync($"http://2130706433:{server.Port}/");
        var metadata = await fetcher.GetAsync("http://169.254.169.254/latest/meta-data/");
        var file = await fetcher.GetAsync("file:///etc/passwd");

        Assert.Equal(FetchOutcome.Ok, loopback.Outcome);
        Assert.Equal(FetchOutcome.Ok, spelled.Outcome);
        Assert.Equal("ssrf.metadata", metadata.Error!.Rule);
        Assert.Equal("url.scheme", file.Error!.Rule);
    }
}
