using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Improvement;

internal sealed class ImprovementActionConfiguration : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> b)
    {
        b.ToTable("improvement_actions");
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Title).HasMaxLength(ImprovementLimits.Title);
        b.Property(a => a.Description).HasMaxLength(ImprovementLimits.Text);
        b.Property(a => a.ClosingNote).HasMaxLength(ImprovementLimits.Text);
        b.Property(a => a.ClosedByName).HasMaxLength(200);
        b.Property(a => a.CreatedByName).HasMaxLength(200);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(a => a.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.WebsiteId, a.Status, a.DueOn });
        b.HasIndex(a => new { a.Source, a.SourceId });
    }
}

internal sealed class InspectionPlanConfiguration : IEntityTypeConfiguration<InspectionPlan>
{
    public void Configure(EntityTypeBuilder<InspectionPlan> b)
    {
        b.ToTable("inspection_plans");
        b.Property(p => p.Title).HasMaxLength(ImprovementLimits.Title);
        b.Property(p => p.Scope).HasMaxLength(ImprovementLimits.Text);
        b.Property(p => p.Method).HasMaxLength(ImprovementLimits.Text);
        b.Property(p => p.Frequency).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.CreatedByName).HasMaxLength(200);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(p => p.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.WebsiteId);
    }
}

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("inspections");
        b.Property(i => i.Inspectors).HasMaxLength(ImprovementLimits.Title);
        b.Property(i => i.Scope).HasMaxLength(ImprovementLimits.Text);
        b.Property(i => i.Report).HasMaxLength(ImprovementLimits.Report);
        b.Property(i => i.RecordedByName).HasMaxLength(200);
        b.HasOne<Website>().WithMany().HasForeignKey(i => i.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<InspectionPlan>().WithMany().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(i => new { i.WebsiteId, i.PerformedOn });
    }
}

internal sealed class ContinuityPlanVersionConfiguration : IEntityTypeConfiguration<ContinuityPlanVersion>
{
    public void Configure(EntityTypeBuilder<ContinuityPlanVersion> b)
    {
        b.ToTable("continuity_plan_versions");
        b.Property(v => v.ImpactAnalysis).HasMaxLength(ImprovementLimits.Text);
        b.Property(v => v.RiskAssessment).HasMaxLength(ImprovementLimits.Text);
        b.Property(v => v.Team).HasMaxLength(ImprovementLimits.Text);
        b.Property(v => v.TestsAndDrills).HasMaxLength(ImprovementLimits.Text);
        b.Property(v => v.Steps).HasMaxLength(ImprovementLimits.Text);
        b.Property(v => v.SavedByName).HasMaxLength(200);
        b.HasOne<Website>().WithMany().HasForeignKey(v => v.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.WebsiteId, v.Number }).IsUnique();
    }
}

internal sealed class ConfidentialityReviewConfiguration : IEntityTypeConfiguration<ConfidentialityReview>
{
    public void Configure(EntityTypeBuilder<ConfidentialityReview> b)
    {
        b.ToTable("confidentiality_reviews");
        b.Property(r => r.Scope).HasMaxLength(ImprovementLimits.Text);
        b.Property(r => r.Reviewers).HasMaxLength(ImprovementLimits.Title);
        b.Property(r => r.Result).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Note).HasMaxLength(ImprovementLimits.Text);
        b.Property(r => r.RecordedByName).HasMaxLength(200);
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.WebsiteId, r.ReviewedOn });
    }
}

/// <summary>Lengths of stored improvement text.</summary>
public static class ImprovementLimits
{
    public const int Title = 200;
    public const int Text = 4000;
    public const int Report = 20000;
}
