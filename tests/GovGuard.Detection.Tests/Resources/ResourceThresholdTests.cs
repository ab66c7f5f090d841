using GovGuard.Detection.Findings;
using GovGuard.Detection.Resources;

namespace GovGuard.Detection.Tests.Resources;

public sealed class ResourceThresholdTests
{
    private const string Target = "http://10.0.0.5:9100/metrics";

    private static readonly ResourceLimits Limits = new(CpuPercent: 80, MemoryPercent: 90, DiskPercent: 85, ReceiveMbps: 100, TransmitMbps: null);

    private static string Text(double idle, double user, double rx, double memAvailable = 4e9, double rootAvail = 50e9) => $$"""
        # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle"} {{idle}}
        node_cpu_seconds_total{cpu="0",mode="user"} {{user}}
        node_memory_MemTotal_bytes 8e9
        node_memory_MemAvailable_bytes {{memAvailable}}
        node_filesystem_size_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} 100e9
        node_filesystem_avail_bytes{device="/dev/vda1",fstype="ext4",mountpoint="/"} {{rootAvail}}
        node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 100
        node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 0
        node_network_receive_bytes_total{device="eth0"} {{rx}}
        node_network_receive_bytes_total{device="lo"} 9e15
        node_network_transmit_bytes_total{device="eth0"} 1 1733126400000
        this line is not a sample
        """;

    private static ResourceSnapshot Snap(string text, int second) =>
        ResourceSnapshot.FromNodeExporter(text, DateTimeOffset.UnixEpoch.AddSeconds(second), out _);

    [Fact]
    public void Labels_with_escapes_timestamps_and_bad_lines_are_read_as_the_format_says()
    {
        var samples = PrometheusText.Parse("a{path=\"C:\\\\x\",q=\"say \\\"hi\\\"\"} 1.5e3 1700000000\nb 2\n{broken\nc{x=\"1\" 3\nd NaN\n", null, out var malformed);
        Assert.Equal(["a", "b", "d"], samples.Select(s => s.Name));
        Assert.Equal("C:\\x", samples[0].Label("path"));
        Assert.Equal("say \"hi\"", samples[0].Label("q"));
        Assert.Equal(1500, samples[0].Value);
        Assert.True(double.IsNaN(samples[2].Value));
        Assert.Equal(2, malformed);
    }

    [Fact]
    public void Cpu_and_bandwidth_need_two_scrapes_memory_and_disk_one()
    {
        var first = ResourceThresholds.Evaluate(Target, Snap(Text(100, 100, 0, memAvailable: 0.4e9, rootAvail: 5e9), 0), null, Limits);
        Assert.False(first.HasRates);
        Assert.Null(first.CpuPercent);
        Assert.Equal([ResourceThresholds.RuleMemory, ResourceThresholds.RuleDisk], first.Findings.Select(f => f.Rule));
        Assert.Equal(95, first.MemoryPercent!.Value, 3);
        Assert.Single(first.DiskPercent);
        Assert.Equal($"{Target}#/", first.Findings[1].Url);
    }

    [Fact]
    public void Busy_cpu_and_heavy_inbound_traffic_between_two_scrapes_cross_their_limits()
    {
        // 10 s: 1 s idle of 10 CPU-seconds (90 % busy); 250 MB in = 200 Mbit/s.
        var before = Snap(Text(100, 100, 0), 0);
        var now = Snap(Text(101, 109, 250_000_000), 10);
        var v = ResourceThresholds.Evaluate(Target, now, before, Limits);
        Assert.True(v.HasRates);
        Assert.Equal(90, v.CpuPercent!.Value, 3);
        Assert.Equal(200, v.ReceiveMbps["eth0"], 3);
        Assert.False(v.ReceiveMbps.ContainsKey("lo"));
        Assert.Equal([ResourceThresholds.RuleCpu, ResourceThresholds.RuleReceive], v.Findings.Select(f => f.Rule));
        Assert.All(v.Findings, f => Assert.Equal(Categories.ResourceThreshold, f.Category));
        Assert.All(v.Findings, f => Assert.Equal(Severity.High, f.Severity));
    }

    [Fact]
    public void A_calm_host_and_a_restarted_exporter_raise_nothing()
    {
        var before = Snap(Text(100, 100, 1_000_000), 0);
        var calm = ResourceThresholds.Evaluate(Target, Snap(Text(108, 102, 2_000_000), 10), before, Limits);
        Assert.Equal(20, calm.CpuPercent!.Value, 3);
        Assert.Empty(calm.Findings);

        // Counters went backwards: no rate for that pair rather than a nonsense one.
        var restarted = ResourceThresholds.Evaluate(Target, Snap(Text(5, 1, 10), 10), before, Limits);
        Assert.Null(restarted.CpuPercent);
        Assert.Empty(restarted.ReceiveMbps);
        Assert.Empty(restarted.Findings);
    }
}
