using GovGuard.Catalog;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Organisations;

/// <summary>Names of organisation kinds for pages and reports.</summary>
public static class OrganisationKinds
{
    public static Text Name(OrganisationKind kind) => new(kind.NameZh(), kind.NameEn());
}

/// <summary>An organisation: a customer, a provider, an agent or an assessor. Every user belongs to one.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public OrganisationKind Kind { get; set; }

    /// <summary>统一社会信用代码 (18 characters), when known.</summary>
    public string? CreditCode { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
