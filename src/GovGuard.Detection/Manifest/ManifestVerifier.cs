using System.Globalization;
using System.Text;

namespace GovGuard.Detection.Manifest;

/// <summary>How a tree differs from its manifest at one path.</summary>
public enum ManifestDifferenceKind
{
    /// <summary>In the manifest, not in the tree.</summary>
    Missing = 0,

    /// <summary>In the tree, not in the manifest.</summary>
    Extra = 1,

    /// <summary>Same path and type, other content: size or hash (files), target (links).</summary>
    Altered = 2,

    /// <summary>Same path, other type (e.g. a file became a symbolic link).</summary>
    TypeChanged = 3,

    /// <summary>Cannot be compared: unreadable now, or already unreadable when the manifest was made.</summary>
    Unreadable = 4,
}

/// <summary>One difference between a tree and its manifest.</summary>
/// <param name="Kind">What kind of difference.</param>
/// <param name="Path">The relative path.</param>
/// <param name="Expected">The manifest's entry, when it has one.</param>
/// <param name="Actual">The tree's entry, when it has one.</param>
/// <param name="Detail">What differs, in one English clause (e.g. "size 10 -> 12; sha256 ab12... -> cd34...").</param>
public sealed record ManifestDifference(ManifestDifferenceKind Kind, string Path, ManifestEntry? Expected, ManifestEntry? Actual, string Detail);

/// <summary>The outcome of <see cref="ManifestVerifier.Verify"/>.</summary>
/// <param name="Manifest">Whether the manifest itself is sound; when not, nothing was compared.</param>
/// <param name="Checked">Entries of the tree compared.</param>
/// <param name="Differences">Every difference, in path order.</param>
public sealed record ManifestVerification(ManifestCheck Manifest, long Checked, IReadOnlyList<ManifestDifference> Differences)
{
    /// <summary>True only when the manifest is sound and the tree matches it exactly.</summary>
    public bool Match => Manifest.IsValid && Differences.Count == 0;
}

/// <summary>
/// Compares a tree with a manifest as a merge of two sorted streams (the manifest's lines and a
/// fresh walk of the tree), so neither side is held in memory.
/// </summary>
public static class ManifestVerifier
{
    /// <summary>
    /// Checks the manifest (format, order, self-hash), then compares the tree with it. A bad manifest
    /// is a result (<see cref="ManifestVerification.Manifest"/> not valid), not an exception.
    /// </summary>
    public static ManifestVerification Verify(string root, string manifestPath, ManifestTreeOptions? options = null,
        Action<ManifestDifference>? onDifference = null, CancellationToken cancellationToken = default)
    {
        var check = ManifestReader.Check(manifestPath);
        if (!check.IsValid)
        {
            return new ManifestVerification(check, 0, []);
        }

        var differences = new List<ManifestDifference>();
        long compared = 0;
        foreach (var d in Compare(root, manifestPath, check.Header!.Algorithm, options, () => compared++, cancellationToken))
        {
            differences.Add(d);
            onDifference?.Invoke(d);
        }

        return new ManifestVerification(check, compared, differences);
    }

    /// <summary>
    /// Streams the differences between the tree under <paramref name="root"/> and a manifest already
    /// checked with <see cref="ManifestReader.Check(string)"/>, in path order.
    /// </summary>
    public static IEnumerable<ManifestDifference> Compare(string root, string manifestPath, ManifestAlgorithm algorithm,
        ManifestTreeOptions? options = null, Action? onTreeEntry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        options ??= new ManifestTreeOptions();
        var manifestFull = Path.GetFullPath(manifestPath);
        var treeOptions = new ManifestTreeOptions
        {
            MaxParallelism = options.MaxParallelism,
            BufferSize = options.BufferSize,
            QueueCapacity = options.QueueCapacity,
            // A manifest kept inside the tree it describes is not part of it.
            ExcludedPaths = [.. options.ExcludedPaths, manifestFull, manifestFull + ".tmp"],
        };

        var tree = ManifestTree.Walk(root, algorithm, treeOptions, cancellationToken);
        return Merge(ManifestReader.ReadEntries(manifestPath), onTreeEntry is null ? tree : Observed(tree, onTreeEntry), algorithm,
            "in the manifest, not in the tree", "in the tree, not in the manifest");
    }

    /// <summary>
    /// Compares two manifests, both already checked with <see cref="ManifestReader.Check(string)"/> and made with the
    /// same algorithm: what <paramref name="actualPath"/> (e.g. of a restored or received tree) lacks, adds or alters
    /// against <paramref name="expectedPath"/>. Streams both; neither is held in memory.
    /// </summary>
    public static IEnumerable<ManifestDifference> CompareManifests(string expectedPath, string actualPath, ManifestAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(expectedPath);
        ArgumentNullException.ThrowIfNull(actualPath);
        return Merge(ManifestReader.ReadEntries(expectedPath), ManifestReader.ReadEntries(actualPath), algorithm,
            "in the expected manifest, not in the received one", "in the received manifest, not in the expected one");
    }

