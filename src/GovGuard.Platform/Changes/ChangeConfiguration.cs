using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Changes;

internal sealed class ChangeNoticeConfiguration : IEntityTypeConfiguration<ChangeNotice>
{
    public void Configure(EntityTypeBuilder<ChangeNotice> b)
    {
        b.ToTable("change_notices");
        b.Property(c => c.Title).HasMaxLength(200);
        b.Property(c => c.Description).HasMaxLength(ChangeLimits.Text);
        b.Property(c => c.Impact).HasMaxLength(ChangeLimits.Text);
        b.PrimitiveCollection(c => c.MonitorIds);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.SubmittedByName).HasMaxLength(200);
        b.Property(c => c.DecidedByName).HasMaxLength(200);
        b.Property(c => c.DecisionReason).HasMaxLength(ChangeLimits.Reason);
        b.Property(c => c.SupervisorReference).HasMaxLength(200);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(c => c.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.WebsiteId, c.PlannedStart });
    }
}

internal sealed class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> b)
    {
        b.ToTable("risk_assessments");
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Findings).HasMaxLength(ChangeLimits.Text);
        b.Property(r => r.Measures).HasMaxLength(ChangeLimits.Text);
        b.Property(r => r.CompletedByName).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.WebsiteId, r.State });
    }
}

/// <summary>Lengths and rules of change records.</summary>
public static class ChangeLimits
{
    public const int Text = 8000;
    public const int Reason = 2000;
}

/// <summary>How change notices are held (the <c>Changes</c> configuration section).</summary>
public sealed class ChangeOptions
{
    /// <summary>The advance notice a major change needs, in days (7.2.2 i "提前通知"; the contract may ask for more).</summary>
    public int NoticeDays { get; set; } = 5;

    /// <summary>Days after a change's window by which its risk assessment (7.6 d) is due.</summary>
    public int RiskAssessmentDays { get; set; } = 30;
}
