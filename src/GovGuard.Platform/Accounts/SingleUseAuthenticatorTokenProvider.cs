using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace GovGuard.Platform.Accounts;

/// <summary>
/// TOTP (RFC 6238) second factor whose codes work once: the matched time step is remembered and a code of the
/// same or an earlier step is refused, so a code seen over a shoulder or in a log cannot be replayed.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<User>
{
    public const string ProviderName = "GovGuardAuthenticator";
    private const string LastStepToken = "last_totp_step";

    public Task<string> GenerateAsync(string purpose, UserManager<User> manager, User user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<User> manager, User user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        return !string.IsNullOrWhiteSpace(key);
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<User> manager, User user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        var code = token?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, ProviderName, LastStepToken).ConfigureAwait(false);
        if (long.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, ProviderName, LastStepToken, step.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return true;
    }

    /// <summary>The current code for a key (tests and the set-up page's self-check).</summary>
    public static string CurrentCode(string base32Key, DateTimeOffset now) =>
        new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(now.UtcDateTime);
}
