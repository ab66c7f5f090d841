using System.Runtime.CompilerServices;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Compression;
using GovGuard.Detection.Findings;

namespace GovGuard.Detection.Logs;

/// <summary>What a log scan went through, for the summary on stderr.</summary>
public sealed record LogScanSummary
{
    public long Lines { get; init; }

    public long Malformed { get; init; }

    /// <summary>The first few malformed line numbers, to point the user at them.</summary>
    public IReadOnlyList<long> FirstMalformed { get; init; } = [];

    /// <summary>Lines longer than <see cref="AccessLogScanner.MaxLineBytes"/>: only their start was inspected.</summary>
    public long CappedLines { get; init; }

    public long RegexTimeouts { get; init; }

    /// <summary>Bytes read after decompression.</summary>
    public long Bytes { get; init; }

    /// <summary>Why reading stopped early (truncated or corrupt gzip, read error), or null when the input was read to its end.</summary>
    public string? InputProblem { get; init; }
}

/// <summary>
/// Streams an access log (plain or gzip, any size, stdin included) line by line through an
/// <see cref="AccessLogDetector"/>. Memory does not grow with the log: one read buffer, lines cut in place,
/// and a few batches of lines in flight. With more than one core the pattern rules run on batches of lines
/// in parallel while the rate rules count in line order afterwards, so findings and their order are the
/// same as on one core. A line that cannot be parsed is counted, never fatal; a broken gzip keeps the
/// lines read before the break.
/// </summary>
public sealed class AccessLogScanner(LogRuleSet rules, AccessLogOptions options)
{
    /// <summary>Longer lines are inspected up to this many bytes.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private const int BufferBytes = 1024 * 1024;

