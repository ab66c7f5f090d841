using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Accounts;

/// <summary>The key to enrol an authenticator app, as text and as an otpauth:// URI.</summary>
public sealed record AuthenticatorSetup(string Key, string Uri, bool Enabled);

/// <summary>Enrolling and removing the TOTP second factor of the caller's own account.</summary>
public sealed class TwoFactorService(GovGuardDbContext db, UserManager<User> users, AuditLog audit)
{
    /// <summary>The pending (or current) key; a new one is made when there is none or <paramref name="reset"/>.</summary>
    public async Task<Outcome<AuthenticatorSetup>> SetupAsync(Caller caller, bool reset, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == caller.UserId, ct).ConfigureAwait(false);
        if (user is null)
        {
            return Error.NotFound(new Text("用户", "user"));
        }

        if (reset && user.TwoFactorEnabled)
        {
            return Error.Conflict(new Text("双因素认证已启用；请先停用再重新绑定。", "The second factor is on; switch it off before enrolling a new key."));
        }

        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (string.IsNullOrEmpty(key) || reset)
        {
            await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
            key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        }

        var label = Uri.EscapeDataString($"GovGuard:{user.UserName}");
        return new AuthenticatorSetup(key!, $"otpauth://totp/{label}?secret={key}&issuer=GovGuard&digits=6&period=30", user.TwoFactorEnabled);
    }

    /// <summary>Turns the second factor on once a code from the app proves the key was enrolled.</summary>
    public async Task<Outcome<bool>> EnableAsync(Caller caller, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == caller.UserId, ct).ConfigureAwait(false);
        if (user is null)
        {
            return Error.NotFound(new Text("用户", "user"));
        }

        if (string.IsNullOrWhiteSpace(code) || !await users.VerifyTwoFactorTokenAsync(user, SingleUseAuthenticatorTokenProvider.ProviderName, code).ConfigureAwait(false))
        {
            return Error.Invalid([new FieldError("code", "totp", new Text("动态口令（code）不正确，请输入认证器应用当前显示的 6 位数字。", "The code (code) is wrong: enter the 6 digits your authenticator app shows now."))]);
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        await users.SetTwoFactorEnabledAsync(user, true).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.TwoFactorEnabled, $"{user.UserName} 启用双因素认证 / enabled second factor", "user", user.Id.ToString(), user.OrganisationId));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Turns the second factor off (a current code is required); other sessions end.</summary>
    public async Task<Outcome<bool>> DisableAsync(Caller caller, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == caller.UserId, ct).ConfigureAwait(false);
        if (user is null)
        {
            return Error.NotFound(new Text("用户", "user"));
        }

        if (!user.TwoFactorEnabled)
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(code) || !await users.VerifyTwoFactorTokenAsync(user, SingleUseAuthenticatorTokenProvider.ProviderName, code).ConfigureAwait(false))
        {
            return Error.Invalid([new FieldError("code", "totp", new Text("动态口令（code）不正确。", "The code (code) is wrong."))]);
        }

        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
        await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        change.Record(new AuditEvent(AuditKinds.TwoFactorDisabled, $"{user.UserName} 停用双因素认证 / disabled second factor", "user", user.Id.ToString(), user.OrganisationId));
        await change.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }
}
