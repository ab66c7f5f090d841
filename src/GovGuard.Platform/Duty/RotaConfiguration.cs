using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.DutyRota;

internal sealed class RotaConfiguration : IEntityTypeConfiguration<Rota>
{
    public void Configure(EntityTypeBuilder<Rota> b)
    {
        b.ToTable("duty_rotas");
        b.HasKey(r => r.WebsiteId);
        b.Property(r => r.WebsiteId).ValueGeneratedNever();
        b.Property(r => r.TimeZone).HasMaxLength(64);
        b.Property(r => r.UpdatedByName).HasMaxLength(200);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithOne().HasForeignKey<Rota>(r => r.WebsiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RotaMemberConfiguration : IEntityTypeConfiguration<RotaMember>
{
    public void Configure(EntityTypeBuilder<RotaMember> b)
    {
        b.ToTable("duty_members");
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.Email).HasMaxLength(320);
        b.Property(m => m.Phone).HasMaxLength(40);
        b.HasOne<Website>().WithMany().HasForeignKey(m => m.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.WebsiteId);
    }
}

internal sealed class RotaShiftConfiguration : IEntityTypeConfiguration<RotaShift>
{
    public void Configure(EntityTypeBuilder<RotaShift> b)
    {
        b.ToTable("duty_shifts");
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne<RotaMember>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.WebsiteId, s.From });
    }
}

internal sealed class EscalationStepConfiguration : IEntityTypeConfiguration<EscalationStep>
{
    public void Configure(EntityTypeBuilder<EscalationStep> b)
    {
        b.ToTable("duty_escalation_steps");
        b.HasOne<RotaMember>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.WebsiteId, s.Level }).IsUnique();
    }
}

internal sealed class CalendarEntryConfiguration : IEntityTypeConfiguration<CalendarEntry>
{
    public void Configure(EntityTypeBuilder<CalendarEntry> b)
    {
        b.ToTable("duty_calendar_entries");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Name).HasMaxLength(100);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.OrganisationId, e.Date }).IsUnique();
    }
}
