using System.Globalization;

namespace GovGuard.Detection.Manifest;

/// <summary>The constants of manifest format version 1 (see docs/manifest.md).</summary>
public static class ManifestFormat
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>First word of the header line.</summary>
    public const string Magic = "#govguard-manifest";

    /// <summary>First word of the closing line that carries the self-hash.</summary>
    public const string EndMarker = "#end";

    /// <summary>Separates the fields of an entry line (two spaces, like sha256sum).</summary>
    public const string FieldSeparator = "  ";

    /// <summary>Separates a link's path from its target.</summary>
    public const string LinkArrow = " -> ";

    /// <summary>The time format of entries and header: UTC, whole seconds.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Formats a time the way manifests store it.</summary>
    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses a manifest time.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        if (DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
        {
            time = new DateTimeOffset(dt, TimeSpan.Zero);
            return true;
        }

        time = default;
        return false;
    }
}

/// <summary>The header line of a manifest.</summary>
/// <param name="Version">Format version (1).</param>
/// <param name="Algorithm">Hash of every file and of the manifest itself.</param>
/// <param name="Created">When the manifest was made (UTC).</param>
/// <param name="RootName">The name of the directory it describes (the last path component only).</param>
public sealed record ManifestHeader(int Version, ManifestAlgorithm Algorithm, DateTimeOffset Created, string RootName);
