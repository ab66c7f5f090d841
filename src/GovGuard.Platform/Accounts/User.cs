using GovGuard.Platform.Common;
using Microsoft.AspNetCore.Identity;

namespace GovGuard.Platform.Accounts;

/// <summary>What a user may do inside their own organisation.</summary>
public enum OrgRole
{
    /// <summary>Manages the organisation's users and everything the organisation may do.</summary>
    Admin,

    /// <summary>Does the organisation's work: creates and edits what the organisation may edit.</summary>
    Member,

    /// <summary>Reads only.</summary>
    Viewer,
}

/// <summary>Names of organisation roles for pages.</summary>
public static class OrgRoles
{
    public static Text Name(OrgRole role) => role switch
    {
        OrgRole.Admin => new("单位管理员", "Organisation administrator"),
        OrgRole.Member => new("工作人员", "Member"),
        OrgRole.Viewer => new("只读", "Viewer"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}

/// <summary>A person who signs in. Belongs to exactly one organisation.</summary>
public sealed class User : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    public Guid OrganisationId { get; set; }

    public OrgRole Role { get; set; }

    /// <summary>A platform administrator sees and manages every organisation.</summary>
    public bool IsPlatformAdmin { get; set; }

    /// <summary>Set for a password handed out once (the first administrator, a reset): it must be changed at sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
