using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Tamper;

/// <summary>How a page stands against its baseline.</summary>
public enum TamperStatus
{
    /// <summary>Nothing but masked dynamic bits differs.</summary>
    Unchanged,

    /// <summary>It differs in a way that looks like a legitimate update (new news item, rotated banner, moved blocks).</summary>
    Changed,

    /// <summary>It differs in a way that looks like defacement; <see cref="TamperResult.Findings"/> says how.</summary>
    Defaced,
}

/// <summary>What changed between a baseline and the current page, as plain text for a side-by-side view (never HTML).</summary>
/// <param name="TitleBefore">The baseline title when the title changed, else null.</param>
/// <param name="TitleAfter">The current title when the title changed, else null.</param>
/// <param name="Removed">Baseline blocks no longer on the page (at most 50, each cut to 300 characters).</param>
/// <param name="Added">Blocks new on the page (same limits).</param>
/// <param name="ResourcesAdded">Hosts the page newly loads scripts, frames or images from, as "script: host".</param>
/// <param name="ResourcesRemoved">Hosts it no longer loads from.</param>
/// <param name="Summary">All of it as plain text lines: "- removed", "+ added", "标题/title: a → b".</param>
public sealed record TamperDiff(
    string? TitleBefore,
    string? TitleAfter,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> ResourcesAdded,
    IReadOnlyList<string> ResourcesRemoved,
    string Summary);

/// <summary>The comparison of a page with its baseline.</summary>
/// <param name="Status">Unchanged, changed (legitimate update) or defaced.</param>
/// <param name="Findings">The tamper.defacement findings (empty unless defaced).</param>
/// <param name="Diff">What changed.</param>
/// <param name="Kept">Share of the baseline's (masked) text still on the page.</param>
/// <param name="Added">Share of the current (masked) text that is new.</param>
/// <param name="StructureSimilarity">Jaccard similarity of the element-tree signatures.</param>
public sealed record TamperResult(
    TamperStatus Status,
    IReadOnlyList<Finding> Findings,
    TamperDiff Diff,
    double Kept,
    double Added,
    double StructureSimilarity);
