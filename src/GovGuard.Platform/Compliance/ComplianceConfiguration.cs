using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Compliance;

internal sealed class DutyAssignmentConfiguration : IEntityTypeConfiguration<DutyAssignment>
{
    public void Configure(EntityTypeBuilder<DutyAssignment> b)
    {
        b.ToTable("duty_assignments");
        b.Property(a => a.DutyId).HasMaxLength(20);
        b.Property(a => a.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.ResponsibleRole).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Justification).HasMaxLength(2000);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(a => a.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.WebsiteId, a.DutyId }).IsUnique();
        b.HasIndex(a => new { a.WebsiteId, a.Phase });
        b.HasIndex(a => a.ResponsibleOrganisationId);
    }
}

internal sealed class DutyCommentConfiguration : IEntityTypeConfiguration<DutyComment>
{
    public void Configure(EntityTypeBuilder<DutyComment> b)
    {
        b.ToTable("duty_comments");
        b.Property(c => c.AuthorName).HasMaxLength(100);
        b.Property(c => c.Body).HasMaxLength(4000);
        b.HasOne<DutyAssignment>().WithMany().HasForeignKey(c => c.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.AssignmentId, c.At });
    }
}

internal sealed class SignOffConfiguration : IEntityTypeConfiguration<SignOff>
{
    public void Configure(EntityTypeBuilder<SignOff> b)
    {
        b.ToTable("sign_offs");
        b.Property(s => s.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.SignedByName).HasMaxLength(100);
        b.Property(s => s.Statement).HasMaxLength(2000);
        b.Property(s => s.Sha256).HasMaxLength(64);
        b.Property(s => s.Sm3).HasMaxLength(64);
        b.HasOne<Website>().WithMany().HasForeignKey(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.WebsiteId, s.Phase, s.SignedAt });
    }
}
