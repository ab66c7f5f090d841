namespace GovGuard.Detection.Content;

/// <summary>When the harmful-content detector reports a category, and how hard it looks through disguises.</summary>
public sealed record HarmfulContentOptions
{
    /// <summary>A category is reported when the weights of its distinct terms on the page add up to this.</summary>
    public int MinimumWeight { get; init; } = 10;

    /// <summary>…and when at least this many distinct terms of the category are on the page.</summary>
    public int MinimumDistinctTerms { get; init; } = 1;

    /// <summary>Undo disguises (full-width, traditional, entities, zero-width, inserted separators) before matching.</summary>
    public bool HandleEvasion { get; init; } = true;

    /// <summary>Apply the lexicon's context words (打击, 举报, 防范 … 违法犯罪) that neutralise hits in the same sentence.</summary>
    public bool ApplyContextRules { get; init; } = true;

    /// <summary>Texts longer than this (in characters) are matched in chunks on several cores.</summary>
    public int ParallelThreshold { get; init; } = 1 << 20;

    /// <summary>The defaults.</summary>
    public static HarmfulContentOptions Default { get; } = new();
}

/// <summary>Why a term occurrence does not count.</summary>
public enum HitSuppression
{
    /// <summary>It counts.</summary>
    None,

    /// <summary>It lies in a whitelist phrase (福利彩票, 反赌博).</summary>
    Whitelist,

    /// <summary>A context word in the same sentence says the text is about fighting it (严厉打击 … 赌博).</summary>
    Context,
}

/// <summary>One occurrence of a lexicon term in a text, located in the ORIGINAL text.</summary>
/// <param name="Term">The term as written in the lexicon.</param>
/// <param name="Category">Its category.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Start">Start index in the original text.</param>
/// <param name="Length">Length in the original text (longer than the term when it was disguised).</param>
/// <param name="Excerpt">The original characters (with whatever disguise they carried).</param>
public sealed record TermHit(string Term, string Category, int Weight, int Start, int Length, string Excerpt);
