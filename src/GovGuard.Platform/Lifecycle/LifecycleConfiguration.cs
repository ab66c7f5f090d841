using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Lifecycle;

internal sealed class LifecycleFactRecordConfiguration : IEntityTypeConfiguration<LifecycleFactRecord>
{
    public void Configure(EntityTypeBuilder<LifecycleFactRecord> b)
    {
        b.ToTable("lifecycle_facts");
        b.Property(f => f.Fact).HasConversion<string>().HasMaxLength(40);
        b.Property(f => f.Note).HasMaxLength(2000);
        b.Property(f => f.SetByName).HasMaxLength(100);
        b.HasOne<Website>().WithMany().HasForeignKey(f => f.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.WebsiteId, f.Fact, f.SetAt });
    }
}

internal sealed class WebsiteTransitionConfiguration : IEntityTypeConfiguration<WebsiteTransition>
{
    public void Configure(EntityTypeBuilder<WebsiteTransition> b)
    {
        b.ToTable("website_transitions");
        b.Property(t => t.From).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.To).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.ByName).HasMaxLength(100);
        b.Property(t => t.Reason).HasMaxLength(1000);
        b.Property(t => t.Failures).HasMaxLength(2000);
        b.Property(t => t.Warnings).HasMaxLength(2000);
        b.HasOne<Website>().WithMany().HasForeignKey(t => t.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.WebsiteId, t.At });
    }
}
