using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Emergency;

internal sealed class EmergencyPlanConfiguration : IEntityTypeConfiguration<EmergencyPlan>
{
    public void Configure(EntityTypeBuilder<EmergencyPlan> b)
    {
        b.ToTable("emergency_plans");
        b.Property(p => p.Category).HasConversion<string>().HasMaxLength(40);
        b.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Title).HasMaxLength(EmergencyLimits.Title);
        foreach (var section in new[] { nameof(EmergencyPlan.General), nameof(EmergencyPlan.Roles), nameof(EmergencyPlan.Prevention), nameof(EmergencyPlan.Grading), nameof(EmergencyPlan.Procedure), nameof(EmergencyPlan.Safeguards) })
        {
            b.Property<string>(section).HasMaxLength(EmergencyLimits.Section);
        }

        b.Property(p => p.WrittenByName).HasMaxLength(200);
        b.Property(p => p.ApprovedByName).HasMaxLength(200);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(p => p.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.WebsiteId, p.Category, p.Number }).IsUnique();
    }
}

internal sealed class DrillConfiguration : IEntityTypeConfiguration<Drill>
{
    public void Configure(EntityTypeBuilder<Drill> b)
    {
        b.ToTable("emergency_drills");
        b.Property(d => d.Category).HasConversion<string>().HasMaxLength(40);
        b.Property(d => d.Result).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Participants).HasMaxLength(EmergencyLimits.Text);
        b.Property(d => d.Scenario).HasMaxLength(EmergencyLimits.Text);
        b.Property(d => d.Findings).HasMaxLength(EmergencyLimits.Text);
        b.Property(d => d.RecordedByName).HasMaxLength(200);
        b.HasOne<Website>().WithMany().HasForeignKey(d => d.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.WebsiteId, d.Category, d.HeldOn });
    }
}

internal sealed class BackupStrategyConfiguration : IEntityTypeConfiguration<BackupStrategy>
{
    public void Configure(EntityTypeBuilder<BackupStrategy> b)
    {
        b.ToTable("backup_strategies");
        b.HasKey(s => s.WebsiteId);
        b.Property(s => s.WebsiteId).ValueGeneratedNever();
        b.Property(s => s.Location).HasMaxLength(500);
        b.Property(s => s.Notes).HasMaxLength(EmergencyLimits.Text);
        b.Property(s => s.UpdatedByName).HasMaxLength(200);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithOne().HasForeignKey<BackupStrategy>(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RestoreDrillConfiguration : IEntityTypeConfiguration<RestoreDrill>
{
    public void Configure(EntityTypeBuilder<RestoreDrill> b)
    {
        b.ToTable("backup_restore_drills");
        b.Property(d => d.BackupRestored).HasMaxLength(500);
        b.Property(d => d.Findings).HasMaxLength(EmergencyLimits.Text);
        b.Property(d => d.RecordedByName).HasMaxLength(200);
        b.HasOne<Website>().WithMany().HasForeignKey(d => d.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.WebsiteId, d.HeldOn });
    }
}

/// <summary>Lengths of the emergency records' text.</summary>
public static class EmergencyLimits
{
    public const int Title = 200;
    public const int Section = 20000;
    public const int Text = 4000;

    /// <summary>A section shorter than this (after trimming) is not a section yet.</summary>
    public const int MinSection = 20;
}
