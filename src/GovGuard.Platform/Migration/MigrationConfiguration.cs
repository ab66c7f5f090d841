using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.CloudMigration;

internal sealed class MigrationRecordConfiguration : IEntityTypeConfiguration<MigrationRecord>
{
    public void Configure(EntityTypeBuilder<MigrationRecord> b)
    {
        b.ToTable("migration_records");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(r => r.Item).HasMaxLength(40);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Text).HasMaxLength(20000);
        b.Property(r => r.ByName).HasMaxLength(100);
        b.Property(r => r.Sha256).HasMaxLength(64);
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.WebsiteId, r.Kind, r.At });
    }
}

internal sealed class BackupConfiguration : IEntityTypeConfiguration<Backup>
{
    public void Configure(EntityTypeBuilder<Backup> b)
    {
        b.ToTable("backups");
        b.Property(r => r.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Label).HasMaxLength(200);
        b.Property(r => r.ManifestSha256).HasMaxLength(64);
        b.Property(r => r.ManifestSelfHash).HasMaxLength(64);
        b.Property(r => r.Algorithm).HasMaxLength(10);
        b.Property(r => r.ByName).HasMaxLength(100);
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.WebsiteId, r.TakenAt });
    }
}

internal sealed class RollbackConfiguration : IEntityTypeConfiguration<Rollback>
{
    public void Configure(EntityTypeBuilder<Rollback> b)
    {
        b.ToTable("rollbacks");
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.Source).HasMaxLength(20);
        b.Property(r => r.ReceivedSha256).HasMaxLength(64);
        b.Property(r => r.ByName).HasMaxLength(100);
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Backup>().WithMany().HasForeignKey(r => r.BackupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.WebsiteId, r.At });
    }
}

internal sealed class TrialRunConfiguration : IEntityTypeConfiguration<TrialRun>
{
    public void Configure(EntityTypeBuilder<TrialRun> b)
    {
        b.ToTable("trial_runs");
        b.Property(r => r.Plan).HasMaxLength(20000);
        b.Property(r => r.ByName).HasMaxLength(100);
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.WebsiteId, r.StartsAt });
        b.HasIndex(r => new { r.RevertedAt, r.EndsAt });
    }
}

internal sealed class TrialMonitorChangeConfiguration : IEntityTypeConfiguration<TrialMonitorChange>
{
    public void Configure(EntityTypeBuilder<TrialMonitorChange> b)
    {
        b.ToTable("trial_monitor_changes");
        b.HasOne<TrialRun>().WithMany().HasForeignKey(r => r.TrialId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Monitoring.Monitor>().WithMany().HasForeignKey(r => r.MonitorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.TrialId);
    }
}

internal sealed class AcceptanceVerdictConfiguration : IEntityTypeConfiguration<AcceptanceVerdict>
{
    public void Configure(EntityTypeBuilder<AcceptanceVerdict> b)
    {
        b.ToTable("acceptance_verdicts");
        b.Property(r => r.Note).HasMaxLength(2000);
        b.Property(r => r.BasisSha256).HasMaxLength(64);
        b.Property(r => r.ByName).HasMaxLength(100);
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.WebsiteId, r.At });
    }
}
