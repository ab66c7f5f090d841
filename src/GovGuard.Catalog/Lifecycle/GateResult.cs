namespace GovGuard.Catalog.Lifecycle;

/// <summary>One reason a phase change is refused or warned about, with the clause it rests on.</summary>
/// <param name="Code">Stable code for the UI and the API, e.g. <c>level4_on_public_cloud</c>.</param>
/// <param name="Clause">The catalog id or section of GB/T 38249 the rule comes from, e.g. <c>5.3.2.c</c>.</param>
/// <param name="MessageZh">One sentence in Chinese, the UI's default language.</param>
/// <param name="MessageEn">The same sentence in English.</param>
public sealed record GateIssue(string Code, string Clause, string MessageZh, string MessageEn)
{
    public override string ToString() => $"{Code} ({Clause}): {MessageEn}";
}

/// <summary>The outcome of asking to move a website from one lifecycle state to another.</summary>
public sealed record GateResult(
    LifecycleState From,
    LifecycleState To,
    IReadOnlyList<GateIssue> Failures,
    IReadOnlyList<GateIssue> Warnings)
{
    /// <summary>True when nothing blocks the move; warnings may still stand.</summary>
    public bool Allowed => Failures.Count == 0;
}
