using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Organisations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ToTable("organisations");
        b.Property(o => o.Name).HasMaxLength(200);
        b.HasIndex(o => o.Name).IsUnique();
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(o => o.CreditCode).HasMaxLength(18);
        b.Property(o => o.ContactName).HasMaxLength(100);
        b.Property(o => o.ContactPhone).HasMaxLength(40);
        b.Property(o => o.ContactEmail).HasMaxLength(200);
    }
}
