using GovGuard.Platform.Alerts;
using GovGuard.Platform.Data;

namespace GovGuard.Platform.Notifications;

/// <summary>One person to tell by e-mail, through an e-mail channel's server.</summary>
public sealed record AlertRecipient(NotificationChannel Channel, string Email);

/// <summary>
/// A feature that names people who must hear of an alert beside the channels (the duty rota's person on duty).
/// Called by <see cref="NotificationRouter"/> in the unit of work that queues the notice; registered as a singleton.
/// </summary>
public interface IAlertRecipients
{
    Task<IReadOnlyList<AlertRecipient>> ForAsync(GovGuardDbContext db, Alert alert, NoticeKind kind, DateTimeOffset now, CancellationToken ct);
}
