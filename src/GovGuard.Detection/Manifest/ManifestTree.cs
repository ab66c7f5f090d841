using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Enumeration;

namespace GovGuard.Detection.Manifest;

/// <summary>
/// Walks a directory tree in manifest order and hashes its files in parallel: one thread walks
/// (each directory's children sorted, depth first), N threads hash, and the caller receives the
/// entries in order through a bounded queue — memory stays flat however large the tree is,
/// apart from the sorted child lists along the current path.
/// </summary>
public static class ManifestTree
{
    /// <summary>
    /// The entries under <paramref name="root"/> (not the root itself), in <see cref="ManifestPath.Comparer"/>
    /// order, hashed with <paramref name="algorithm"/>. Unreadable entries come out as
    /// <see cref="ManifestEntryType.Unreadable"/> with the reason; symbolic links are recorded, not followed.
    /// </summary>
    public static IEnumerable<ManifestEntry> Walk(string root, ManifestAlgorithm algorithm, ManifestTreeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        options ??= new ManifestTreeOptions();
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException(root);
        }

        return WalkCore(full, algorithm, options, cancellationToken);
    }

    private static IEnumerable<ManifestEntry> WalkCore(string root, ManifestAlgorithm algorithm, ManifestTreeOptions options,
        CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ct = cts.Token;
        var capacity = Math.Max(16, options.QueueCapacity);
        using var work = new BlockingCollection<Job>(capacity);
        using var ordered = new BlockingCollection<Job>(capacity);
        var excluded = new HashSet<string>(options.ExcludedPaths.Select(Path.GetFullPath), StringComparer.Ordinal);
        Exception? walkFailure = null;

        var walker = new Thread(() =>
        {
            try
            {
                WalkTree(root, excluded, EmptyHash(algorithm), work, ordered, ct);
            }
#pragma warning disable CA1031 // Carried to the consumer thread and rethrown there.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                walkFailure = e;
            }
            catch (OperationCanceledException)
            {
                // The consumer stopped early or was cancelled; nothing to report.
            }
            finally
            {
                work.CompleteAdding();
                ordered.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "manifest-walk" };

        var workers = new Thread[Math.Max(1, options.MaxParallelism)];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Thread(() => HashWorker(work, algorithm, options.BufferSize, ct))
            { IsBackground = true, Name = "manifest-hash-" + i };
        }

        walker.Start();
        foreach (var w in workers)
        {
            w.Start();
        }

        try
        {
            foreach (var job in ordered.GetConsumingEnumerable(ct))
            {
                yield return job.WaitResult(ct);
            }

            if (walkFailure is not null)
            {
                throw new IOException($"The walk of {root} failed: {walkFailure.Message}", walkFailure);
            }
        }
        finally
        {
            // Stops the threads when the caller leaves early (break, exception, cancellation).
            cts.Cancel();
            walker.Join();
            foreach (var w in workers)
            {
                w.Join();
            }
        }
    }

    /// <summary>The digest of zero bytes, recorded for empty files without opening them.</summary>
    public static string EmptyHash(ManifestAlgorithm algorithm)
    {
        using var h = ContentHasher.Create(algorithm);
        return h.FinishHex();
    }

    private static void WalkTree(string root, HashSet<string> excluded, string emptyHash, BlockingCollection<Job> work,
        BlockingCollection<Job> ordered, CancellationToken ct)
    {
        // Explicit stack: a pathological depth cannot overflow the thread's stack.
        var stack = new Stack<(string Prefix, List<RawEntry> Children, int Next)>();
        var rootChildren = ListChildren(root, out var rootError);
        if (rootError is not null)
        {
            throw new IOException($"cannot list {root}: {rootError}");
        }

        stack.Push((string.Empty, rootChildren, 0));
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (prefix, children, next) = stack.Pop();
            if (next >= children.Count)
            {
                continue;
            }

            stack.Push((prefix, children, next + 1));
            var raw = children[next];
            if (excluded.Contains(raw.FullPath))
            {
                continue;
            }

            var path = prefix + raw.Name;
            var job = new Job(path, raw);
            if (raw.Error is not null)
            {
                // A failed stat leaves the file-time epoch (1601) as the time: record no time rather than a false one.
                var modified = raw.Modified.Year <= 1601 ? (DateTimeOffset?)null : raw.Modified;
                job.Complete(new ManifestEntry(path, ManifestEntryType.Unreadable, null, modified, null, null, raw.Error));
            }
            else if (raw.IsLink)
            {
                job.Complete(ReadLink(path, raw));
            }
            else if (raw.IsDirectory)
            {
                var grand = ListChildren(raw.FullPath, out var error);
                job.Complete(error is null
                    ? new ManifestEntry(path, ManifestEntryType.Directory, null, raw.Modified, null, null)
                    : new ManifestEntry(path, ManifestEntryType.Unreadable, null, raw.Modified, null, null, error));
                ordered.Add(job, ct);
                if (grand.Count > 0)
                {
                    stack.Push((path + "/", grand, 0));
                }

                continue;
            }
            else if (raw.Length == 0)
            {
                // Nothing to read: an empty file hashes to a constant, and FIFOs and devices
                // (which also report size 0) are never opened, so they cannot block the walk.
                job.Complete(new ManifestEntry(path, ManifestEntryType.File, 0, raw.Modified, emptyHash, null));
            }
            else
            {
                work.Add(job, ct);
            }

            ordered.Add(job, ct);
        }
    }

    private static List<RawEntry> ListChildren(string directory, out string? error)
    {
        error = null;
        var list = new List<RawEntry>();
        try
        {
            var options = new EnumerationOptions
            {
                RecurseSubdirectories = false,
                AttributesToSkip = 0, // dot files (.htaccess, .user.ini, .git) are exactly what must be covered
                IgnoreInaccessible = false,
                ReturnSpecialDirectories = false,
            };
            var enumerable = new FileSystemEnumerable<RawEntry>(directory, static (ref FileSystemEntry e) =>
            {
                var isLink = (e.Attributes & FileAttributes.ReparsePoint) != 0;
                return new RawEntry(
                    ManifestPath.Normalize(e.FileName.ToString()),
                    e.ToFullPath(),
                    !isLink && e.IsDirectory,
                    isLink,
                    isLink || e.IsDirectory ? 0 : e.Length,
                    TruncateToSeconds(e.LastWriteTimeUtc),
                    null);
            }, options);
            list.AddRange(enumerable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return [];
        }

        for (var i = 0; i < list.Count; i++)
        {
            // A name that is not valid UTF-8 (a GBK name from an old Windows upload, say) is decoded
            // with U+FFFD and cannot be opened again by that spelling: record it, do not guess.
            if (list[i].Name.Contains('\uFFFD', StringComparison.Ordinal) && !Path.Exists(list[i].FullPath))
            {
                list[i] = list[i] with { Error = "the file name is not valid UTF-8 (legacy encoding such as GBK?); it cannot be opened by name" };
            }
        }

        list.Sort(static (a, b) => ManifestPath.Compare(a.Name, b.Name));
        for (var i = 1; i < list.Count; i++)
        {
            // Two names on disk (e.g. NFD and NFC spellings) that become one path after normalisation.
            if (string.Equals(list[i].Name, list[i - 1].Name, StringComparison.Ordinal))
            {
                list[i] = list[i] with { Error = "another name in the directory has the same NFC form" };
            }
        }

        return list;
    }

    private static ManifestEntry ReadLink(string path, RawEntry raw)
    {
        try
        {
            var target = new FileInfo(raw.FullPath).LinkTarget;
            return target is null
                ? new ManifestEntry(path, ManifestEntryType.Unreadable, null, raw.Modified, null, null, "not a symbolic link any more")
                : new ManifestEntry(path, ManifestEntryType.Symlink, null, raw.Modified, null, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ManifestEntry(path, ManifestEntryType.Unreadable, null, raw.Modified, null, null, e.Message);
        }
    }

    private static void HashWorker(BlockingCollection<Job> work, ManifestAlgorithm algorithm, int bufferSize, CancellationToken ct)
    {
        using var hasher = ContentHasher.Create(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(4096, bufferSize));
        try
        {
            foreach (var job in work.GetConsumingEnumerable(ct))
            {
                job.Complete(HashFile(job, hasher, buffer));
            }
        }
        catch (OperationCanceledException)
        {
            // Leaving early: the consumer has stopped.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ManifestEntry HashFile(Job job, ContentHasher hasher, byte[] buffer)
    {
        var raw = job.Raw;
        try
        {
            using var handle = File.OpenHandle(raw.FullPath, FileMode.Open, FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
            long offset = 0;
            int n;
            while ((n = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, n));
                offset += n;
            }

            // The size is what was hashed, so size and hash always describe the same bytes.
            return new ManifestEntry(job.Path, ManifestEntryType.File, offset, raw.Modified, hasher.FinishHex(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            hasher.Reset();
            return new ManifestEntry(job.Path, ManifestEntryType.Unreadable, null, raw.Modified, null, null, e.Message);
        }
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private sealed record RawEntry(string Name, string FullPath, bool IsDirectory, bool IsLink, long Length, DateTimeOffset Modified, string? Error);

    private sealed class Job(string path, RawEntry raw)
    {
        private ManifestEntry? _result;

        public string Path { get; } = path;

        public RawEntry Raw { get; } = raw;

        public void Complete(ManifestEntry entry)
        {
            lock (this)
            {
                _result = entry;
                Monitor.PulseAll(this);
            }
        }

        public ManifestEntry WaitResult(CancellationToken ct)
        {
            if (Volatile.Read(ref _result) is { } done)
            {
                return done;
            }

            lock (this)
            {
                while (_result is null)
                {
                    ct.ThrowIfCancellationRequested();
                    // Short waits so cancellation is noticed even if a worker has already stopped.
                    Monitor.Wait(this, 200);
                }

                return _result;
            }
        }
    }
}
