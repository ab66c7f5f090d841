using System.Security.Claims;
using GovGuard.Platform.Access;
using GovGuard.Platform.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Auth;

/// <summary>The resolved <see cref="Caller"/> of a request.</summary>
public static class CallerContext
{
    private const string Key = "govguard.caller";

    /// <summary>The caller; only call on endpoints that require authorisation.</summary>
    public static Caller Caller(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[Key] as Caller ?? throw new InvalidOperationException("No caller: the endpoint must require authorisation.");
    }

    /// <summary>The caller, or null for an anonymous request.</summary>
    public static Caller? CallerOrNull(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[Key] as Caller;
    }

    /// <summary>
    /// After authentication: reads the user afresh. A disabled user, or a cookie whose security stamp is old
    /// (password changed, second factor reset, role lowered), makes the request anonymous at once.
    /// </summary>
    public static async Task ResolveAsync(HttpContext http, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (http.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var viaToken = http.User.Identity.AuthenticationType == TokenAuthentication.SchemeName;
            var stamp = viaToken ? null : http.User.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType) ?? string.Empty;
            var readOnly = http.User.HasClaim(TokenAuthentication.ReadOnlyClaim, "true");
            var resolver = http.RequestServices.GetRequiredService<CallerResolver>();
            var caller = await resolver.ResolveAsync(userId, stamp, readOnly, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false);
            if (caller is null)
            {
                if (!viaToken)
                {
                    await http.SignOutAsync(IdentityConstants.ApplicationScheme).ConfigureAwait(false);
                }

                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                http.Items[Key] = caller;
            }
        }

        await next().ConfigureAwait(false);
    }
}
