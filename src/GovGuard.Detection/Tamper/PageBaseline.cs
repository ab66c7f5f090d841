using System.Text.Json;
using System.Text.Json.Serialization;
using GovGuard.Detection.Html;

namespace GovGuard.Detection.Tamper;

/// <summary>One text block of a baseline: the text as shown (whitespace collapsed) and the hash of its masked form.</summary>
public sealed record BaselineBlock(string Text, bool Hidden, string Hash);

/// <summary>
/// What a page looked like when it was known to be good, for later tamper comparison: title, text blocks with
/// hashes, structure signature and the hosts it loads scripts, frames and images from. Serialisable with
/// System.Text.Json (<see cref="ToJson"/>, <see cref="FromJson"/>).
/// </summary>
public sealed record PageBaseline
{
    /// <summary>The format version written by this code.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public int Version { get; init; } = CurrentVersion;

    /// <summary>The page URL.</summary>
    public string Url { get; init; } = "";

    /// <summary>The title as shown.</summary>
    public string Title { get; init; } = "";

    /// <summary>The masked title compared with later fetches.</summary>
    public string NormalizedTitle { get; init; } = "";

    public IReadOnlyList<BaselineBlock> Blocks { get; init; } = [];

    /// <summary>Hashed tag paths of the element tree.</summary>
    public IReadOnlyList<uint> Structure { get; init; } = [];

    /// <summary>Hosts scripts are loaded from (lower-case, sorted).</summary>
    public IReadOnlyList<string> ScriptHosts { get; init; } = [];

    /// <summary>Hosts frames are loaded from.</summary>
    public IReadOnlyList<string> FrameHosts { get; init; } = [];

    /// <summary>Hosts images are loaded from.</summary>
    public IReadOnlyList<string> ImageHosts { get; init; } = [];

    /// <summary>The ignore selectors in force when the baseline was made (compare with the same ones).</summary>
    public IReadOnlyList<string> IgnoreSelectors { get; init; } = [];

    /// <summary>Makes the baseline of a page, leaving out what <paramref name="options"/> ignores.</summary>
    public static PageBaseline Create(HtmlPage page, TamperOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        options ??= TamperOptions.Default;
        var masks = ContentNormalizer.Compile(options.MaskPatterns);
        var snapshot = PageSnapshot.Of(page, options.IgnoreSelectors);
        return new PageBaseline
        {
            Url = page.Url.AbsoluteUri,
            Title = page.Title,
            NormalizedTitle = ContentNormalizer.Mask(page.Title, masks),
            Blocks = snapshot.Blocks.Select(b => new BaselineBlock(b.Text, b.Hidden, StableHash.Hex(ContentNormalizer.Mask(b.Text, masks)))).ToList(),
            Structure = page.Structure.Order().ToList(),
            ScriptHosts = snapshot.Hosts(ResourceKind.Script),
            FrameHosts = snapshot.Hosts(ResourceKind.Frame),
            ImageHosts = snapshot.Hosts(ResourceKind.Image),
            IgnoreSelectors = options.IgnoreSelectors.ToList(),
        };
    }

    /// <summary>The baseline as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a baseline written by <see cref="ToJson"/>; throws <see cref="FormatException"/> for another version or bad JSON.</summary>
    public static PageBaseline FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        PageBaseline? b;
        try
        {
            b = JsonSerializer.Deserialize<PageBaseline>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException("the page baseline is not valid JSON: " + e.Message, e);
        }

        if (b is null || b.Version != CurrentVersion)
        {
            throw new FormatException($"the page baseline has version {b?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; this program reads version {CurrentVersion}");
        }

        return b;
    }
}

/// <summary>A page's blocks and resources with a site's ignored parts left out.</summary>
internal sealed record PageSnapshot(IReadOnlyList<TextBlock> Blocks, IReadOnlyList<PageResource> Resources)
{
    public static PageSnapshot Of(HtmlPage page, IReadOnlyList<string> ignoreSelectors)
    {
        var ignored = page.Select(ignoreSelectors);
        return new PageSnapshot(
            page.BlocksExcept(ignored),
            ignored.Count == 0 ? page.Resources : page.Resources.Where(r => !HtmlPage.IsWithin(r.Element, ignored)).ToList());
    }

    public List<string> Hosts(ResourceKind kind) =>
        Resources.Where(r => r.Kind == kind).Select(r => r.Url.IdnHost.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
