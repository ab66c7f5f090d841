using GovGuard.Catalog.Lifecycle;
using GovGuard.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Websites;

internal sealed class WebsiteConfiguration : IEntityTypeConfiguration<Website>
{
    public void Configure(EntityTypeBuilder<Website> b)
    {
        b.ToTable("websites");
        b.Property(w => w.Name).HasMaxLength(200);
        b.PrimitiveCollection(w => w.Domains);
        b.Property(w => w.SiteCode).HasMaxLength(10);
        b.HasIndex(w => w.SiteCode).IsUnique();
        b.Property(w => w.IcpRecord).HasMaxLength(60);
        b.Property(w => w.PublicSecurityRecord).HasMaxLength(60);
        b.Property(w => w.ServiceModel).HasConversion<string>().HasMaxLength(10);
        b.Property(w => w.DeploymentModel).HasConversion<string>().HasMaxLength(20);
        b.Property(w => w.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(w => w.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(w => w.CustomerId);
        b.HasIndex(w => w.Name);
    }
}
