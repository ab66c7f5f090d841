using System.Globalization;
using GovGuard.Catalog.Lifecycle;
using GovGuard.Catalog.Roles;
using GovGuard.Platform.Common;
using GovGuard.Platform.Websites;

namespace GovGuard.Platform.Planning;

/// <summary>One planning artefact's content: a typed record that checks itself against the website it is for.</summary>
public interface IPlanningPayload
{
    /// <summary>Adds a field error for every broken rule; paths are the JSON paths (<c>applications[0].name</c>).</summary>
    void Check(PayloadRules rules, PlanningContext context);
}

/// <summary>An organisation engaged on the website now.</summary>
public sealed record EngagedParty(Guid OrganisationId, string Name, EngagementRole Role);

/// <summary>The latest version of another artefact of the same website.</summary>
public sealed record ArtefactSummary(ArtefactKind Kind, int Number, ArtefactStatus Status, string Digest, int? ApprovedNumber, string? ApprovedDigest);

/// <summary>What a payload's rules may depend on: the website as registered, today, who is engaged, and the other artefacts.</summary>
public sealed record PlanningContext(
    int ProtectionLevel,
    DeploymentModel Deployment,
    ServiceModel ServiceModel,
    IReadOnlyList<string> Domains,
    DateOnly Today,
    IReadOnlyList<EngagedParty> Parties,
    IReadOnlyDictionary<ArtefactKind, ArtefactSummary> Latest);

/// <summary>
/// The checks payloads use. Every message names the field by its label and JSON path and states the rule, in both
/// languages; rules that come from the standard cite the clause.
/// </summary>
public sealed class PayloadRules(Type root)
{
    private const int DefaultMax = 4000;

    public Validation Validation { get; } = new();

    public bool IsValid => Validation.IsValid;

    public Text Label(string path) => PayloadSchema.LabelAt(root, path);

    public void Add(string path, string rule, string zh, string en) => Validation.Add(path, rule, zh, en);

    /// <summary>A broken rule of the standard: the message ends with the clause.</summary>
    public void Clause(string path, string rule, string clause, string zh, string en) =>
        Validation.Add(path, rule, $"{zh}（GB/T 38249 {clause}）", $"{en} (GB/T 38249 {clause}).");

    public void Required(string path, string? value, int max = DefaultMax) => Validation.Required(path, Label(path), value, max);

    public void Optional(string path, string? value, int max = DefaultMax) => Validation.Optional(path, Label(path), value, max);

    /// <summary>Text required only when <paramref name="when"/> holds, citing why.</summary>
    public void RequiredWhen(bool when, string path, string? value, string clause, string whyZh, string whyEn, int max = DefaultMax)
    {
        if (when && string.IsNullOrWhiteSpace(value))
        {
            var l = Label(path);
            Clause(path, "required", clause, $"{whyZh}，须填写{l.Zh}（{path}）", $"{whyEn}: {l.En} ({path}) is required");
        }
        else
        {
            Optional(path, value, max);
        }
    }

    public void Present<T>(string path, T? value)
        where T : struct
    {
        if (value is null)
        {
            var l = Label(path);
            Add(path, "required", $"{l.Zh}（{path}）为必填项。", $"{l.En} ({path}) is required.");
        }
    }

    public void Range(string path, int? value, int min, int max, bool required = true)
    {
        if (value is null && !required)
        {
            return;
        }

        Validation.Range(path, Label(path), value, min, max);
    }

    public void Range(string path, decimal? value, decimal min, decimal max)
    {
        var l = Label(path);
        if (value is null)
        {
            Add(path, "required", $"{l.Zh}（{path}）为必填项。", $"{l.En} ({path}) is required.");
        }
        else if (value < min || value > max)
        {
            var (lo, hi) = (min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
            Add(path, "range", $"{l.Zh}（{path}）必须在 {lo} 到 {hi} 之间。", $"{l.En} ({path}) must be between {lo} and {hi}.");
        }
    }

    /// <summary>A statement the standard asks the customer to make: the box must be ticked.</summary>
    public void Confirmed(string path, bool value, string clause)
    {
        if (!value)
        {
            var l = Label(path);
            Clause(path, "must_confirm", clause, $"须确认{l.Zh}（{path}）", $"{l.En} ({path}) must be confirmed");
        }
    }

    public void NotEmpty<T>(string path, IReadOnlyCollection<T> rows, string clause)
    {
        if (rows.Count == 0)
        {
            var l = Label(path);
            Clause(path, "required", clause, $"{l.Zh}（{path}）至少填写一项", $"{l.En} ({path}) needs at least one entry");
        }
    }

    /// <summary>A date that must not lie after today.</summary>
    public void NotFuture(string path, DateOnly? value, DateOnly today)
    {
        if (value > today)
        {
            var l = Label(path);
            Add(path, "not_future", $"{l.Zh}（{path}）不能晚于今天。", $"{l.En} ({path}) cannot be later than today.");
        }
    }

    /// <summary>Two dates in order: <paramref name="laterPath"/> on or after <paramref name="earlierPath"/>.</summary>
    public void Ordered(string earlierPath, DateOnly? earlier, string laterPath, DateOnly? later, bool strictly = false)
    {
        if (earlier is { } a && later is { } b && (strictly ? b <= a : b < a))
        {
            var (le, ll) = (Label(earlierPath), Label(laterPath));
            Add(laterPath, "date_order", $"{ll.Zh}（{laterPath}）必须晚于{le.Zh}（{earlierPath}）。", $"{ll.En} ({laterPath}) must come after {le.En} ({earlierPath}).");
        }
    }
}