    /// <summary>Threads that apply the pattern rules (1: all on the calling thread).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Scans <paramref name="input"/> to its end, handing each finding to <paramref name="sink"/> as it is found, in line order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LogScanSummary Scan(Stream input, Action<Finding> sink, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var workers = Math.Clamp(MaxParallelism, 1, 64);
        var detector = workers == 1 ? new AccessLogDetector(rules, options) : null;
        using var parallel = workers == 1 ? null : new ParallelInspection(rules, options, workers, sink);
        var findings = new List<Finding>(8);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        long lines = 0, capped = 0, bytes = 0;
        var malformed = new MalformedTally();
        string? problem = null;
        var source = LogInput.Open(input, out var gzip);
        try
        {
            var len = 0;          // bytes in buffer
            var start = 0;        // start of the current line
            var skipping = false; // inside the tail of a capped line
            var eof = false;
            while (!eof)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (start > 0)
                {
                    buffer.AsSpan(start, len - start).CopyTo(buffer);
                    len -= start;
                    start = 0;
                }

                int read;
                try
                {
                    read = source.Read(buffer, len, buffer.Length - len);
                }
                catch (InvalidDataException e)
                {
                    problem = $"gzip data is corrupt after {bytes} bytes ({e.Message})";
                    read = 0;
                }
                catch (IOException e)
                {
                    problem = $"reading stopped after {bytes} bytes: {e.Message}";
                    read = 0;
                }

                if (read == 0)
                {
                    eof = true;
                    if (len > start)
                    {
                        // The last line without a newline still counts.
                        buffer[len] = (byte)'\n';
                        len++;
                    }
                }

                bytes += read;
                len += read;
                var scan = start;
                while (true)
                {
                    var nl = buffer.AsSpan(scan, len - scan).IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        if (!skipping && len - start >= MaxLineBytes)
                        {
                            lines++;
                            capped++;
                            Inspect(buffer.AsSpan(start, MaxLineBytes));
                            skipping = true;
                        }

                        if (skipping)
                        {
                            start = len;
                        }

                        break;
                    }

                    var end = scan + nl;
                    if (skipping)
                    {
                        skipping = false;
                    }
                    else
                    {
                        lines++;
                        var line = buffer.AsSpan(start, end - start);
                        if (line.Length > 0 && line[^1] == '\r')
                        {
                            line = line[..^1];
                        }

                        if (line.Length > 0)
                        {
                            Inspect(line);
                        }
                    }

                    start = scan = end + 1;
                    if ((lines & 0xFFFF) == 0)
                    {
                        progress?.Invoke(lines, bytes);
                    }
                }
            }

            parallel?.Complete(malformed, cancellationToken);
            if (problem is null && gzip is not null && gzip.Truncated)
            {
                problem = $"gzip input ended early after {bytes} bytes of log (truncated file?)";
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new LogScanSummary
        {
            Lines = lines,
            Malformed = malformed.Count,
            FirstMalformed = malformed.First,
            CappedLines = capped,
            RegexTimeouts = detector?.RegexTimeouts ?? parallel!.RegexTimeouts,
            Bytes = bytes,
            InputProblem = problem,
        };

        void Inspect(ReadOnlySpan<byte> line)
        {
            if (parallel is not null)
            {
                parallel.Add(line, lines, malformed, cancellationToken);
                return;
            }

            if (!detector!.Inspect(line, lines, findings))
            {
                malformed.Add(lines);
                return;
            }

            if (findings.Count > 0)
            {
                foreach (var f in findings)
                {
                    sink(f);
                }

                findings.Clear();
            }
        }
    }

    /// <summary>Malformed lines: how many, and the first few line numbers.</summary>
    private sealed class MalformedTally
    {
        private readonly List<long> _first = [];

        public long Count { get; private set; }

        public IReadOnlyList<long> First => _first;

        public void Add(long line)
        {
            Count++;
            if (_first.Count < 5)
            {
                _first.Add(line);
            }
        }
    }

    /// <summary>
    /// Batches of lines inspected by the pattern rules on pool threads, then merged in order on the
    /// reading thread, where the rate rules count them: the same findings in the same order as one thread.
    /// </summary>
    private sealed class ParallelInspection : IDisposable
    {
        private readonly LogRuleSet _rules;
        private readonly AccessLogOptions _options;
        private readonly Action<Finding> _sink;
        private readonly int _inFlight;
        private readonly Queue<Task<Batch>> _pending = new();
        private readonly ConcurrentBag<AccessLogDetector> _detectors = [];
        private readonly ConcurrentBag<Batch> _free = [];
        private readonly List<AccessLogDetector> _allDetectors = [];
        private readonly RateTally? _tally;
        private readonly List<Finding> _rateFindings = new(4);
        private Batch _current;
        private long _lastTime;

        public ParallelInspection(LogRuleSet rules, AccessLogOptions options, int workers, Action<Finding> sink)
        {
            _rules = rules;
            _options = options;
            _sink = sink;
            _inFlight = workers * 2;
            _tally = rules.Rates.Count > 0 ? new RateTally(rules, options) : null;
            _current = new Batch();
        }

        public long RegexTimeouts
        {
            get
            {
                lock (_allDetectors)
                {
                    return _allDetectors.Sum(d => d.RegexTimeouts);
                }
            }
        }

        public void Add(ReadOnlySpan<byte> line, long lineNumber, MalformedTally malformed, CancellationToken cancellationToken)
        {
            if (!_current.TryAdd(line, lineNumber))
            {
                Submit(malformed, cancellationToken);
                _current.TryAdd(line, lineNumber);
            }
        }

        public void Complete(MalformedTally malformed, CancellationToken cancellationToken)
        {
            Submit(malformed, cancellationToken);
            while (_pending.Count > 0)
            {
                Merge(_pending.Dequeue(), malformed);
            }
        }

        public void Dispose()
        {
            // After an error or cancellation: let running batches finish before their detectors are counted.
            foreach (var task in _pending)
            {
                try
                {
                    task.Wait();
                }
                catch (AggregateException)
                {
                }
            }
        }

        private void Submit(MalformedTally malformed, CancellationToken cancellationToken)
        {
            if (_current.Count == 0)
            {
                return;
            }

            var batch = _current;
            _pending.Enqueue(Task.Run(() => Inspect(batch), cancellationToken));
            _current = _free.TryTake(out var free) ? free : new Batch();
            while (_pending.Count >= _inFlight)
            {
                Merge(_pending.Dequeue(), malformed);
            }
        }

        private Batch Inspect(Batch batch)
        {
            if (!_detectors.TryTake(out var detector))
            {
                detector = new AccessLogDetector(_rules, _options, countRates: false);
                lock (_allDetectors)
                {
                    _allDetectors.Add(detector);
                }
            }

            try
            {
                batch.Inspect(detector, _tally is not null);
            }
            finally
            {
                _detectors.Add(detector);
            }

            return batch;
        }

        private void Merge(Task<Batch> task, MalformedTally malformed)
        {
            var batch = task.GetAwaiter().GetResult();

            foreach (var line in batch.Malformed)
            {
                malformed.Add(line);
            }

            var patterns = batch.Findings;
            var events = batch.Events;
            int p = 0, e = 0;
            while (p < patterns.Count || e < events.Count)
            {
                // A line's pattern findings come before its rate findings, as on one thread.
                if (e == events.Count || (p < patterns.Count && patterns[p].Line <= events[e].Line))
                {
                    _sink(patterns[p++]);
                    continue;
                }

                var ev = events[e++];
                var now = ev.HasTime ? ev.Time : _lastTime;
                _tally!.Add(ev.Rate, batch.Bytes(ev.ClientStart, ev.ClientLength), now, ev.Line,
                    batch.Bytes(ev.RequestStart, ev.RequestLength), _rateFindings);
                foreach (var f in _rateFindings)
                {
                    _sink(f);
                }

                _rateFindings.Clear();
            }

            if (batch.LastTime is { } last)
            {
                _lastTime = last;
            }

            batch.Reset();
            _free.Add(batch);
        }
    }

    /// <summary>A line that counts for a rate rule, with what the rate rule needs of it.</summary>
    private readonly record struct RateEvent(int Rate, long Line, long Time, bool HasTime, int ClientStart, int ClientLength, int RequestStart, int RequestLength);

    /// <summary>Lines copied out of the read buffer, and what inspecting them found.</summary>
    private sealed class Batch
    {
        private const int Capacity = 512 * 1024;
        private const int MaxLines = 4096;

        private byte[] _text = new byte[Capacity + MaxLineBytes];
        private readonly int[] _starts = new int[MaxLines];
        private readonly int[] _lengths = new int[MaxLines];
        private readonly long[] _numbers = new long[MaxLines];
        private readonly ArrayBufferWriter<byte> _arena = new(4096);
        private int _used;

        public int Count { get; private set; }

        public List<Finding> Findings { get; } = [];

        public List<RateEvent> Events { get; } = [];

        public List<long> Malformed { get; } = [];

        /// <summary>The time of the batch's last line that had one (null: none had), for lines without a time after it.</summary>
        public long? LastTime { get; private set; }

        public bool TryAdd(ReadOnlySpan<byte> line, long lineNumber)
        {
            if (Count == MaxLines || (Count > 0 && _used + line.Length > Capacity))
            {
                return false;
            }

            if (line.Length > _text.Length)
            {
                // A long line read whole with its newline: only ever the first of its batch.
                _text = new byte[line.Length];
            }

            line.CopyTo(_text.AsSpan(_used));
            _starts[Count] = _used;
            _lengths[Count] = line.Length;
            _numbers[Count] = lineNumber;
            _used += line.Length;
            Count++;
            return true;
        }

        public ReadOnlySpan<byte> Bytes(int start, int length) => _arena.WrittenSpan.Slice(start, length);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Inspect(AccessLogDetector detector, bool rates)
        {
            long? last = null;
            for (var i = 0; i < Count; i++)
            {
                var number = _numbers[i];
                if (!detector.InspectPatterns(_text.AsSpan(_starts[i], _lengths[i]), number, Findings, out var entry))
                {
                    Malformed.Add(number);
                    continue;
                }

                if (!rates)
                {
                    continue;
                }

                if (entry.UnixSeconds is { } t)
                {
                    last = t;
                }

                var n = detector.MatchRates(entry, out var hits);
                if (n == 0)
                {
                    continue;
                }

                var client = RateTally.ClientBytes(entry.Client);
                var request = RateTally.RequestBytes(entry.Request);
                var clientStart = _arena.WrittenCount;
                _arena.Write(client);
                var requestStart = _arena.WrittenCount;
                _arena.Write(request);
                foreach (var rate in hits)
                {
                    Events.Add(new RateEvent(rate, number, last ?? 0, last is not null, clientStart, client.Length, requestStart, request.Length));
                }
            }

            LastTime = last;
        }

        public void Reset()
        {
            Count = 0;
            _used = 0;
            Findings.Clear();
            Events.Clear();
            Malformed.Clear();
            LastTime = null;
            _arena.ResetWrittenCount();
        }
    }
}

