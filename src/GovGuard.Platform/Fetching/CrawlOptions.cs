using System.Text.RegularExpressions;

namespace GovGuard.Platform.Fetching;

/// <summary>Limits of a site crawl. Robots-agnostic (the owner's own monitoring), with exclusion patterns instead.</summary>
public sealed class CrawlOptions
{
    /// <summary>Pages fetched at most; more links left is reported as <see cref="CrawlRun.LimitReached"/>.</summary>
    public int MaxPages { get; set; } = 200;

    /// <summary>Link steps from the start page (the start page is depth 0).</summary>
    public int MaxDepth { get; set; } = 10;

    /// <summary>Fetches at once to one host, across every crawl of this crawler (politeness).</summary>
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>Fetches at once across every crawl of this crawler.</summary>
    public int GlobalConcurrency { get; set; } = 16;

    /// <summary>Regular expressions over the absolute URL; a matching link is not followed (logout links, calendars, search pages).</summary>
    public IList<string> Exclude { get; init; } = new List<string>();

    /// <summary>Extensions (without the dot) not fetched beside the built-in list of binary and asset types.</summary>
    public IList<string> SkipExtensions { get; init; } = new List<string>();

    /// <summary>Whose eyes the crawl looks through.</summary>
    public FetchPurpose Purpose { get; set; } = FetchPurpose.Monitor;

    /// <summary>The user agent; required for <see cref="FetchPurpose.Spider"/>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>The problems of these settings, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxPages < 1)
        {
            problems.Add($"{nameof(MaxPages)} must be at least 1.");
        }

        if (MaxDepth < 0)
        {
            problems.Add($"{nameof(MaxDepth)} must not be negative.");
        }

        if (PerHostConcurrency < 1 || GlobalConcurrency < 1)
        {
            problems.Add("Concurrency limits must be at least 1.");
        }

        foreach (var pattern in Exclude)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException ex)
            {
                problems.Add($"The exclusion pattern '{pattern}' is not a regular expression: {ex.Message}");
            }
        }

        return problems;
    }
}
