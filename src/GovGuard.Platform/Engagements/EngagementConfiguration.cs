using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Engagements;

internal sealed class EngagementConfiguration : IEntityTypeConfiguration<Engagement>
{
    public void Configure(EntityTypeBuilder<Engagement> b)
    {
        b.ToTable("engagements");
        b.Property(e => e.Role).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ContractReference).HasMaxLength(200);
        b.HasOne<Website>().WithMany().HasForeignKey(e => e.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.OrganisationId, e.WebsiteId });
        b.HasIndex(e => e.WebsiteId);
    }
}
