namespace GovGuard.Detection.Manifest;

/// <summary>What a manifest entry is.</summary>
public enum ManifestEntryType
{
    /// <summary>A regular file: size and hash recorded (type letter <c>f</c>).</summary>
    File = 0,

    /// <summary>A directory, recorded so that empty ones survive a restore (<c>d</c>).</summary>
    Directory = 1,

    /// <summary>A symbolic link, recorded with its target and never followed (<c>l</c>).</summary>
    Symlink = 2,

    /// <summary>An entry that could not be read when the manifest was made (<c>!</c>).</summary>
    Unreadable = 3,
}

/// <summary>One line of a manifest: a file, directory, link or unreadable entry under the root.</summary>
/// <param name="Path">Relative path, NFC, '/' separators, unescaped.</param>
/// <param name="Type">What it is.</param>
/// <param name="Size">Bytes hashed (files), else null.</param>
/// <param name="Modified">Last write time, UTC, whole seconds (informational: never compared).</param>
/// <param name="Hash">Lower-case hex digest (files), else null.</param>
/// <param name="LinkTarget">The link's target as stored in the link (symlinks), else null.</param>
/// <param name="Error">Why the entry could not be read (trees only; manifests do not keep the reason).</param>
public sealed record ManifestEntry(
    string Path,
    ManifestEntryType Type,
    long? Size,
    DateTimeOffset? Modified,
    string? Hash,
    string? LinkTarget,
    string? Error = null)
{
    /// <summary>The one-letter type code of the manifest format.</summary>
    public char TypeLetter => Type switch
    {
        ManifestEntryType.File => 'f',
        ManifestEntryType.Directory => 'd',
        ManifestEntryType.Symlink => 'l',
        _ => '!',
    };

    /// <summary>Parses a type letter; false for anything else.</summary>
    public static bool TryParseType(char letter, out ManifestEntryType type)
    {
        switch (letter)
        {
            case 'f': type = ManifestEntryType.File; return true;
            case 'd': type = ManifestEntryType.Directory; return true;
            case 'l': type = ManifestEntryType.Symlink; return true;
            case '!': type = ManifestEntryType.Unreadable; return true;
            default: type = default; return false;
        }
    }
}