/// <summary>Opens log input: gzip is recognised by its magic bytes (not the file name), so stdin may be gzip too.</summary>
public static class LogInput
{
    /// <summary>The stream to read lines from; <paramref name="gzip"/> is set when the input is gzip.</summary>
    public static Stream Open(Stream raw, out GzipTail? gzip)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var head = new byte[2];
        var n = 0;
        while (n < 2)
        {
            var r = raw.Read(head, n, 2 - n);
            if (r == 0)
            {
                break;
            }

            n += r;
        }

        var prefixed = new PrefixedStream(head.AsMemory(0, n), raw);
        if (n == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            gzip = new GzipTail(prefixed);
            return gzip.Decompressed;
        }

        gzip = null;
        return prefixed;
    }
}

/// <summary>
/// Decompresses gzip and tells a truncated file from a whole one: .NET's GZipStream ends quietly on a
/// cut file, so the size recorded in the gzip trailer is compared with the bytes that came out.
/// </summary>
public sealed class GzipTail
{
    private readonly TailKeepingStream _compressed;
    private readonly CountingStream _decompressed;

    internal GzipTail(Stream compressed)
    {
        _compressed = new TailKeepingStream(compressed);
        _decompressed = new CountingStream(new GZipStream(_compressed, CompressionMode.Decompress));
    }

