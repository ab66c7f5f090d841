using GovGuard.Catalog.Roles;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Organisations;

namespace GovGuard.Platform.Access;

/// <summary>
/// Who is asking: read fresh from the database on every request (never trusted from a cookie's claims), so a
/// disabled user or a changed role takes effect at once.
/// </summary>
public sealed record Caller(
    Guid UserId,
    string Name,
    Guid OrganisationId,
    OrganisationKind OrganisationKind,
    OrgRole Role,
    bool IsPlatformAdmin,
    bool ReadOnlyToken = false,
    string? ClientAddress = null,
    bool MustChangePassword = false,
    bool TwoFactorEnabled = false)
{
    /// <summary>GovGuard itself (first start, background work).</summary>
    public static Caller System { get; } = new(Guid.Empty, "system", Guid.Empty, OrganisationKind.GovernmentCustomer, OrgRole.Admin, true);

    public bool IsSystem => UserId == Guid.Empty;

    /// <summary>May change anything at all (not a viewer, not through a read-only token).</summary>
    public bool CanWrite => Role != OrgRole.Viewer && !ReadOnlyToken;

    /// <summary>Administers their own organisation.</summary>
    public bool IsOrgAdmin => (Role == OrgRole.Admin && CanWrite) || IsPlatformAdmin;
}
