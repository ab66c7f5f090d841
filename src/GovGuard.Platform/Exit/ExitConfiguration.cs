using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Exit;

internal sealed class ExitPlanConfiguration : IEntityTypeConfiguration<ExitPlan>
{
    public void Configure(EntityTypeBuilder<ExitPlan> b)
    {
        b.ToTable("exit_plans");
        b.Property(p => p.Roles).HasMaxLength(4000);
        b.Property(p => p.Schedule).HasMaxLength(4000);
        b.Property(p => p.ContractConditions).HasMaxLength(4000);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.Property(p => p.ByName).HasMaxLength(100);
        b.Property(p => p.ApprovedByName).HasMaxLength(100);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(p => p.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.WebsiteId).IsUnique();
    }
}

internal sealed class HandoverItemConfiguration : IEntityTypeConfiguration<HandoverItem>
{
    public void Configure(EntityTypeBuilder<HandoverItem> b)
    {
        b.ToTable("handover_items");
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Owner).HasMaxLength(200);
        b.Property(p => p.ExpectedManifestSha256).HasMaxLength(64);
        b.Property(p => p.ExpectedSelfHash).HasMaxLength(64);
        b.Property(p => p.Algorithm).HasMaxLength(10);
        b.Property(p => p.HandedOverByName).HasMaxLength(100);
        b.HasOne<Website>().WithMany().HasForeignKey(p => p.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.WebsiteId, p.Kind, p.Name }).IsUnique();
    }
}

internal sealed class DataReturnCheckConfiguration : IEntityTypeConfiguration<DataReturnCheck>
{
    public void Configure(EntityTypeBuilder<DataReturnCheck> b)
    {
        b.ToTable("data_return_checks");
        b.Property(p => p.Source).HasMaxLength(20);
        b.Property(p => p.ReceivedSha256).HasMaxLength(64);
        b.Property(p => p.Signature).HasMaxLength(64);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.Property(p => p.ByName).HasMaxLength(100);
        b.HasOne<Website>().WithMany().HasForeignKey(p => p.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<HandoverItem>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ItemId, p.At });
    }
}

internal sealed class ExitRecordConfiguration : IEntityTypeConfiguration<ExitRecord>
{
    public void Configure(EntityTypeBuilder<ExitRecord> b)
    {
        b.ToTable("exit_records");
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Text).HasMaxLength(20000);
        b.Property(p => p.Target).HasMaxLength(200);
        b.Property(p => p.TargetKind).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Method).HasMaxLength(200);
        b.Property(p => p.Url).HasMaxLength(2000);
        b.Property(p => p.FileSha256).HasMaxLength(64);
        b.Property(p => p.FileName).HasMaxLength(255);
        b.Property(p => p.ByName).HasMaxLength(100);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.HasOne<Website>().WithMany().HasForeignKey(p => p.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.WebsiteId, p.Kind, p.At });
    }
}
