using GovGuard.Platform.Organisations;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Notifications;

internal sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> b)
    {
        b.ToTable("notification_channels");
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Host).HasMaxLength(255);
        b.Property(c => c.SettingsJson).HasMaxLength(8000);
        b.Property(c => c.ProtectedSecrets).HasMaxLength(8000);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Website>().WithMany().HasForeignKey(c => c.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.OrganisationId, c.WebsiteId });
        b.HasIndex(c => c.WebsiteId);
    }
}

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> b)
    {
        b.ToTable("notification_deliveries");
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.LastError).HasMaxLength(500);
        b.Property(d => d.NoticeJson).HasMaxLength(16000);
        b.Property(d => d.To).HasMaxLength(320);
        b.HasOne<NotificationChannel>().WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => new { d.OrganisationId, d.CreatedAt });
        b.HasIndex(d => d.AlertId);
    }
}
