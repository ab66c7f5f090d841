namespace GovGuard.Detection.Findings;

/// <summary>One problem found by a detector, in the shape of the findings JSONL contract.</summary>
/// <param name="Category">One of <see cref="Categories"/>, exactly.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Target">What was scanned: the site URL, the directory or the log file as given.</param>
/// <param name="Url">The page the finding is on (site scans), else null.</param>
/// <param name="Path">The file relative to the scanned directory with '/' separators (file scans), else null.</param>
/// <param name="Line">1-based line number where known, else null.</param>
/// <param name="Rule">The project's own identifier of the rule or technique that fired.</param>
/// <param name="Message">One sentence, Chinese by default.</param>
/// <param name="Evidence">The shortest excerpt that shows the problem, at most 500 characters.</param>
public sealed record Finding(
    string Category,
    Severity Severity,
    string Target,
    string? Url,
    string? Path,
    long? Line,
    string Rule,
    string Message,
    string Evidence)
{
    /// <summary>The contract's cap on the evidence excerpt.</summary>
    public const int MaxEvidenceLength = 500;

    /// <summary>Cuts an excerpt to the contract's length, ending with an ellipsis when cut.</summary>
    public static string Excerpt(ReadOnlySpan<char> text)
    {
        if (text.Length <= MaxEvidenceLength)
        {
            return text.ToString();
        }

        var cut = text[..(MaxEvidenceLength - 1)];
        // Never split a surrogate pair: the JSON writer would emit a lone surrogate escape.
        if (char.IsHighSurrogate(cut[^1]))
        {
            cut = cut[..^1];
        }

        return string.Concat(cut, "…");
    }
}
