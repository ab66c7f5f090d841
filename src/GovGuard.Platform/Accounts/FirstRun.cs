using GovGuard.Catalog.Roles;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Data;
using GovGuard.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Accounts;

/// <summary>The first start of an empty database: one platform administrator with a one-time password.</summary>
public sealed class FirstRun(GovGuardDbContext db, UserManager<User> users, AuditLog audit, TimeProvider time)
{
    public const string AdminUserName = "admin";

    /// <summary>Creates the administrator when there is no user yet; returns the one-time password, or null when users exist.</summary>
    public async Task<string?> EnsureAdministratorAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var org = new Organisation
        {
            Id = Guid.CreateVersion7(now),
            Name = "平台管理单位",
            Kind = OrganisationKind.GovernmentCustomer,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var password = UserService.OneTimePassword();
        var admin = new User
        {
            Id = Guid.CreateVersion7(now),
            UserName = AdminUserName,
            DisplayName = "平台管理员",
            OrganisationId = org.Id,
            Role = OrgRole.Admin,
            IsPlatformAdmin = true,
            MustChangePassword = true,
            LockoutEnabled = true,
            CreatedAt = now,
        };
        await using var change = await audit.BeginAsync(db, Caller.System, ct).ConfigureAwait(false);
        db.Organisations.Add(org);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        var result = await users.CreateAsync(admin, password).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The first administrator could not be created: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }

        change.Record(new AuditEvent(AuditKinds.OrganisationCreated, "首次启动：创建平台管理单位 / first start: platform organisation", "organisation", org.Id.ToString(), org.Id, null, null, OrganisationService.Snapshot(org)));
        change.Record(new AuditEvent(AuditKinds.UserCreated, "首次启动：创建平台管理员 admin / first start: administrator", "user", admin.Id.ToString(), org.Id, null, null, UserService.Snapshot(admin)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return password;
    }
}
