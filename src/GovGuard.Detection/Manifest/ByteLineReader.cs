using System.Buffers;

namespace GovGuard.Detection.Manifest;

/// <summary>Splits a stream into '\n'-terminated byte lines without decoding, so a manifest's bytes can be hashed exactly.</summary>
internal sealed class ByteLineReader(Stream input) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line without its '\n' (<paramref name="terminated"/> false when the stream ended
    /// without one); false at the end. <paramref name="raw"/> includes the '\n' when present.
    /// </summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out ReadOnlySpan<byte> raw, out bool terminated)
    {
        while (true)
        {
            var nl = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = _buffer.AsSpan(_start, nl);
                raw = _buffer.AsSpan(_start, nl + 1);
                _start += nl + 1;
                terminated = true;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    raw = line;
                    _start = _end;
                    terminated = false;
                    LineNumber++;
                    return true;
                }

                line = raw = default;
                terminated = false;
                return false;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer: grow (names are at most a few KB; this is for hostile input).
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var n = input.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }
}
