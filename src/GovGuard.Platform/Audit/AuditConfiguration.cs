using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Audit;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.ToTable("audit_records");
        b.HasKey(r => r.Seq);
        // The chain decides the number; the database must not.
        b.Property(r => r.Seq).ValueGeneratedNever();
        b.Property(r => r.Kind).HasMaxLength(64);
        b.Property(r => r.Outcome).HasMaxLength(16);
        b.Property(r => r.ActorName).HasMaxLength(100);
        b.Property(r => r.ObjectType).HasMaxLength(64);
        b.Property(r => r.ObjectId).HasMaxLength(64);
        b.Property(r => r.Summary).HasMaxLength(500);
        b.Property(r => r.BeforeDigest).HasMaxLength(64);
        b.Property(r => r.AfterDigest).HasMaxLength(64);
        b.Property(r => r.Changes).HasMaxLength(4000);
        b.Property(r => r.ClientAddress).HasMaxLength(64);
        b.Property(r => r.PrevHash).HasMaxLength(64);
        b.Property(r => r.Hash).HasMaxLength(64);
        b.HasIndex(r => r.At);
        b.HasIndex(r => r.WebsiteId);
        b.HasIndex(r => r.OrganisationId);
        b.HasIndex(r => r.ActorOrganisationId);
    }
}

internal sealed class AuditKindSettingConfiguration : IEntityTypeConfiguration<AuditKindSetting>
{
    public void Configure(EntityTypeBuilder<AuditKindSetting> b)
    {
        b.ToTable("audit_kind_settings");
        b.HasKey(s => s.Kind);
        b.Property(s => s.Kind).HasMaxLength(64);
    }
}