    /// <summary>Merges two entry streams in manifest order into their differences.</summary>
    private static IEnumerable<ManifestDifference> Merge(IEnumerable<ManifestEntry> expectedEntries, IEnumerable<ManifestEntry> actualEntries,
        ManifestAlgorithm algorithm, string missingDetail, string extraDetail)
    {
        using var expected = expectedEntries.GetEnumerator();
        using var actual = actualEntries.GetEnumerator();
        var hasExpected = expected.MoveNext();
        var hasActual = actual.MoveNext();
        while (hasExpected || hasActual)
        {
            var order = !hasExpected ? 1 : !hasActual ? -1 : ManifestPath.Compare(expected.Current.Path, actual.Current.Path);
            if (order < 0)
            {
                yield return new ManifestDifference(ManifestDifferenceKind.Missing, expected.Current.Path, expected.Current, null, missingDetail);
                hasExpected = expected.MoveNext();
            }
            else if (order > 0)
            {
                yield return new ManifestDifference(ManifestDifferenceKind.Extra, actual.Current.Path, null, actual.Current, extraDetail);
                hasActual = actual.MoveNext();
            }
            else
            {
                if (Diff(expected.Current, actual.Current, algorithm) is { } d)
                {
                    yield return d;
                }

                hasExpected = expected.MoveNext();
                hasActual = actual.MoveNext();
            }
        }
    }

    private static IEnumerable<ManifestEntry> Observed(IEnumerable<ManifestEntry> entries, Action onEntry)
    {
        foreach (var e in entries)
        {
            onEntry();
            yield return e;
        }
    }

    /// <summary>The difference between two entries of the same path, or null when they match.</summary>
    public static ManifestDifference? Diff(ManifestEntry expected, ManifestEntry actual, ManifestAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var path = expected.Path;
        if (actual.Type == ManifestEntryType.Unreadable)
        {
            return new ManifestDifference(ManifestDifferenceKind.Unreadable, path, expected, actual,
                "cannot be read now: " + (actual.Error ?? "unknown error"));
        }

        if (expected.Type == ManifestEntryType.Unreadable)
        {
            return new ManifestDifference(ManifestDifferenceKind.Unreadable, path, expected, actual,
                "was unreadable when the manifest was made, so it cannot be verified");
        }

        if (expected.Type != actual.Type)
        {
            return new ManifestDifference(ManifestDifferenceKind.TypeChanged, path, expected, actual,
                $"type {Describe(expected.Type)} -> {Describe(actual.Type)}"
                + (actual.Type == ManifestEntryType.Symlink ? $" (target {actual.LinkTarget})" : string.Empty));
        }

        switch (expected.Type)
        {
            case ManifestEntryType.File:
                var sizeDiffers = expected.Size != actual.Size;
                var hashDiffers = !string.Equals(expected.Hash, actual.Hash, StringComparison.Ordinal);
                if (!sizeDiffers && !hashDiffers)
                {
                    return null;
                }

                var sb = new StringBuilder();
                if (sizeDiffers)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"size {expected.Size} -> {actual.Size}; ");
                }

                sb.Append(CultureInfo.InvariantCulture, $"{algorithm.ToWire()} {expected.Hash} -> {actual.Hash}");
                return new ManifestDifference(ManifestDifferenceKind.Altered, path, expected, actual, sb.ToString());
            case ManifestEntryType.Symlink when !string.Equals(expected.LinkTarget, actual.LinkTarget, StringComparison.Ordinal):
                return new ManifestDifference(ManifestDifferenceKind.Altered, path, expected, actual,
                    $"link target {expected.LinkTarget} -> {actual.LinkTarget}");
            default:
                return null;
        }
    }

    /// <summary>"file", "directory", "symlink" or "unreadable".</summary>
    public static string Describe(ManifestEntryType type) => type switch
    {
        ManifestEntryType.File => "file",
        ManifestEntryType.Directory => "directory",
        ManifestEntryType.Symlink => "symlink",
        _ => "unreadable",
    };

    /// <summary>"missing", "extra", "altered", "type_changed" or "unreadable" (the JSON form).</summary>
    public static string ToWire(this ManifestDifferenceKind kind) => kind switch
    {
        ManifestDifferenceKind.Missing => "missing",
        ManifestDifferenceKind.Extra => "extra",
        ManifestDifferenceKind.Altered => "altered",
        ManifestDifferenceKind.TypeChanged => "type_changed",
        _ => "unreadable",
    };
}
