using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovGuard.Platform.Scanning;

/// <summary>
/// A site's baseline file (<c>govguard baseline</c>): what every page looked like when it was known to be good,
/// for later tamper comparison (<c>govguard scan site --baseline</c>). JSON, UTF-8, versioned; written atomically.
/// </summary>
public sealed record SiteBaseline
{
    /// <summary>The value of <see cref="Format"/>: tells a baseline from any other JSON file.</summary>
    public const string FormatName = "govguard.site-baseline";

    /// <summary>The file version written by this code.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Always <see cref="FormatName"/>; required when read, so that no other JSON file passes for a baseline.</summary>
    [JsonRequired]
    public string Format { get; init; } = FormatName;

    [JsonRequired]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The site URL as given to <c>govguard baseline</c>.</summary>
    public string Site { get; init; } = "";

    /// <summary>The origin the crawl ended up on (<c>scheme://host[:port]/</c>), what a later scan must match.</summary>
    public string Origin { get; init; } = "";

    /// <summary>When the crawl started (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The page limit of the crawl.</summary>
    public int MaxPages { get; init; }

    /// <summary>False when pages could not be fetched whole or the page limit stopped the crawl; see <see cref="Incomplete"/>.</summary>
    public bool Complete { get; init; }

    /// <summary>Pages left out and why.</summary>
    public IReadOnlyList<BaselineGap> Incomplete { get; init; } = [];

    public IReadOnlyList<BaselineEntry> Pages { get; init; } = [];

    /// <summary>The entry of a page by its URL (as crawled or after redirects), or null.</summary>
    public BaselineEntry? Find(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var key = Key(url);
        return Pages.FirstOrDefault(p => Key(p.Url) == key || (p.FinalUrl is not null && Key(p.FinalUrl) == key));
    }

    /// <summary>True when this is the baseline of the site at <paramref name="site"/> (its origin as given or as crawled).</summary>
    public bool IsOf(Uri site)
    {
        var origin = OriginOf(site);
        return origin == Origin || (Uri.TryCreate(Site, UriKind.Absolute, out var given) && origin == OriginOf(given));
    }

    /// <summary>The origin of a URL as this file writes it.</summary>
    public static string OriginOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetLeftPart(UriPartial.Authority) + "/";
    }

    /// <summary>SHA-256 of a body, lower-case hex.</summary>
    public static string Sha256(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Reads a baseline file; <see cref="FormatException"/> when it is not one, or of another version.</summary>
    public static SiteBaseline Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        SiteBaseline? b;
        try
        {
            using var stream = File.OpenRead(path);
            b = JsonSerializer.Deserialize<SiteBaseline>(stream, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a GovGuard site baseline ({e.Message})", e);
        }

        if (b is null || b.Format != FormatName)
        {
            throw new FormatException($"{path} is not a GovGuard site baseline (written by `govguard baseline`)");
        }

        if (b.Version != CurrentVersion)
        {
            throw new FormatException($"{path} is a site baseline of version {b.Version}; this program reads version {CurrentVersion}: make a new one with `govguard baseline`");
        }

        foreach (var entry in b.Pages)
        {
            try
            {
                _ = entry.Page is { } page ? Detection.Tamper.PageBaseline.FromJson(page.GetRawText()) : null;
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}: the entry of {entry.Url} is not usable ({e.Message}); make a new baseline with `govguard baseline`", e);
            }
        }

        return b;
    }

    /// <summary>
    /// Writes the file atomically: to a temporary file beside it, flushed to disk, then renamed over the target,
    /// so that a crash or a full disk never leaves half a baseline where a good one was.
    /// </summary>
    public void Write(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                JsonSerializer.Serialize(stream, this, Json);
                stream.Write("\n"u8);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static string Key(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) ? Key(u) : url;

    private static string Key(Uri url) => url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
}

/// <summary>One page of a baseline.</summary>
/// <param name="Url">The URL crawled.</param>
/// <param name="FinalUrl">Where it ended after redirects, when elsewhere; else null.</param>
/// <param name="FetchedAt">When it was fetched (UTC).</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="MediaType">The media type (text/html).</param>
/// <param name="Sha256">SHA-256 of the body as received (lower-case hex): tells at a glance whether anything changed.</param>
/// <param name="Page">The tamper detector's own baseline of the page (HTML pages), null for other pages.</param>
public sealed record BaselineEntry(string Url, string? FinalUrl, DateTimeOffset FetchedAt, int Status, string? MediaType, string Sha256, JsonElement? Page);

/// <summary>A page left out of a baseline.</summary>
public sealed record BaselineGap(string Url, string Reason);
