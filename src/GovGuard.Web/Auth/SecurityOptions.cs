namespace GovGuard.Web.Auth;

/// <summary>Sign-in policy (configuration section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    /// <summary>Platform administrators must enrol a second factor before doing anything else (等保 level 3 asks for two factors).</summary>
    public bool RequireAdminTwoFactor { get; set; } = true;
}
