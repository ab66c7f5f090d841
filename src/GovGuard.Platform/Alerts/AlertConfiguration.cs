using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovGuard.Platform.Alerts;

// Severity stays an integer so that "at least as bad as" is a plain comparison in SQL.
internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("alerts");
        b.Property(a => a.MonitorKind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Fingerprint).HasMaxLength(64);
        b.Property(a => a.Category).HasMaxLength(60);
        b.Property(a => a.Rule).HasMaxLength(200);
        b.Property(a => a.Url).HasMaxLength(AlertLimits.Url);
        b.Property(a => a.SummaryZh).HasMaxLength(AlertLimits.Summary);
        b.Property(a => a.SummaryEn).HasMaxLength(AlertLimits.Summary);
        b.Property(a => a.Message).HasMaxLength(AlertLimits.Summary);
        b.Property(a => a.Evidence).HasMaxLength(AlertLimits.Evidence);
        b.Property(a => a.AcknowledgedByName).HasMaxLength(200);
        b.Property(a => a.ResolvedByName).HasMaxLength(200);
        b.Property(a => a.ResolveNote).HasMaxLength(AlertLimits.Note);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.IsActive);
        b.HasOne<Website>().WithMany().HasForeignKey(a => a.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.Fingerprint, a.State });
        b.HasIndex(a => new { a.MonitorId, a.State });
        b.HasIndex(a => new { a.WebsiteId, a.State, a.OpenedAt });
        b.HasIndex(a => new { a.State, a.LastNotifiedAt });
    }
}

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> b)
    {
        b.ToTable("alert_events");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Health).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.Note).HasMaxLength(AlertLimits.Note);
        b.HasOne<Alert>().WithMany().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.AlertId, e.Id });
    }
}

internal sealed class MonitorAlertStateConfiguration : IEntityTypeConfiguration<MonitorAlertState>
{
    public void Configure(EntityTypeBuilder<MonitorAlertState> b)
    {
        b.ToTable("alert_monitor_states");
        b.HasKey(s => s.MonitorId);
        b.Property(s => s.MonitorId).ValueGeneratedNever();
        b.Property(s => s.LastHealth).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Website>().WithMany().HasForeignKey(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebsiteAlertSettingsConfiguration : IEntityTypeConfiguration<WebsiteAlertSettings>
{
    public void Configure(EntityTypeBuilder<WebsiteAlertSettings> b)
    {
        b.ToTable("alert_website_settings");
        b.HasKey(s => s.WebsiteId);
        b.Property(s => s.WebsiteId).ValueGeneratedNever();
        b.HasOne<Website>().WithOne().HasForeignKey<WebsiteAlertSettings>(s => s.WebsiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MaintenanceWindowConfiguration : IEntityTypeConfiguration<MaintenanceWindow>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindow> b)
    {
        b.ToTable("maintenance_windows");
        b.PrimitiveCollection(m => m.MonitorIds);
        b.Property(m => m.Reason).HasMaxLength(AlertLimits.Note);
        b.Property(m => m.CreatedByName).HasMaxLength(200);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Website>().WithMany().HasForeignKey(m => m.WebsiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.WebsiteId, m.EndsAt });
    }
}

/// <summary>Lengths of stored alert text: what a target wrote is cut, never stored whole.</summary>
public static class AlertLimits
{
    public const int Url = 2000;
    public const int Summary = 1000;
    public const int Evidence = 500;
    public const int Note = 1000;

    /// <summary>Cuts <paramref name="s"/> to <paramref name="max"/> characters (an ellipsis marks the cut; surrogate pairs stay whole).</summary>
    public static string Cut(string s, int max)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Length <= max)
        {
            return s;
        }

        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(s[end - 1]))
        {
            end--;
        }

        return string.Concat(s.AsSpan(0, end), "…");
    }

    public static string? CutOrNull(string? s, int max) => s is null ? null : Cut(s, max);
}
