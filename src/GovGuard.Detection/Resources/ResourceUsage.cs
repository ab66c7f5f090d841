using System.Globalization;
using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Resources;

/// <summary>What one scrape of a node_exporter endpoint says, reduced to what the thresholds need.</summary>
/// <param name="At">When it was taken.</param>
/// <param name="CpuIdleSeconds">node_cpu_seconds_total in mode idle, summed over CPUs (a counter).</param>
/// <param name="CpuTotalSeconds">node_cpu_seconds_total over every mode and CPU (a counter).</param>
/// <param name="MemoryTotalBytes">node_memory_MemTotal_bytes.</param>
/// <param name="MemoryAvailableBytes">node_memory_MemAvailable_bytes.</param>
/// <param name="Filesystems">Size and available bytes per mount point (real file systems only).</param>
/// <param name="ReceivedBytes">node_network_receive_bytes_total per device (counters; loopback left out).</param>
/// <param name="TransmittedBytes">node_network_transmit_bytes_total per device.</param>
public sealed record ResourceSnapshot(
    DateTimeOffset At,
    double? CpuIdleSeconds,
    double? CpuTotalSeconds,
    double? MemoryTotalBytes,
    double? MemoryAvailableBytes,
    IReadOnlyDictionary<string, (double Size, double Available)> Filesystems,
    IReadOnlyDictionary<string, double> ReceivedBytes,
    IReadOnlyDictionary<string, double> TransmittedBytes)
{
    private static readonly HashSet<string> Wanted = new(StringComparer.Ordinal)
    {
        "node_cpu_seconds_total", "node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes",
        "node_filesystem_size_bytes", "node_filesystem_avail_bytes", "node_network_receive_bytes_total", "node_network_transmit_bytes_total",
    };

    private static readonly HashSet<string> PseudoFilesystems = new(StringComparer.Ordinal)
    {
        "tmpfs", "devtmpfs", "ramfs", "squashfs", "proc", "sysfs", "cgroup", "cgroup2", "overlay", "nsfs", "autofs", "fuse.lxcfs", "devpts", "mqueue", "tracefs", "debugfs",
    };

    /// <summary>Reads a snapshot from node_exporter's text; <paramref name="malformed"/> counts lines that did not parse.</summary>
    public static ResourceSnapshot FromNodeExporter(string text, DateTimeOffset at, out int malformed)
    {
        var samples = PrometheusText.Parse(text, Wanted, out malformed);
        double? idle = null, total = null, memTotal = null, memAvail = null;
        var size = new Dictionary<string, double>(StringComparer.Ordinal);
        var avail = new Dictionary<string, double>(StringComparer.Ordinal);
        var rx = new Dictionary<string, double>(StringComparer.Ordinal);
        var tx = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in samples)
        {
            if (double.IsNaN(s.Value) || double.IsInfinity(s.Value))
            {
                continue;
            }

            switch (s.Name)
            {
                case "node_cpu_seconds_total":
                    total = (total ?? 0) + s.Value;
                    if (s.Label("mode") == "idle")
                    {
                        idle = (idle ?? 0) + s.Value;
                    }

                    break;
                case "node_memory_MemTotal_bytes":
                    memTotal = s.Value;
                    break;
                case "node_memory_MemAvailable_bytes":
                    memAvail = s.Value;
                    break;
                case "node_filesystem_size_bytes" when !PseudoFilesystems.Contains(s.Label("fstype")):
                    size[s.Label("mountpoint")] = s.Value;
                    break;
                case "node_filesystem_avail_bytes" when !PseudoFilesystems.Contains(s.Label("fstype")):
                    avail[s.Label("mountpoint")] = s.Value;
                    break;
                case "node_network_receive_bytes_total" when s.Label("device") != "lo":
                    rx[s.Label("device")] = s.Value;
                    break;
                case "node_network_transmit_bytes_total" when s.Label("device") != "lo":
                    tx[s.Label("device")] = s.Value;
                    break;
            }
        }

        var fs = size.Where(p => p.Value > 0 && avail.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => (p.Value, avail[p.Key]), StringComparer.Ordinal);
        return new ResourceSnapshot(at, idle, total, memTotal, memAvail, fs, rx, tx);
    }
}

/// <summary>The limits of a resource monitor; null switches a limit off.</summary>
public sealed record ResourceLimits(double? CpuPercent, double? MemoryPercent, double? DiskPercent, double? ReceiveMbps, double? TransmitMbps);

