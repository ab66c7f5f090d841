using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Monitoring.Tamper;

internal sealed class TamperBaselineConfiguration : IEntityTypeConfiguration<TamperBaseline>
{
    public void Configure(EntityTypeBuilder<TamperBaseline> b)
    {
        b.ToTable("tamper_baselines");
        b.Property(x => x.Url).HasMaxLength(2048);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.Origin).HasMaxLength(20);
        b.Property(x => x.ApprovedByName).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Monitor>().WithMany().HasForeignKey(x => x.MonitorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MonitorId, x.Url }).IsUnique();
    }
}

internal sealed class TamperChangeConfiguration : IEntityTypeConfiguration<TamperChange>
{
    public void Configure(EntityTypeBuilder<TamperChange> b)
    {
        b.ToTable("tamper_changes");
        b.Property(x => x.Url).HasMaxLength(2048);
        b.Property(x => x.CurrentSha256).HasMaxLength(64);
        b.Property(x => x.Severity).HasMaxLength(12);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(12);
        b.Property(x => x.DecidedByName).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Monitor>().WithMany().HasForeignKey(x => x.MonitorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.MonitorId, x.Url, x.State });
        b.HasIndex(x => new { x.WebsiteId, x.State });
    }
}
