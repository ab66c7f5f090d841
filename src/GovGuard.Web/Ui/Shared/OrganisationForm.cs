using GovGuard.Platform.Organisations;

namespace GovGuard.Web.Ui.Shared;

/// <summary>The organisation form as posted.</summary>
public sealed class OrganisationForm
{
    public string? Name { get; set; }

    public string? Kind { get; set; }

    public string? CreditCode { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    public static OrganisationForm From(OrganisationView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new OrganisationForm
        {
            Name = view.Name,
            CreditCode = view.CreditCode,
            ContactName = view.ContactName,
            ContactPhone = view.ContactPhone,
            ContactEmail = view.ContactEmail,
        };
    }

    /// <summary>The kind is only sent on creation: it cannot change afterwards.</summary>
    public OrganisationInput ToInput(bool withKind) => new(Name, withKind ? Kind : null, CreditCode, ContactName, ContactPhone, ContactEmail);
}
