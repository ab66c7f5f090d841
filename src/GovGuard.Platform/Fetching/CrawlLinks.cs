using System.Net;

namespace GovGuard.Platform.Fetching;

/// <summary>
/// Navigable links of a page (a and area href, frame and iframe src, resolved against &lt;base href&gt;),
/// normalised for a crawl: absolute, http/https only, no fragment; mailto:, javascript:, tel: and data: dropped.
/// </summary>
public static class CrawlLinks
{
    private static readonly HashSet<string> Binary = new(StringComparer.OrdinalIgnoreCase)
    {
        "jpg", "jpeg", "png", "gif", "bmp", "webp", "svg", "ico", "tif", "tiff", "psd", "heic",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "odt", "ods", "odp", "rtf", "ofd", "ceb", "txt", "csv",
        "zip", "rar", "7z", "gz", "tgz", "bz2", "xz", "tar", "iso", "dmg", "exe", "msi", "apk", "ipa", "bin", "dll", "so", "deb", "rpm", "jar", "war",
        "mp3", "mp4", "avi", "mov", "wmv", "flv", "mkv", "webm", "wav", "ogg", "m4a", "m3u8", "ts", "swf", "rm", "rmvb",
        "css", "js", "mjs", "json", "xml", "woff", "woff2", "ttf", "eot", "otf", "map",
    };

    /// <summary>The distinct links of <paramref name="html"/>, in document order, resolved against <paramref name="page"/>.</summary>
    public static IReadOnlyList<Uri> Extract(string html, Uri page)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(page);
        var links = new List<Uri>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baseUri = page;
        var baseSeen = false;
        var reader = new HtmlTagReader(html);
        while (reader.NextTag(out var tag))
        {
            var attribute = tag.Equals("a", StringComparison.OrdinalIgnoreCase) || tag.Equals("area", StringComparison.OrdinalIgnoreCase) ? "href"
                : tag.Equals("frame", StringComparison.OrdinalIgnoreCase) || tag.Equals("iframe", StringComparison.OrdinalIgnoreCase) ? "src"
                : tag.Equals("base", StringComparison.OrdinalIgnoreCase) ? "base" : null;
            if (attribute is null)
            {
                continue;
            }

            while (reader.NextAttribute(out var name, out var value))
            {
                if (attribute == "base" && !baseSeen && name.Equals("href", StringComparison.OrdinalIgnoreCase))
                {
                    // Only the first <base href> counts, as in browsers.
                    baseSeen = true;
                    baseUri = Normalize(page, value) ?? page;
                }
                else if (name.Equals(attribute, StringComparison.OrdinalIgnoreCase) && Normalize(baseUri, value) is { } link && seen.Add(Urls.Key(link)))
                {
                    links.Add(link);
                }
            }
        }

        return links;
    }

    /// <summary>
    /// Resolves <paramref name="href"/> (as written in HTML, entities allowed) against <paramref name="baseUri"/>;
    /// null for anything not an http or https URL.
    /// </summary>
    public static Uri? Normalize(Uri baseUri, ReadOnlySpan<char> href)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var text = href.Contains('&') ? WebUtility.HtmlDecode(href.ToString()) : href.ToString();
        // Browsers strip tabs and newlines anywhere in a URL, and spaces at its ends.
        text = text.Replace("\t", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && text.AsSpan(0, colon).IndexOfAny('/', '?', '#') < 0
            && !text.AsSpan(0, colon).Equals("http", StringComparison.OrdinalIgnoreCase)
            && !text.AsSpan(0, colon).Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            // mailto:, javascript:, tel:, data:, ftp:, ...
            return null;
        }

        if (!Uri.TryCreate(baseUri, text, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.IdnHost.Length == 0)
        {
            return null;
        }

        return Urls.WithoutFragment(uri);
    }

    /// <summary>True when the path ends in an extension of a binary or asset type (images, documents, archives, media, scripts, styles).</summary>
    public static bool LooksBinary(Uri uri, ICollection<string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var path = uri.AbsolutePath;
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        if (dot <= slash)
        {
            return false;
        }

        var ext = path[(dot + 1)..];
        return Binary.Contains(ext) || (extra is not null && extra.Contains(ext, StringComparer.OrdinalIgnoreCase));
    }
}
