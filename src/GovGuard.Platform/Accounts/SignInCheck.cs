using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Accounts;

/// <summary>Why a sign-in did not succeed; the page and the API word it, never telling which part was wrong.</summary>
public enum SignInFailure
{
    None,
    BadCredentials,
    LockedOut,
    CodeRequired,
    BadCode,
    Disabled,
    Throttled,
}

/// <summary>The result of checking a user name, password and (when enrolled) second-factor code.</summary>
public sealed record SignInResult(User? User, SignInFailure Failure, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Failure == SignInFailure.None;

    public Text Message => Failure switch
    {
        SignInFailure.None => new("登录成功。", "Signed in."),
        SignInFailure.LockedOut => new("登录失败次数过多，账号已临时锁定，请 15 分钟后再试。", "Too many failed attempts: the account is locked for 15 minutes."),
        SignInFailure.CodeRequired => new("此账号已启用双因素认证，请输入动态口令（code）。", "This account uses a second factor: enter the code (code)."),
        SignInFailure.Throttled => new(
            $"来自该地址的登录失败次数过多，请 {Minutes} 分钟后再试。",
            $"Too many failed sign-ins from this address: try again in {Minutes} minute(s)."),
        SignInFailure.BadCode => new("动态口令（code）不正确或已使用过。", "The code (code) is wrong or was already used."),
        _ => new("用户名或密码不正确。", "The user name or password is wrong."),
    };

    private int Minutes => (int)Math.Ceiling((RetryAfter ?? TimeSpan.Zero).TotalMinutes);
}

/// <summary>
/// The one place a password is checked (UI sign-in and API token issue): lockout after five failures,
/// single-use TOTP codes, throttling of addresses that fail too often (<see cref="SignInThrottle"/>), and every
/// outcome audited.
/// </summary>
public sealed class SignInCheck(GovGuardDbContext db, UserManager<User> users, AuditLog audit, TimeProvider time, SignInThrottle throttle)
{
    private static string? DummyHash;

    public async Task<SignInResult> CheckAsync(string? userName, string? password, string? code, string? clientAddress, CancellationToken ct)
    {
        if (throttle.RetryAfter(clientAddress) is { } wait)
        {
            await Record(null, AuditKinds.SignInFailed, $"登录被限流（用户名 {Cut(userName)}） / throttled sign-in", clientAddress, ct).ConfigureAwait(false);
            return new SignInResult(null, SignInFailure.Throttled, wait);
        }

        var result = await CheckCredentialsAsync(userName, password, code, clientAddress, ct).ConfigureAwait(false);
        if (result.Failure is not (SignInFailure.None or SignInFailure.CodeRequired))
        {
            throttle.Failed(clientAddress);
        }

        return result;
    }

    private async Task<SignInResult> CheckCredentialsAsync(string? userName, string? password, string? code, string? clientAddress, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName.Trim()).ConfigureAwait(false);
        if (user is null || string.IsNullOrEmpty(password))
        {
            // Same work and the same answer as a wrong password: no probing for user names.
            var dummy = new User { DisplayName = string.Empty };
            users.PasswordHasher.VerifyHashedPassword(dummy, DummyHash ??= users.PasswordHasher.HashPassword(dummy, "GovGuard-no-such-user-1"), password ?? string.Empty);
            await Record(null, AuditKinds.SignInFailed, $"登录失败（用户名 {Cut(userName)}） / failed sign-in", clientAddress, ct).ConfigureAwait(false);
            return new SignInResult(null, SignInFailure.BadCredentials);
        }

        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            await Record(user, AuditKinds.SignInFailed, $"{user.UserName} 登录被拒绝：账号已锁定 / refused: locked out", clientAddress, ct).ConfigureAwait(false);
            return new SignInResult(null, SignInFailure.LockedOut);
        }

        if (!await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            await users.AccessFailedAsync(user).ConfigureAwait(false);
            var locked = await users.IsLockedOutAsync(user).ConfigureAwait(false);
            await Record(user, locked ? AuditKinds.LockedOut : AuditKinds.SignInFailed,
                locked ? $"{user.UserName} 连续登录失败，账号已锁定 / locked out after failures" : $"{user.UserName} 密码错误 / wrong password", clientAddress, ct).ConfigureAwait(false);
            return new SignInResult(null, locked ? SignInFailure.LockedOut : SignInFailure.BadCredentials);
        }

        if (user.Disabled)
        {
            await Record(user, AuditKinds.SignInFailed, $"{user.UserName} 登录被拒绝：账号已停用 / refused: disabled", clientAddress, ct).ConfigureAwait(false);
            return new SignInResult(null, SignInFailure.BadCredentials);
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return new SignInResult(null, SignInFailure.CodeRequired);
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, SingleUseAuthenticatorTokenProvider.ProviderName, code).ConfigureAwait(false))
            {
                await users.AccessFailedAsync(user).ConfigureAwait(false);
                await Record(user, AuditKinds.SignInFailed, $"{user.UserName} 动态口令错误 / wrong second-factor code", clientAddress, ct).ConfigureAwait(false);
                return new SignInResult(null, SignInFailure.BadCode);
            }
        }

        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        user.LastSignInAt = time.GetUtcNow();
        await users.UpdateAsync(user).ConfigureAwait(false);
        await Record(user, AuditKinds.SignIn, $"{user.UserName} 登录 / signed in", clientAddress, ct).ConfigureAwait(false);
        return new SignInResult(user, SignInFailure.None);
    }

    private Task Record(User? user, string kind, string summary, string? clientAddress, CancellationToken ct)
    {
        var caller = user is null
            ? Caller.System with { Name = "anonymous", ClientAddress = clientAddress }
            : new Caller(user.Id, user.UserName ?? user.DisplayName, user.OrganisationId, default, user.Role, user.IsPlatformAdmin, ClientAddress: clientAddress);
        return audit.RecordAsync(db, caller, new AuditEvent(kind, summary, "user", user?.Id.ToString(), user?.OrganisationId,
            Outcome: kind == AuditKinds.SignIn ? AuditOutcomes.Success : AuditOutcomes.Denied), ct);
    }

    private static string Cut(string? s) => s is null ? string.Empty : s.Length <= 40 ? s : s[..40];
}
