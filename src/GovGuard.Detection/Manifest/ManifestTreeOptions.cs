namespace GovGuard.Detection.Manifest;

/// <summary>How a directory tree is walked and hashed.</summary>
public sealed class ManifestTreeOptions
{
    /// <summary>Hashing threads; defaults to the number of cores.</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Read size per call, from <see cref="System.Buffers.ArrayPool{T}"/>; 128 KiB by default: measured against
    /// 1 MiB, it cut CPU time by a quarter (the buffer stays in the L2 cache between the copy and the hash).
    /// </summary>
    public int BufferSize { get; init; } = 1 << 17;

    /// <summary>
    /// How many entries may be in flight between the walk and the ordered output. Bounds memory
    /// independently of the tree's size.
    /// </summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Full paths left out of the walk (the manifest being written when it lies inside the tree).</summary>
    public IReadOnlyCollection<string> ExcludedPaths { get; init; } = [];
}
