using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Monitoring;

internal sealed class MonitorConfiguration : IEntityTypeConfiguration<Monitor>
{
    public void Configure(EntityTypeBuilder<Monitor> b)
    {
        b.ToTable("monitors");
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.Target).HasMaxLength(2048);
        b.Property(m => m.Settings).HasMaxLength(16000);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(m => m.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.WebsiteId);
        b.HasIndex(m => m.Enabled);
    }
}

internal sealed class CheckResultConfiguration : IEntityTypeConfiguration<CheckResult>
{
    public void Configure(EntityTypeBuilder<CheckResult> b)
    {
        b.ToTable("check_results");
        b.Property(r => r.Health).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.RawHealth).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.SummaryZh).HasMaxLength(500);
        b.Property(r => r.SummaryEn).HasMaxLength(500);
        b.Property(r => r.IncompleteReason).HasMaxLength(100);
        b.HasOne<Monitor>().WithMany().HasForeignKey(r => r.MonitorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.MonitorId, r.At });
    }
}

internal sealed class MonitorStateConfiguration : IEntityTypeConfiguration<MonitorState>
{
    public void Configure(EntityTypeBuilder<MonitorState> b)
    {
        b.ToTable("monitor_states");
        b.HasKey(s => s.MonitorId);
        b.Property(s => s.Health).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.LastSummaryZh).HasMaxLength(500);
        b.Property(s => s.LastSummaryEn).HasMaxLength(500);
        b.HasOne<Monitor>().WithOne().HasForeignKey<MonitorState>(s => s.MonitorId).OnDelete(DeleteBehavior.Cascade);
    }
}
