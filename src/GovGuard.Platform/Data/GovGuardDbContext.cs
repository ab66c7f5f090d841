using GovGuard.Platform.Accounts;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Engagements;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Lifecycle;
using GovGuard.Platform.Notifications;
using GovGuard.Platform.Organisations;
using GovGuard.Platform.Planning;
using GovGuard.Platform.Websites;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Data;

/// <summary>
/// The application's data. Provider-specific subclasses (<see cref="SqliteGovGuardDbContext"/>,
/// <see cref="PostgresGovGuardDbContext"/>) carry their own migrations; features use this type.
/// </summary>
public abstract class GovGuardDbContext(DbContextOptions options)
    : IdentityUserContext<User, Guid>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Website> Websites => Set<Website>();

    public DbSet<Engagement> Engagements => Set<Engagement>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<AuditKindSetting> AuditKindSettings => Set<AuditKindSetting>();

    public DbSet<DutyAssignment> DutyAssignments => Set<DutyAssignment>();

    public DbSet<DutyComment> DutyComments => Set<DutyComment>();

    public DbSet<EvidenceEntry> Evidence => Set<EvidenceEntry>();

    public DbSet<EvidenceReview> EvidenceReviews => Set<EvidenceReview>();

    public DbSet<SignOff> SignOffs => Set<SignOff>();

    public DbSet<LifecycleFactRecord> LifecycleFacts => Set<LifecycleFactRecord>();

    public DbSet<WebsiteTransition> WebsiteTransitions => Set<WebsiteTransition>();
    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertEvent> AlertEvents => Set<AlertEvent>();

    public DbSet<MonitorAlertState> MonitorAlertStates => Set<MonitorAlertState>();

    public DbSet<WebsiteAlertSettings> WebsiteAlertSettings => Set<WebsiteAlertSettings>();

    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();

    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();

    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    public DbSet<Monitoring.Monitor> Monitors => Set<Monitoring.Monitor>();

    public DbSet<Monitoring.CheckResult> CheckResults => Set<Monitoring.CheckResult>();

    public DbSet<Monitoring.MonitorState> MonitorStates => Set<Monitoring.MonitorState>();

    public DbSet<Agents.Agent> Agents => Set<Agents.Agent>();

    public DbSet<Agents.AgentEvent> AgentEvents => Set<Agents.AgentEvent>();

    public DbSet<Agents.ResourcePush> ResourcePushes => Set<Agents.ResourcePush>();
    public DbSet<Monitoring.Tamper.TamperBaseline> TamperBaselines => Set<Monitoring.Tamper.TamperBaseline>();

    public DbSet<Monitoring.Tamper.TamperChange> TamperChanges => Set<Monitoring.Tamper.TamperChange>();

    public DbSet<Artefact> Artefacts => Set<Artefact>();

    public DbSet<ArtefactReview> ArtefactReviews => Set<ArtefactReview>();

    public DbSet<SlaTerms> SlaTerms => Set<SlaTerms>();

    public DbSet<Reports.Operations.OperationReportRecord> OperationReports => Set<Reports.Operations.OperationReportRecord>();

    public DbSet<Incidents.Incident> Incidents => Set<Incidents.Incident>();

    public DbSet<Improvement.ImprovementAction> ImprovementActions => Set<Improvement.ImprovementAction>();
    public DbSet<Emergency.EmergencyPlan> EmergencyPlans => Set<Emergency.EmergencyPlan>();

    public DbSet<Emergency.Drill> Drills => Set<Emergency.Drill>();

    public DbSet<Emergency.BackupStrategy> BackupStrategies => Set<Emergency.BackupStrategy>();

    public DbSet<Emergency.RestoreDrill> RestoreDrills => Set<Emergency.RestoreDrill>();

    public DbSet<DutyRota.Rota> Rotas => Set<DutyRota.Rota>();

    public DbSet<DutyRota.RotaMember> RotaMembers => Set<DutyRota.RotaMember>();

    public DbSet<DutyRota.RotaShift> RotaShifts => Set<DutyRota.RotaShift>();

    public DbSet<DutyRota.EscalationStep> EscalationSteps => Set<DutyRota.EscalationStep>();

    public DbSet<DutyRota.CalendarEntry> CalendarEntries => Set<DutyRota.CalendarEntry>();

    public DbSet<Changes.ChangeNotice> ChangeNotices => Set<Changes.ChangeNotice>();

    public DbSet<Changes.RiskAssessment> RiskAssessments => Set<Changes.RiskAssessment>();
    public DbSet<CloudMigration.MigrationRecord> MigrationRecords => Set<CloudMigration.MigrationRecord>();

    public DbSet<CloudMigration.Backup> Backups => Set<CloudMigration.Backup>();

    public DbSet<CloudMigration.Rollback> Rollbacks => Set<CloudMigration.Rollback>();

    public DbSet<CloudMigration.TrialRun> TrialRuns => Set<CloudMigration.TrialRun>();

    public DbSet<CloudMigration.TrialMonitorChange> TrialMonitorChanges => Set<CloudMigration.TrialMonitorChange>();

    public DbSet<CloudMigration.AcceptanceVerdict> AcceptanceVerdicts => Set<CloudMigration.AcceptanceVerdict>();

    public DbSet<Exit.ExitPlan> ExitPlans => Set<Exit.ExitPlan>();

    public DbSet<Exit.HandoverItem> HandoverItems => Set<Exit.HandoverItem>();

    public DbSet<Exit.DataReturnCheck> DataReturnChecks => Set<Exit.DataReturnCheck>();

    public DbSet<Exit.ExitRecord> ExitRecords => Set<Exit.ExitRecord>();

    /// <summary>Which database this context talks to.</summary>
    public abstract DatabaseKind Kind { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>().ToTable("users");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(GovGuardDbContext).Assembly);
    }
}

/// <summary>The supported databases.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
