using System.Globalization;
using System.Text;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>
/// This host's CPU, memory, file systems and network counters in node_exporter's text format, read from Linux's
/// /proc and the mounted file systems: what <c>govguard agent --metrics host</c> pushes when no node_exporter runs.
/// Metric names and labels are node_exporter's, so the server reads both the same way.
/// </summary>
public static class HostMetrics
{
    private static readonly string[] CpuModes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];

    /// <summary>True where the files this reader needs exist (Linux).</summary>
    public static bool Available => File.Exists("/proc/stat") && File.Exists("/proc/meminfo");

    /// <summary>The text of one sample, read from <paramref name="proc"/> (normally /proc).</summary>
    public static string Read(string proc = "/proc")
    {
        var sb = new StringBuilder();
        Cpu(sb, File.ReadAllLines(Path.Combine(proc, "stat")));
        Memory(sb, File.ReadAllLines(Path.Combine(proc, "meminfo")));
        FileSystems(sb);
        var netDev = Path.Combine(proc, "net", "dev");
        if (File.Exists(netDev))
        {
            Network(sb, File.ReadAllLines(netDev));
        }

        return sb.ToString();
    }

    internal static void Cpu(StringBuilder sb, IEnumerable<string> stat)
    {
        // "cpuN user nice system idle iowait irq softirq steal …" in clock ticks (USER_HZ, 100 on Linux).
        foreach (var line in stat)
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || !char.IsAsciiDigit(line[3]))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cpu = parts[0][3..];
            for (var i = 0; i < CpuModes.Length && i + 1 < parts.Length; i++)
            {
                if (double.TryParse(parts[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ticks))
                {
                    Sample(sb, "node_cpu_seconds_total", ("cpu", cpu), ("mode", CpuModes[i]), ticks / 100.0);
                }
            }
        }
    }

    internal static void Memory(StringBuilder sb, IEnumerable<string> meminfo)
    {
        foreach (var line in meminfo)
        {
            var name = line.StartsWith("MemTotal:", StringComparison.Ordinal) ? "node_memory_MemTotal_bytes"
                : line.StartsWith("MemAvailable:", StringComparison.Ordinal) ? "node_memory_MemAvailable_bytes" : null;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (name is not null && parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var kb))
            {
                sb.Append(name).Append(' ').Append((kb * 1024).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
    }

    internal static void Network(StringBuilder sb, IEnumerable<string> dev)
    {
        // "  eth0: rx_bytes rx_packets … (8 receive fields) tx_bytes …"
        foreach (var line in dev)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var device = line[..colon].Trim();
            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rx)
                || !double.TryParse(fields[8], NumberStyles.Float, CultureInfo.InvariantCulture, out var tx))
            {
                continue;
            }

            Sample(sb, "node_network_receive_bytes_total", ("device", device), null, rx);
            Sample(sb, "node_network_transmit_bytes_total", ("device", device), null, tx);
        }
    }

    private static void FileSystems(StringBuilder sb)
    {
        foreach (var drive in DriveInfo.GetDrives())
        {
            try
            {
                if (!drive.IsReady || drive.TotalSize <= 0)
                {
                    continue;
                }

                var fstype = drive.DriveFormat;
                Sample(sb, "node_filesystem_size_bytes", ("mountpoint", drive.RootDirectory.FullName), ("fstype", fstype), drive.TotalSize);
                Sample(sb, "node_filesystem_avail_bytes", ("mountpoint", drive.RootDirectory.FullName), ("fstype", fstype), drive.AvailableFreeSpace);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A mount this user may not read (or one that went away): left out, as node_exporter does.
            }
        }
    }

    private static void Sample(StringBuilder sb, string name, (string Name, string Value) a, (string Name, string Value)? b, double value)
    {
        sb.Append(name).Append('{').Append(a.Name).Append("=\"").Append(Escape(a.Value)).Append('"');
        if (b is { } second)
        {
            sb.Append(',').Append(second.Name).Append("=\"").Append(Escape(second.Value)).Append('"');
        }

        sb.Append("} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string v) => v.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
