namespace GovGuard.Detection.Tamper;

/// <summary>Per-site tamper settings: what to ignore and when a change is defacement rather than an update.</summary>
public sealed record TamperOptions
{
    /// <summary>CSS selectors of parts that change on their own (weather, clocks, visitor counters, ad slots); dropped before comparing.</summary>
    public IReadOnlyList<string> IgnoreSelectors { get; init; } = [];

    /// <summary>Regular expressions whose matches are masked before comparing (e.g. "访问量：\\S+").</summary>
    public IReadOnlyList<string> MaskPatterns { get; init; } = [];

    /// <summary>Body replaced: less than this share of the baseline's text remains…</summary>
    public double ReplacedKeptBelow { get; init; } = 0.35;

    /// <summary>…and more than this share of the current text is new.</summary>
    public double ReplacedAddedAbove { get; init; } = 0.5;

    /// <summary>Large removal: less than this share of the baseline's text remains and the page shrank below it.</summary>
    public double RemovalKeptBelow { get; init; } = 0.5;

    /// <summary>Title replaced: bigram similarity of the masked titles below this.</summary>
    public double TitleSimilarityBelow { get; init; } = 0.5;

    /// <summary>Injected text: more than this share of the current text is new while the old text is all there.</summary>
    public double InjectedAddedAbove { get; init; } = 0.6;

    /// <summary>Baselines with less text than this (masked characters) are only checked for title and resources.</summary>
    public int MinimumBaselineChars { get; init; } = 40;

    /// <summary>Phrases that defacers sign with; any in new text is injected content.</summary>
    public IReadOnlyList<string> DefacementPhrases { get; init; } =
        ["hacked by", "hacked", "owned by", "pwned", "defaced", "被黑", "黑客", "入侵", "h4ck", "security breach"];

    /// <summary>The defaults.</summary>
    public static TamperOptions Default { get; } = new();
}
