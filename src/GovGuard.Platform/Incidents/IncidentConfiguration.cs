using GovGuard.Platform.Alerts;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.ToTable("incidents");
        b.Property(i => i.Title).HasMaxLength(IncidentLimits.Title);
        b.Property(i => i.Description).HasMaxLength(IncidentLimits.Text);
        b.Property(i => i.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(i => i.Grade).HasConversion<string>().HasMaxLength(30);
        b.Property(i => i.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.CreatedByName).HasMaxLength(200);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(i => i.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => new { i.WebsiteId, i.DetectedAt });
    }
}

internal sealed class IncidentAlertConfiguration : IEntityTypeConfiguration<IncidentAlert>
{
    public void Configure(EntityTypeBuilder<IncidentAlert> b)
    {
        b.ToTable("incident_alerts");
        b.HasKey(l => new { l.IncidentId, l.AlertId });
        // An alert belongs to at most one incident.
        b.HasIndex(l => l.AlertId).IsUnique();
        b.HasOne<Incident>().WithMany().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Alert>().WithMany().HasForeignKey(l => l.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentEntryConfiguration : IEntityTypeConfiguration<IncidentEntry>
{
    public void Configure(EntityTypeBuilder<IncidentEntry> b)
    {
        b.ToTable("incident_entries");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.ActorOrganisationName).HasMaxLength(200);
        b.Property(e => e.Text).HasMaxLength(IncidentLimits.Text);
        b.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.IncidentId, e.Id });
    }
}

internal sealed class IncidentFileConfiguration : IEntityTypeConfiguration<IncidentFile>
{
    public void Configure(EntityTypeBuilder<IncidentFile> b)
    {
        b.ToTable("incident_files");
        b.Property(f => f.Title).HasMaxLength(IncidentLimits.Title);
        b.Property(f => f.FileName).HasMaxLength(255);
        b.Property(f => f.FileType).HasMaxLength(10);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.Sm3).HasMaxLength(64);
        b.Property(f => f.UploadedByName).HasMaxLength(200);
        b.HasOne<Incident>().WithMany().HasForeignKey(f => f.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.IncidentId);
        b.HasIndex(f => f.Sha256);
    }
}

internal sealed class IncidentReportTaskConfiguration : IEntityTypeConfiguration<IncidentReportTask>
{
    public void Configure(EntityTypeBuilder<IncidentReportTask> b)
    {
        b.ToTable("incident_report_tasks");
        b.Property(t => t.Recipient).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.DoneByName).HasMaxLength(200);
        b.Property(t => t.ReportedTo).HasMaxLength(IncidentLimits.Title);
        b.Property(t => t.Summary).HasMaxLength(IncidentLimits.Text);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.IncidentId, t.Recipient }).IsUnique();
        b.HasIndex(t => new { t.WebsiteId, t.DoneAt, t.DueAt });
    }
}

internal sealed class IncidentReviewConfiguration : IEntityTypeConfiguration<IncidentReview>
{
    public void Configure(EntityTypeBuilder<IncidentReview> b)
    {
        b.ToTable("incident_reviews");
        b.HasKey(r => r.IncidentId);
        b.Property(r => r.IncidentId).ValueGeneratedNever();
        b.Property(r => r.Cause).HasMaxLength(IncidentLimits.Text);
        b.Property(r => r.Impact).HasMaxLength(IncidentLimits.Text);
        b.Property(r => r.WhatWorked).HasMaxLength(IncidentLimits.Text);
        b.Property(r => r.Lessons).HasMaxLength(IncidentLimits.Text);
        b.Property(r => r.ReviewedByName).HasMaxLength(200);
        b.HasOne<Incident>().WithOne().HasForeignKey<IncidentReview>(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Lengths of stored incident text.</summary>
public static class IncidentLimits
{
    public const int Title = 200;
    public const int Text = 4000;

    /// <summary>How many alerts one incident may be opened from in one request.</summary>
    public const int AlertsPerRequest = 100;
}
