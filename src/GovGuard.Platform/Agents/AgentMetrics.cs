using System.Text;
using GovGuard.Detection.Resources;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Agents;

/// <summary>
/// One push of resource metrics by an agent (GB/T 38249 7.4.2 a, 7.4.5, 7.2.2 h): the lines of the Prometheus text
/// that the thresholds read (CPU, memory, file systems, network), as received. The two latest per agent are kept:
/// rates need two samples, and being in the database they survive a restart or a move to another node.
/// </summary>
public sealed class ResourcePush
{
    public long Id { get; set; }

    public Guid AgentId { get; set; }

    /// <summary>When the server received it (the agent's clock is not trusted for rates).</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The wanted metric lines of the pushed text.</summary>
    public required string Metrics { get; set; }
}

internal sealed class ResourcePushConfiguration : IEntityTypeConfiguration<ResourcePush>
{
    public void Configure(EntityTypeBuilder<ResourcePush> b)
    {
        b.ToTable("resource_pushes");
        b.Property(p => p.Metrics).HasMaxLength(AgentMetrics.MaxStoredChars);
        b.HasOne<Agent>().WithMany().HasForeignKey(p => p.AgentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.AgentId, p.ReceivedAt });
    }
}

/// <summary>
/// Takes resource metrics pushed by an agent (<c>POST /api/v1/agent/metrics</c>, node_exporter's text format) for
/// the resource monitors whose target is <c>agent://{agent id}</c>: for servers the monitoring node cannot reach
/// (intranet hosts, no inbound port for node_exporter), the agent sends what a scrape would have read.
/// </summary>
public sealed class AgentMetrics(IDbContextFactory<GovGuardDbContext> factory, TimeProvider time)
{
    /// <summary>The largest body accepted (node_exporter's full page is usually 50–200 KB).</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The most characters kept of one push after the unwanted lines are dropped.</summary>
    public const int MaxStoredChars = 512 * 1024;

    /// <summary>The target scheme of a resource monitor fed by pushes.</summary>
    public const string TargetScheme = "agent";

    private static readonly string[] WantedPrefixes =
    [
        "node_cpu_seconds_total", "node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes", "node_filesystem_size_bytes",
        "node_filesystem_avail_bytes", "node_network_receive_bytes_total", "node_network_transmit_bytes_total",
    ];

    /// <summary>The target of a resource monitor that reads the pushes of <paramref name="agentId"/>.</summary>
    public static string Target(Guid agentId) => $"{TargetScheme}://{agentId:D}";

    /// <summary>The agent a resource monitor's target names, or null when it is a scrape URL.</summary>
    public static Guid? AgentOf(string? target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var u) && u.Scheme == TargetScheme && Guid.TryParse(u.Host, out var id) ? id : null;

    /// <summary>Stores a push of <paramref name="agent"/>; refused (field <c>body</c>) when it holds none of the metrics the thresholds read.</summary>
    public async Task<Outcome<ResourcePushReceipt>> PushAsync(Agent agent, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var now = time.GetUtcNow();
        var kept = Essentials(text ?? string.Empty);
        var snapshot = ResourceSnapshot.FromNodeExporter(kept, now, out var malformed);
        var v = new Validation();
        if (snapshot.MemoryTotalBytes is null && snapshot.CpuTotalSeconds is null && snapshot.Filesystems.Count == 0)
        {
            v.Add("body", "node_exporter", "请求体（body）中没有 node_exporter 的 CPU、内存或磁盘指标（Prometheus 文本格式）。",
                "The body (body) carries no node_exporter CPU, memory or disk metrics (Prometheus text format).");
        }
        else if (kept.Length > MaxStoredChars)
        {
            v.Add("body", "max_length", $"请求体（body）中所需指标超过 {MaxStoredChars / 1024} KB。", $"The wanted metrics of the body (body) exceed {MaxStoredChars / 1024} KB.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
        db.ResourcePushes.Add(new ResourcePush { AgentId = agent.Id, ReceivedAt = now, Metrics = kept });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        var keep = await db.ResourcePushes.Where(p => p.AgentId == agent.Id).OrderByDescending(p => p.Id).Select(p => p.Id).Take(2).ToListAsync(ct).ConfigureAwait(false);
        var oldest = keep.Min();
        await db.ResourcePushes.Where(p => p.AgentId == agent.Id && p.Id < oldest).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new ResourcePushReceipt(now, malformed);
    }

    /// <summary>The latest push of <paramref name="agentId"/> and the one before it (either may be null).</summary>
    public async Task<(ResourceSnapshot? Latest, ResourceSnapshot? Before)> LatestAsync(Guid agentId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await db.ResourcePushes.AsNoTracking().Where(p => p.AgentId == agentId).OrderByDescending(p => p.Id).Take(2)
            .Select(p => new { p.ReceivedAt, p.Metrics }).ToListAsync(ct).ConfigureAwait(false);
        var snapshots = rows.Select(r => ResourceSnapshot.FromNodeExporter(r.Metrics, r.ReceivedAt, out _)).ToList();
        return (snapshots.ElementAtOrDefault(0), snapshots.ElementAtOrDefault(1));
    }

    /// <summary>The lines of <paramref name="text"/> that name a wanted metric (comments and everything else dropped).</summary>
    internal static string Essentials(string text)
    {
        var sb = new StringBuilder();
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range).TrimEnd('\r');
            foreach (var prefix in WantedPrefixes)
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal) && line.Length > prefix.Length && line[prefix.Length] is '{' or ' ')
                {
                    sb.Append(line).Append('\n');
                    break;
                }
            }
        }

        return sb.ToString();
    }
}

/// <summary>The answer to a push: when it was taken and how many of its kept lines did not parse.</summary>
public sealed record ResourcePushReceipt(DateTimeOffset ReceivedAt, int Malformed);
