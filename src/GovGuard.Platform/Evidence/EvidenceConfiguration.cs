using GovGuard.Platform.Compliance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Evidence;

internal sealed class EvidenceEntryConfiguration : IEntityTypeConfiguration<EvidenceEntry>
{
    public void Configure(EntityTypeBuilder<EvidenceEntry> b)
    {
        b.ToTable("evidence");
        b.Property(e => e.DutyId).HasMaxLength(20);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.FileName).HasMaxLength(255);
        b.Property(e => e.FileType).HasMaxLength(10);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.Sm3).HasMaxLength(64);
        b.Property(e => e.LinkType).HasMaxLength(40);
        b.Property(e => e.LinkId).HasMaxLength(64);
        b.Property(e => e.Text).HasMaxLength(EvidenceLimits.MaxText);
        b.Property(e => e.UploadedByName).HasMaxLength(100);
        b.HasOne<DutyAssignment>().WithMany().HasForeignKey(e => e.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.AssignmentId, e.UploadedAt });
        b.HasIndex(e => e.WebsiteId);
        b.HasIndex(e => e.Sha256);
    }
}

internal sealed class EvidenceReviewConfiguration : IEntityTypeConfiguration<EvidenceReview>
{
    public void Configure(EntityTypeBuilder<EvidenceReview> b)
    {
        b.ToTable("evidence_reviews");
        b.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Note).HasMaxLength(2000);
        b.Property(r => r.ReviewerName).HasMaxLength(100);
        b.HasOne<EvidenceEntry>().WithMany().HasForeignKey(r => r.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.EvidenceId, r.At });
        b.HasIndex(r => new { r.AssignmentId, r.At });
    }
}
