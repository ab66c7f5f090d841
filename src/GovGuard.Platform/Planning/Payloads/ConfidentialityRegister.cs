using GovGuard.Catalog;

namespace GovGuard.Platform.Planning.Payloads;

/// <summary>Who signs a confidentiality agreement: the supplier itself or one of its staff (5.5.3).</summary>
public enum Signatory
{
    [Term("company", "服务商", "Supplier")]
    Company,

    [Term("employee", "服务商员工", "Supplier's employee")]
    Employee,
}

/// <summary>The register of confidentiality agreements (GB/T 38249 5.5.3).</summary>
public sealed record ConfidentialityRegister : IPlanningPayload
{
    /// <summary>How many days ahead the report warns of an agreement running out.</summary>
    public const int ExpiryWarningDays = 30;

    [Field("保密协议", "Confidentiality agreements", Clause = "5.5.3")]
    public List<ConfidentialityAgreement> Agreements { get; init; } = [];

    public void Check(PayloadRules rules, PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(context);
        rules.NotEmpty("agreements", Agreements, "5.5.3");
        for (var i = 0; i < Agreements.Count; i++)
        {
            var a = Agreements[i];
            var p = $"agreements[{i}]";
            rules.Required($"{p}.party", a.Party, 200);
            rules.Present($"{p}.signatory", a.Signatory);
            rules.RequiredWhen(a.Signatory == Payloads.Signatory.Employee, $"{p}.person", a.Person, "5.5.3", "与服务商内部员工签订时", "For an agreement with a supplier's employee", 100);
            rules.Required($"{p}.scope", a.Scope);
            rules.Present($"{p}.signedOn", a.SignedOn);
            rules.NotFuture($"{p}.signedOn", a.SignedOn, context.Today);
            rules.Ordered($"{p}.signedOn", a.SignedOn, $"{p}.expiresOn", a.ExpiresOn, strictly: true);
            rules.Optional($"{p}.reference", a.Reference, 200);
        }
    }

    /// <summary>Agreements in force on <paramref name="day"/> (signed, and not yet expired).</summary>
    public IEnumerable<ConfidentialityAgreement> InForce(DateOnly day) =>
        Agreements.Where(a => a.SignedOn <= day && (a.ExpiresOn is null || a.ExpiresOn >= day));
}

/// <summary>One signed confidentiality agreement.</summary>
public sealed record ConfidentialityAgreement
{
    [Field("服务商", "Supplier")]
    public string? Party { get; init; }

    [Field("签订方", "Signed by")]
    public Signatory? Signatory { get; init; }

    [Field("员工姓名", "Employee")]
    public string? Person { get; init; }

    [Field("保密范围", "Scope", Long = true)]
    public string? Scope { get; init; }

    [Field("签订日期", "Signed on")]
    public DateOnly? SignedOn { get; init; }

    [Field("到期日期", "Expires on")]
    public DateOnly? ExpiresOn { get; init; }

    [Field("协议编号", "Reference")]
    public string? Reference { get; init; }
}
