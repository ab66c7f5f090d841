using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Agents;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.ToTable("agents");
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.SecretHash).HasMaxLength(32);
        b.Property(a => a.LastAgentInfo).HasMaxLength(200);
        b.Property(a => a.FileFindings).HasMaxLength(AgentLimits.FindingsJson);
        b.HasOne<Website>().WithMany().HasForeignKey(a => a.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Monitoring.Monitor>().WithMany().HasForeignKey(a => a.MonitorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.WebsiteId);
        b.HasIndex(a => a.MonitorId).IsUnique();
    }
}

internal sealed class AgentEventConfiguration : IEntityTypeConfiguration<AgentEvent>
{
    public void Configure(EntityTypeBuilder<AgentEvent> b)
    {
        b.ToTable("agent_events");
        b.HasKey(e => new { e.AgentId, e.Sequence });
        b.Property(e => e.Stream).HasMaxLength(10);
        b.Property(e => e.Findings).HasMaxLength(AgentLimits.FindingsJson);
        b.HasOne<Agent>().WithMany().HasForeignKey(e => e.AgentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.AgentId, e.Stream, e.At });
    }
}