/// <summary>What the thresholds saw: the figures, and a <c>resource.threshold</c> finding per crossed limit.</summary>
public sealed record ResourceVerdict(double? CpuPercent, double? MemoryPercent, IReadOnlyDictionary<string, double> DiskPercent,
    IReadOnlyDictionary<string, double> ReceiveMbps, IReadOnlyDictionary<string, double> TransmitMbps, IReadOnlyList<Finding> Findings)
{
    /// <summary>False when the rates (CPU, bandwidth) could not be computed yet: they need two samples.</summary>
    public bool HasRates { get; init; }
}

/// <summary>
/// Thresholds on CPU, memory, disk and bandwidth (GB/T 38249 7.4.2 a, 7.4.5, 7.2.2 h). CPU and bandwidth come from
/// counters, so they are rates between two snapshots; memory and disk are read from one. A counter that went
/// backwards (the exporter restarted) gives no rate for that pair.
/// </summary>
public static class ResourceThresholds
{
    public const string RuleCpu = "resource.cpu";
    public const string RuleMemory = "resource.memory";
    public const string RuleDisk = "resource.disk";
    public const string RuleReceive = "resource.bandwidth_in";
    public const string RuleTransmit = "resource.bandwidth_out";

    public static ResourceVerdict Evaluate(string target, ResourceSnapshot now, ResourceSnapshot? before, ResourceLimits limits, MessageLanguage language = MessageLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(limits);
        var findings = new List<Finding>();
        double? cpu = null;
        var seconds = before is null ? 0 : (now.At - before.At).TotalSeconds;
        var hasRates = before is not null && seconds > 0;
        if (hasRates && now.CpuTotalSeconds is { } t1 && before!.CpuTotalSeconds is { } t0 && now.CpuIdleSeconds is { } i1 && before.CpuIdleSeconds is { } i0
            && t1 > t0 && i1 >= i0)
        {
            cpu = Math.Clamp(100.0 * (1 - ((i1 - i0) / (t1 - t0))), 0, 100);
        }

        double? memory = now.MemoryTotalBytes is > 0 && now.MemoryAvailableBytes is { } a ? Math.Clamp(100.0 * (1 - (a / now.MemoryTotalBytes.Value)), 0, 100) : null;
        var disks = now.Filesystems.ToDictionary(p => p.Key, p => Math.Clamp(100.0 * (1 - (p.Value.Available / p.Value.Size)), 0, 100), StringComparer.Ordinal);
        var rx = hasRates ? Rates(now.ReceivedBytes, before!.ReceivedBytes, seconds) : new Dictionary<string, double>();
        var tx = hasRates ? Rates(now.TransmittedBytes, before!.TransmittedBytes, seconds) : new Dictionary<string, double>();

        Check(findings, target, null, RuleCpu, cpu, limits.CpuPercent, "%", language.Pick("CPU 使用率", "CPU usage"));
        Check(findings, target, null, RuleMemory, memory, limits.MemoryPercent, "%", language.Pick("内存使用率", "Memory usage"));
        foreach (var (mount, used) in disks.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Check(findings, target, mount, RuleDisk, used, limits.DiskPercent, "%", language.Pick($"磁盘 {mount} 使用率", $"Disk {mount} usage"));
        }

        foreach (var (device, mbps) in rx.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Check(findings, target, device, RuleReceive, mbps, limits.ReceiveMbps, " Mbit/s", language.Pick($"网卡 {device} 入流量", $"Inbound traffic on {device}"));
        }

        foreach (var (device, mbps) in tx.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Check(findings, target, device, RuleTransmit, mbps, limits.TransmitMbps, " Mbit/s", language.Pick($"网卡 {device} 出流量", $"Outbound traffic on {device}"));
        }

        return new ResourceVerdict(cpu, memory, disks, rx, tx, findings) { HasRates = hasRates };
    }

    private static Dictionary<string, double> Rates(IReadOnlyDictionary<string, double> now, IReadOnlyDictionary<string, double> before, double seconds)
    {
        var r = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (device, bytes) in now)
        {
            if (before.TryGetValue(device, out var b) && bytes >= b)
            {
                r[device] = (bytes - b) * 8 / seconds / 1_000_000;
            }
        }

        return r;
    }

    private static void Check(List<Finding> findings, string target, string? part, string rule, double? value, double? limit, string unit, string what)
    {
        if (value is not { } v || limit is not { } l || v <= l)
        {
            return;
        }

        var figure = string.Create(CultureInfo.InvariantCulture, $"{v:0.#}{unit} > {l:0.#}{unit}");
        // The part (mount point, network device) goes into the URL so that each one is its own alert.
        findings.Add(new Finding(Categories.ResourceThreshold, Severity.High, target, part is null ? target : $"{target}#{part}", null, null, rule,
            $"{what} {figure}", Finding.Excerpt(figure)));
    }
}
