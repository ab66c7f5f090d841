using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using GovGuard.Detection.Text;

namespace GovGuard.Detection.Content;

/// <summary>One occurrence found in a stream: the pattern and where its original bytes are.</summary>
/// <param name="PatternId">Canonical pattern id of the <see cref="TermMatcher"/>.</param>
/// <param name="ByteOffset">Offset of the first original byte in the stream.</param>
/// <param name="ByteLength">Number of original bytes (more than the pattern's when it was disguised).</param>
public readonly record struct StreamTermHit(int PatternId, long ByteOffset, int ByteLength);

/// <summary>
/// Scans a UTF-8 stream of any size (a 200 MB dump, a log) with a <see cref="TermMatcher"/>, in fixed-size blocks
/// searched on several cores, without loading the stream whole. Optionally normalises each block first.
/// </summary>
/// <remarks>
/// Each block carries the first <see cref="OverlapBytes"/> bytes of the next one, and owns the matches that start in
/// its own bytes, so a match cut by a block boundary is found once. A disguised occurrence whose original form is
/// longer than the overlap (thousands of inserted separators) is only found when it lies within one block.
/// Memory: about (cores + 2) × 11 × block size.
/// </remarks>
public sealed class TermStreamScanner
{
    /// <summary>Bytes of the next block carried by each block.</summary>
    public const int OverlapBytes = 4096;

    private readonly TermMatcher _matcher;
    private readonly TextNormalizer? _normalizer;
    private readonly int _blockBytes;
    private readonly int _maxDegree;

