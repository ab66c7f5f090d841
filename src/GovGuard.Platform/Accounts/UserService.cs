using System.Security.Cryptography;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Accounts;

/// <summary>What an administrator sends to create a user. Without a password a one-time one is generated.</summary>
public sealed record UserInput(string? UserName, string? DisplayName, string? Email, string? PhoneNumber, Guid? OrganisationId, string? Role, string? Password, bool IsPlatformAdmin = false);

/// <summary>What an administrator sends to change a user.</summary>
public sealed record UserUpdate(string? DisplayName, string? Email, string? PhoneNumber, string? Role, bool? Disabled);

/// <summary>A user as callers see it (no secrets).</summary>
public sealed record UserView(Guid Id, string UserName, string DisplayName, string? Email, string? PhoneNumber, Guid OrganisationId, string OrganisationName, string Role, bool IsPlatformAdmin, bool TwoFactorEnabled, bool Disabled, bool MustChangePassword, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

/// <summary>A created user and, when GovGuard chose it, the one-time password to hand over.</summary>
public sealed record CreatedUser(UserView User, string? OneTimePassword);

/// <summary>Users: administrators create and change them; everyone sees the users of their own organisation.</summary>
public sealed class UserService(GovGuardDbContext db, UserManager<User> users, AuditLog audit, TimeProvider time)
{
    private static readonly Text Label = new("用户", "user");

    public async Task<Page<UserView>> ListAsync(Caller caller, string? query, Guid? organisationId, Paging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var q = Visible(caller).AsNoTracking();
        if (organisationId is { } org)
        {
            q = q.Where(u => u.OrganisationId == org);
        }

        if (!string.IsNullOrWhiteSpace(query))
        {
            var term = query.Trim();
            q = q.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        }

        var total = await q.CountAsync(ct).ConfigureAwait(false);
        var rows = await q.OrderBy(u => u.UserName).Skip(paging.Offset).Take(paging.Limit)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new { u, o.Name })
            .ToListAsync(ct).ConfigureAwait(false);
        return new Page<UserView>(rows.Select(r => ToView(r.u, r.Name)).ToList(), total, paging.Offset, paging.Limit);
    }

    public async Task<Outcome<UserView>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var row = await Visible(caller).AsNoTracking().Where(u => u.Id == id)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new { u, o.Name })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return row is null ? Error.NotFound(Label) : ToView(row.u, row.Name);
    }

    public async Task<Outcome<CreatedUser>> CreateAsync(Caller caller, UserInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var orgId = input.OrganisationId ?? caller.OrganisationId;
        if (!caller.IsOrgAdmin || (!caller.IsPlatformAdmin && orgId != caller.OrganisationId) || (input.IsPlatformAdmin && !caller.IsPlatformAdmin))
        {
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：创建用户 / denied: create user", "user",
                null, orgId, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Forbidden(new Text("只有本单位管理员或平台管理员可以创建用户。", "Only the organisation's administrator or a platform administrator may create users."));
        }

        var v = new Validation();
        var userName = v.Required("userName", new("用户名", "User name"), input.UserName, 64);
        var displayName = v.Required("displayName", new("姓名", "Display name"), input.DisplayName, 100);
        var email = v.Pattern("email", new("电子邮箱", "E-mail"), input.Email, 200, OrganisationService.EmailPattern(), new("形如 name@example.gov.cn", "like name@example.gov.cn"));
        var phone = v.Optional("phoneNumber", new("手机号码", "Phone number"), input.PhoneNumber, 40);
        var role = v.OneOf("role", new("角色", "Role"), input.Role, WireCodes<OrgRole>.ByCode);
        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct).ConfigureAwait(false);
        if (org is null)
        {
            v.Add("organisationId", "exists", "所属单位（organisationId）不存在。", "The organisation (organisationId) does not exist.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var oneTime = string.IsNullOrEmpty(input.Password) ? OneTimePassword() : null;
        var now = time.GetUtcNow();
        var user = new User
        {
            Id = Guid.CreateVersion7(now),
            UserName = userName,
            DisplayName = displayName!,
            Email = email,
            PhoneNumber = phone,
            OrganisationId = org!.Id,
            Role = role!.Value,
            IsPlatformAdmin = input.IsPlatformAdmin,
            MustChangePassword = oneTime is not null,
            CreatedAt = now,
            LockoutEnabled = true,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        var created = await users.CreateAsync(user, oneTime ?? input.Password!).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return Error.Invalid(IdentityMessages.ToFieldErrors(created.Errors));
        }

        change.Record(new AuditEvent(AuditKinds.UserCreated, $"创建用户 {user.UserName}（{org.Name}） / created user", "user", user.Id.ToString(),
            org.Id, null, null, Snapshot(user)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return new CreatedUser(ToView(user, org.Name), oneTime);
    }

    public async Task<Outcome<UserView>> UpdateAsync(Caller caller, Guid id, UserUpdate input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var user = await Visible(caller).FirstOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);
        if (user is null)
        {
            return Error.NotFound(Label);
        }

        if (!caller.IsOrgAdmin || (!caller.IsPlatformAdmin && user.IsPlatformAdmin))
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：修改用户 / denied: edit user", "user",
                user.Id.ToString(), user.OrganisationId, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.Forbidden(new Text("只有本单位管理员或平台管理员可以修改用户。", "Only the organisation's administrator or a platform administrator may edit users."));
        }

        var v = new Validation();
        var displayName = input.DisplayName is null ? user.DisplayName : v.Required("displayName", new("姓名", "Display name"), input.DisplayName, 100);
        var email = input.Email is null ? user.Email : v.Pattern("email", new("电子邮箱", "E-mail"), input.Email, 200, OrganisationService.EmailPattern(), new("形如 name@example.gov.cn", "like name@example.gov.cn"));
        var phone = input.PhoneNumber is null ? user.PhoneNumber : v.Optional("phoneNumber", new("手机号码", "Phone number"), input.PhoneNumber, 40);
        var role = input.Role is null ? user.Role : v.OneOf("role", new("角色", "Role"), input.Role, WireCodes<OrgRole>.ByCode) ?? user.Role;
        if (user.Id == caller.UserId && (input.Disabled == true || role != user.Role))
        {
            v.Add("role", "self", "不能停用自己或修改自己的角色。", "You cannot disable yourself or change your own role.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var before = Snapshot(user);
        var lessAccess = role > user.Role || (input.Disabled == true && !user.Disabled);
        user.DisplayName = displayName!;
        user.Email = email;
        user.NormalizedEmail = email?.ToUpperInvariant();
        user.PhoneNumber = phone;
        user.Role = role;
        user.Disabled = input.Disabled ?? user.Disabled;
        if (lessAccess)
        {
            // Ends every session and token of the user (SECURITY.md: role removal ends sessions).
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.UserUpdated, $"修改用户 {user.UserName} / edited user", "user", user.Id.ToString(),
            user.OrganisationId, null, before, Snapshot(user)));
        await change.CommitAsync(ct).ConfigureAwait(false);
        var orgName = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstAsync(ct).ConfigureAwait(false);
        return ToView(user, orgName);
    }

    /// <summary>Changes the caller's own password; every other session and token of theirs ends.</summary>
    public async Task<Outcome<bool>> ChangePasswordAsync(Caller caller, string? currentPassword, string? newPassword, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var v = new Validation();
        v.Required("currentPassword", new("当前密码", "Current password"), currentPassword, 200);
        v.Required("newPassword", new("新密码", "New password"), newPassword, 200);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == caller.UserId, ct).ConfigureAwait(false);
        if (user is null)
        {
            return Error.NotFound(Label);
        }

        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
        {
            return Error.Invalid([new FieldError("newPassword", "different", new("新密码（newPassword）不能与当前密码相同。", "The new password (newPassword) must differ from the current one."))]);
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        var result = await users.ChangePasswordAsync(user, currentPassword!, newPassword!).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return Error.Invalid(IdentityMessages.ToFieldErrors(result.Errors, "newPassword"));
        }

        user.MustChangePassword = false;
        await db.AccessTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, time.GetUtcNow()), ct).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.PasswordChanged, $"{user.UserName} 修改了密码 / changed password", "user", user.Id.ToString(), user.OrganisationId));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The users the caller may see: their own organisation's, or everyone for a platform administrator.</summary>
    public IQueryable<User> Visible(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsPlatformAdmin ? db.Users : db.Users.Where(u => u.OrganisationId == caller.OrganisationId);
    }

    /// <summary>16 characters from an alphabet without look-alikes, with every class the password rules ask for.</summary>
    public static string OneTimePassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz";
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        const string all = lower + upper + digits;
        Span<char> chars = stackalloc char[16];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars);
        return new string(chars);
    }

    internal static object Snapshot(User u) => new
    {
        u.UserName,
        u.DisplayName,
        u.Email,
        u.PhoneNumber,
        u.OrganisationId,
        Role = WireCodes<OrgRole>.Code(u.Role),
        u.IsPlatformAdmin,
        u.Disabled,
        u.TwoFactorEnabled,
    };

    internal static UserView ToView(User u, string orgName) => new(
        u.Id, u.UserName ?? string.Empty, u.DisplayName, u.Email, u.PhoneNumber, u.OrganisationId, orgName, WireCodes<OrgRole>.Code(u.Role),
        u.IsPlatformAdmin, u.TwoFactorEnabled, u.Disabled, u.MustChangePassword, u.CreatedAt, u.LastSignInAt);
}
