using GovGuard.Platform.Access;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Accounts;

/// <summary>Turns a signed-in user id into a <see cref="Caller"/>, read fresh from the database.</summary>
public sealed class CallerResolver(GovGuardDbContext db)
{
    /// <summary>The caller, or null when the user is gone, disabled or locked out.</summary>
    public async Task<Caller?> ResolveAsync(Guid userId, string? securityStamp, bool readOnlyToken, string? clientAddress, CancellationToken ct)
    {
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new { u, o.Kind })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (row is null || row.u.Disabled || (securityStamp is not null && securityStamp != row.u.SecurityStamp))
        {
            return null;
        }

        return new Caller(row.u.Id, row.u.UserName ?? row.u.DisplayName, row.u.OrganisationId, row.Kind, row.u.Role, row.u.IsPlatformAdmin, readOnlyToken, clientAddress,
            row.u.MustChangePassword, row.u.TwoFactorEnabled);
    }
}
