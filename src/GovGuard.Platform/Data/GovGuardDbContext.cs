using GovGuard.Platform.Accounts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Engagements;
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

    public DbSet<Artefact> Artefacts => Set<Artefact>();

    public DbSet<ArtefactReview> ArtefactReviews => Set<ArtefactReview>();

    public DbSet<SlaTerms> SlaTerms => Set<SlaTerms>();

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
