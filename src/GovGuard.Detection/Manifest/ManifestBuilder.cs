namespace GovGuard.Detection.Manifest;

/// <summary>What <see cref="ManifestBuilder"/> wrote.</summary>
/// <param name="Header">The manifest's header.</param>
/// <param name="Entries">Entry lines written.</param>
/// <param name="Files">Regular files hashed.</param>
/// <param name="Bytes">Bytes hashed.</param>
/// <param name="Unreadable">Entries that could not be read, with the reason (also written as '!' lines).</param>
public sealed record ManifestBuildResult(ManifestHeader Header, long Entries, long Files, long Bytes, IReadOnlyList<ManifestEntry> Unreadable);

/// <summary>
/// Writes the manifest of a directory tree: every file with size and hash, directories, and links
/// with their targets, in a stable order, closed by the manifest's own hash.
/// </summary>
/// <remarks>
/// GB/T 38249 8.2.1 b / 8.3.4: the data handed back at exit is checked against a manifest;
/// 6.3.4: a restore is checked against the backup's manifest; 7.4.4 a: the web root's baseline.
/// </remarks>
public sealed class ManifestBuilder(TimeProvider timeProvider)
{
    /// <summary>Walks <paramref name="root"/> and writes its manifest to <paramref name="output"/>.</summary>
    /// <param name="root">The directory to describe.</param>
    /// <param name="output">Where the manifest text goes.</param>
    /// <param name="algorithm">SHA-256 or SM3.</param>
    /// <param name="options">Parallelism, buffer size, excluded paths.</param>
    /// <param name="observe">Called for every entry as it is written (progress); on the calling thread.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    public ManifestBuildResult Build(string root, Stream output, ManifestAlgorithm algorithm, ManifestTreeOptions? options = null,
        Action<ManifestEntry>? observe = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var name = Path.GetFileName(full);
        var header = new ManifestHeader(ManifestFormat.Version, algorithm, timeProvider.GetUtcNow(),
            ManifestPath.Normalize(name.Length == 0 ? "/" : name));
        var unreadable = new List<ManifestEntry>();
        long files = 0, bytes = 0;
        using var writer = new ManifestWriter(output, header);
        foreach (var entry in ManifestTree.Walk(full, algorithm, options, cancellationToken))
        {
            writer.Write(entry);
            if (entry.Type == ManifestEntryType.File)
            {
                files++;
                bytes += entry.Size ?? 0;
            }
            else if (entry.Type == ManifestEntryType.Unreadable)
            {
                unreadable.Add(entry);
            }

            observe?.Invoke(entry);
        }

        writer.Complete();
        return new ManifestBuildResult(header, writer.Entries, files, bytes, unreadable);
    }

    /// <summary>
    /// Writes the manifest to a file, atomically (a temporary file renamed into place), leaving the
    /// manifest itself out of the walk when it lies inside the tree.
    /// </summary>
    public ManifestBuildResult BuildFile(string root, string manifestPath, ManifestAlgorithm algorithm, ManifestTreeOptions? options = null,
        Action<ManifestEntry>? observe = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        var target = Path.GetFullPath(manifestPath);
        var temp = target + ".tmp";
        options ??= new ManifestTreeOptions();
        var withExclusions = new ManifestTreeOptions
        {
            MaxParallelism = options.MaxParallelism,
            BufferSize = options.BufferSize,
            QueueCapacity = options.QueueCapacity,
            ExcludedPaths = [.. options.ExcludedPaths, target, temp],
        };
        try
        {
            ManifestBuildResult result;
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1))
            {
                result = Build(root, stream, algorithm, withExclusions, observe, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
            return result;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
