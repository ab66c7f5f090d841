using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Planning;

internal sealed class ArtefactConfiguration : IEntityTypeConfiguration<Artefact>
{
    public void Configure(EntityTypeBuilder<Artefact> b)
    {
        b.ToTable("planning_artefacts");
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Digest).HasMaxLength(64);
        b.Property(a => a.AuthorName).HasMaxLength(200);
        b.Property(a => a.ApprovedByName).HasMaxLength(200);
        b.Property(a => a.Revision).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(a => a.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.WebsiteId, a.Kind, a.Number }).IsUnique();
    }
}

internal sealed class ArtefactReviewConfiguration : IEntityTypeConfiguration<ArtefactReview>
{
    public void Configure(EntityTypeBuilder<ArtefactReview> b)
    {
        b.ToTable("planning_reviews");
        b.Property(r => r.Verdict).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Note).HasMaxLength(4000);
        b.Property(r => r.ArtefactDigest).HasMaxLength(64);
        b.Property(r => r.ReviewerName).HasMaxLength(200);
        b.HasOne<Artefact>().WithMany().HasForeignKey(r => r.ArtefactId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.ArtefactId);
        b.HasIndex(r => r.WebsiteId);
    }
}

internal sealed class SlaTermsConfiguration : IEntityTypeConfiguration<SlaTerms>
{
    public void Configure(EntityTypeBuilder<SlaTerms> b)
    {
        b.ToTable("sla_terms");
        b.HasKey(s => s.WebsiteId);
        b.Property(s => s.Digest).HasMaxLength(64);
        b.Property(s => s.AvailabilityPercent).HasPrecision(6, 3);
        b.Property(s => s.MeasurementWindow).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Website>().WithMany().HasForeignKey(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Artefact>().WithMany().HasForeignKey(s => s.ArtefactId).OnDelete(DeleteBehavior.Restrict);
    }
}