    internal Stream Decompressed => _decompressed;

    /// <summary>True when the trailer's size does not match what was decompressed (read to the end first).</summary>
    public bool Truncated
    {
        get
        {
            if (_compressed.TailLength < 8)
            {
                return true;
            }

            var isize = BitConverter.ToUInt32(_compressed.Tail[4..8]);
            return isize != (uint)_decompressed.Count;
        }
    }

    private sealed class CountingStream(Stream inner) : ReadOnlyStream
    {
        public long Count { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            return n;
        }
    }

    private sealed class TailKeepingStream(Stream inner) : ReadOnlyStream
    {
        private readonly byte[] _tail = new byte[8];

        public int TailLength { get; private set; }

        public ReadOnlySpan<byte> Tail => _tail;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            if (n >= 8)
            {
                buffer.AsSpan(offset + n - 8, 8).CopyTo(_tail);
                TailLength = 8;
            }
            else if (n > 0)
            {
                // Shift the kept tail left and append the few new bytes.
                _tail.AsSpan(n).CopyTo(_tail);
                buffer.AsSpan(offset, n).CopyTo(_tail.AsSpan(8 - n));
                TailLength = Math.Min(8, TailLength + n);
            }

            return n;
        }
    }
}

/// <summary>Bytes already read (the sniffed magic) followed by the rest of the stream.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadOnlyStream
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_prefix.Length > 0)
        {
            var n = Math.Min(count, _prefix.Length);
            _prefix.Span[..n].CopyTo(buffer.AsSpan(offset, n));
            _prefix = _prefix[n..];
            return n;
        }

        return rest.Read(buffer, offset, count);
    }
}

/// <summary>Base of the small forward-only streams above.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
