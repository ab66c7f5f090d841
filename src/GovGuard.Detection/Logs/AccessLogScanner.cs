using System.Runtime.CompilerServices;
using System.Buffers;
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
/// <see cref="AccessLogDetector"/>. Memory does not grow with the log: one read buffer, lines cut in place.
/// A line that cannot be parsed is counted, never fatal; a broken gzip keeps the lines read before the break.
/// </summary>
public sealed class AccessLogScanner(LogRuleSet rules, AccessLogOptions options)
{
    /// <summary>Longer lines are inspected up to this many bytes.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private const int BufferBytes = 1024 * 1024;

    /// <summary>Scans <paramref name="input"/> to its end, handing each finding to <paramref name="sink"/> as it is found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LogScanSummary Scan(Stream input, Action<Finding> sink, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var detector = new AccessLogDetector(rules, options);
        var findings = new List<Finding>(8);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        long lines = 0, malformed = 0, capped = 0, bytes = 0;
        var firstMalformed = new List<long>();
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
            Malformed = malformed,
            FirstMalformed = firstMalformed,
            CappedLines = capped,
            RegexTimeouts = detector.RegexTimeouts,
            Bytes = bytes,
            InputProblem = problem,
        };

        void Inspect(ReadOnlySpan<byte> line)
        {
            if (!detector.Inspect(line, lines, findings))
            {
                malformed++;
                if (firstMalformed.Count < 5)
                {
                    firstMalformed.Add(lines);
                }

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