    /// <param name="matcher">The automaton (its patterns must be normalised by <paramref name="normalizer"/> when one is given).</param>
    /// <param name="normalizer">Undo disguises before matching, or null to match the text as it is.</param>
    /// <param name="blockBytes">Block size in bytes (at least 64 KiB).</param>
    /// <param name="maxDegree">Blocks searched at once; 0 for the number of cores.</param>
    public TermStreamScanner(TermMatcher matcher, TextNormalizer? normalizer, int blockBytes = 1 << 20, int maxDegree = 0)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 1 << 16);
        if (matcher.MaxPatternLength * 4 > OverlapBytes)
        {
            throw new ArgumentException($"patterns longer than {OverlapBytes / 4} characters cannot be streamed", nameof(matcher));
        }

        _matcher = matcher;
        _normalizer = normalizer;
        _blockBytes = blockBytes;
        _maxDegree = maxDegree > 0 ? maxDegree : Environment.ProcessorCount;
    }

    /// <summary>
    /// Scans the stream and returns the number of occurrences. When <paramref name="onHit"/> is given it receives
    /// every occurrence in stream order (called from worker threads, one call at a time).
    /// </summary>
    public long Scan(Stream utf8, Action<StreamTermHit>? onHit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        long total = 0;
        long nextToDeliver = 0;
        var pending = new ConcurrentDictionary<long, List<StreamTermHit>>();
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxDegree, CancellationToken = cancellationToken };
        Parallel.ForEach(
            Partitioner.Create(ReadBlocks(utf8), EnumerablePartitionerOptions.NoBuffering),
            options,
            block =>
            {
                try
                {
                    var hits = onHit is null ? null : new List<StreamTermHit>();
                    long count = ScanBlock(block, hits);
                    Interlocked.Add(ref total, count);
                    if (hits is not null)
                    {
                        // Deliver in stream order: park this block's hits until every earlier block has delivered.
                        pending[block.Sequence] = hits;
                        lock (gate)
                        {
                            while (pending.TryRemove(nextToDeliver, out var ready))
                            {
                                foreach (var h in ready)
                                {
                                    onHit!(h);
                                }

                                nextToDeliver++;
                            }
                        }
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(block.Bytes);
                }
            });
        return total;
    }

    private sealed record Block(long Sequence, long Offset, byte[] Bytes, int Own, int Length);

    private IEnumerable<Block> ReadBlocks(Stream s)
    {
        int size = _blockBytes + OverlapBytes;
        var current = ArrayPool<byte>.Shared.Rent(size);
        int currentLength = ReadFull(s, current, 0, _blockBytes);
        long offset = 0;
        long sequence = 0;
        while (currentLength > 0)
        {
            var next = ArrayPool<byte>.Shared.Rent(size);
            int nextLength = currentLength < _blockBytes ? 0 : ReadFull(s, next, 0, _blockBytes);
            int overlap = Math.Min(OverlapBytes, nextLength);
            Buffer.BlockCopy(next, 0, current, currentLength, overlap);
            yield return new Block(sequence++, offset, current, currentLength, currentLength + overlap);
            offset += currentLength;
            current = next;
            currentLength = nextLength;
        }

        ArrayPool<byte>.Shared.Return(current);
    }

    private static int ReadFull(Stream s, byte[] buffer, int at, int count)
    {
        int read = 0;
        while (read < count)
        {
            int n = s.Read(buffer, at + read, count - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    private long ScanBlock(Block block, List<StreamTermHit>? hits)
    {
        var bytes = block.Bytes.AsSpan(0, block.Length);
        // A block starting inside a character leaves it to the previous block, which decoded it through its overlap.
        int s0 = 0;
        while (s0 < block.Own && IsContinuation(bytes[s0]))
        {
            s0++;
        }

        int s1 = block.Own;
        while (s1 < block.Length && IsContinuation(bytes[s1]))
        {
            s1++;
        }

        // The overlap may end inside a character: decode only whole ones.
        int end = block.Length;
        if (end > s1)
        {
            int lead = end - 1;
            while (lead > s1 && IsContinuation(bytes[lead]))
            {
                lead--;
            }

            if (lead + SequenceLength(bytes[lead]) > end)
            {
                end = lead;
            }
        }

        var chars = ArrayPool<char>.Shared.Rent(end - s0 + 1);
        try
        {
            int ownChars = Encoding.UTF8.GetChars(bytes[s0..s1], chars);
            int allChars = ownChars + Encoding.UTF8.GetChars(bytes[s1..end], chars.AsSpan(ownChars));
            var text = chars.AsSpan(0, allChars);
            var sink = new BlockSink(_matcher, ownChars, hits is not null);
            if (_normalizer is null)
            {
                _matcher.FindAll(text, ref sink);
            }
            else
            {
                ScanNormalized(text, ref sink);
            }

            if (hits is not null)
            {
                ToByteOffsets(sink.Found!, text, block.Offset + s0, hits);
            }

            return sink.Count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void ScanNormalized(ReadOnlySpan<char> text, ref BlockSink sink)
    {
        int capacity = (text.Length * 2) + 16;
        var norm = ArrayPool<char>.Shared.Rent(capacity);
        var starts = ArrayPool<int>.Shared.Rent(capacity);
        var ends = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            _normalizer!.NormalizeInto(text, 0, isFinal: true, norm.AsSpan(0, capacity), starts.AsSpan(0, capacity), ends.AsSpan(0, capacity), out int written);
            sink.Starts = starts;
            sink.Ends = ends;
            _matcher.FindAll(norm.AsSpan(0, written), ref sink);
        }
        finally
        {
            sink.Starts = null;
            sink.Ends = null;
            ArrayPool<char>.Shared.Return(norm);
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(ends);
        }
    }

    private static void ToByteOffsets(List<(int Pattern, int Start, int End)> found, ReadOnlySpan<char> text,
        long baseOffset, List<StreamTermHit> hits)
    {
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        int charPos = 0;
        long bytePos = 0;
        foreach (var (pattern, start, end) in found)
        {
            bytePos += Encoding.UTF8.GetByteCount(text[charPos..start]);
            charPos = start;
            int length = Encoding.UTF8.GetByteCount(text[start..end]);
            hits.Add(new StreamTermHit(pattern, baseOffset + bytePos, length));
        }
    }

    private static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    private static int SequenceLength(byte lead) => lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;

    private struct BlockSink(TermMatcher matcher, int ownChars, bool collect) : IMatchSink
    {
        public long Count;
        public int[]? Starts;
        public int[]? Ends;
        public List<(int Pattern, int Start, int End)>? Found = collect ? [] : null;

        public void OnMatch(int patternId, int end)
        {
            int start = end - matcher.PatternLength(patternId);
            int originalEnd = end;
            if (Starts is not null)
            {
                originalEnd = Ends![end - 1];
                start = Starts[start];
            }

            // A block owns the matches that start in its own bytes.
            if (start >= ownChars)
            {
                return;
            }

            Count++;
            Found?.Add((patternId, start, originalEnd));
        }
    }
}
