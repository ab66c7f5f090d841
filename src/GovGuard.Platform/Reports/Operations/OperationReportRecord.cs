using GovGuard.Catalog.Duties;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Reports.Operations;

/// <summary>
/// A generated operation report kept as a record (catalog record kinds <c>operation_report</c>, 7.2.2 f, and
/// <c>service_report</c>, 7.2.3 b): the report's content frozen as canonical JSON with its SHA-256 and SM3, so what
/// was handed to the customer can be shown and checked later even after the monitoring data ages out.
/// </summary>
public sealed class OperationReportRecord
{
    public Guid Id { get; set; }

    public Guid WebsiteId { get; set; }

    /// <summary><see cref="RecordKind.OperationReport"/> from the provider or the customer, <see cref="RecordKind.ServiceReport"/> from an engaged agent.</summary>
    public RecordKind Kind { get; set; }

    public DateTimeOffset PeriodFrom { get; set; }

    public DateTimeOffset PeriodTo { get; set; }

    /// <summary>"2026-11" for a calendar month, null for another period.</summary>
    public string? Month { get; set; }

    /// <summary>The issuer's standing on the website: <c>customer</c>, an engagement role code, or <c>platform</c>.</summary>
    public required string IssuerRole { get; set; }

    public Guid StoredByUserId { get; set; }

    public required string StoredByName { get; set; }

    public Guid StoredByOrganisationId { get; set; }

    public DateTimeOffset StoredAt { get; set; }

    /// <summary>The headline figures, for lists and evidence without reading the snapshot.</summary>
    public double? AvailabilityPercent { get; set; }

    public bool? SlaMet { get; set; }

    public int Breaches { get; set; }

    /// <summary>The report as canonical JSON (<see cref="Compliance.CanonicalJson"/>).</summary>
    public required string Snapshot { get; set; }

    public required string Sha256 { get; set; }

    public required string Sm3 { get; set; }
}

internal sealed class OperationReportRecordConfiguration : IEntityTypeConfiguration<OperationReportRecord>
{
    public void Configure(EntityTypeBuilder<OperationReportRecord> b)
    {
        b.ToTable("operation_reports");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(40);
        b.Property(r => r.Month).HasMaxLength(7);
        b.Property(r => r.IssuerRole).HasMaxLength(40);
        b.Property(r => r.StoredByName).HasMaxLength(200);
        b.Property(r => r.Sha256).HasMaxLength(64);
        b.Property(r => r.Sm3).HasMaxLength(64);
        b.HasOne<Website>().WithMany().HasForeignKey(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.WebsiteId, r.Kind, r.StoredAt });
    }
}
