using System.Buffers;
using System.Globalization;
using System.Text;

namespace GovGuard.Detection.Manifest;

/// <summary>
/// Writes a manifest as UTF-8 text, one entry per line, hashing the body as it goes so that the
/// closing line can carry the manifest's own hash (tamper evidence). Entries must arrive in
/// <see cref="ManifestPath.Comparer"/> order.
/// </summary>
public sealed class ManifestWriter : IDisposable
{
    private readonly Stream _output;
    private readonly ContentHasher _bodyHash;
    private readonly StringBuilder _line = new(256);
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _buffered;
    private string? _previousPath;
    private bool _completed;

    public ManifestWriter(Stream output, ManifestHeader header)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        _output = output;
        Header = header;
        _bodyHash = ContentHasher.Create(header.Algorithm);
        _line.Append(ManifestFormat.Magic)
            .Append(" version=").Append(header.Version.ToString(CultureInfo.InvariantCulture))
            .Append(" algorithm=").Append(header.Algorithm.ToWire())
            .Append(" created=").Append(ManifestFormat.FormatTime(header.Created))
            .Append(" root=");
        ManifestPath.Escape(_line, header.RootName);
        FlushLine();
    }

    /// <summary>The header written first.</summary>
    public ManifestHeader Header { get; }

    /// <summary>Entries written so far.</summary>
    public long Entries { get; private set; }

    /// <summary>Appends one entry line.</summary>
    public void Write(ManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_previousPath is not null && ManifestPath.Compare(_previousPath, entry.Path) >= 0)
        {
            throw new InvalidOperationException($"Manifest entries must be written in order: '{entry.Path}' after '{_previousPath}'.");
        }

        _previousPath = entry.Path;
        var sep = ManifestFormat.FieldSeparator;
        _line.Append(entry.Type == ManifestEntryType.File ? entry.Hash : "-").Append(sep);
        if (entry.Type == ManifestEntryType.File && entry.Size is { } size)
        {
            _line.Append(size.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            _line.Append('-');
        }

        _line.Append(sep)
            .Append(entry.Modified is { } m ? ManifestFormat.FormatTime(m) : "-").Append(sep)
            .Append(entry.TypeLetter).Append(sep);
        ManifestPath.Escape(_line, entry.Path);
        if (entry.Type == ManifestEntryType.Symlink)
        {
            _line.Append(ManifestFormat.LinkArrow);
            ManifestPath.Escape(_line, entry.LinkTarget ?? string.Empty);
        }

        FlushLine();
        Entries++;
    }

    /// <summary>Writes the closing line with the entry count and the body's hash, and flushes.</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        WriteBuffered();
        var end = string.Create(CultureInfo.InvariantCulture,
            $"{ManifestFormat.EndMarker} entries={Entries} {Header.Algorithm.ToWire()}={_bodyHash.FinishHex()}\n");
        _output.Write(Encoding.UTF8.GetBytes(end));
        _output.Flush();
        _completed = true;
    }

    public void Dispose()
    {
        _bodyHash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    // Every line before the closing one is body: hashed as it leaves the buffer.
    private void FlushLine()
    {
        _line.Append('\n');
        var text = _line.ToString();
        _line.Clear();
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffered + max > _buffer.Length)
        {
            WriteBuffered();
        }

        if (max > _buffer.Length)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            _bodyHash.Append(bytes);
            _output.Write(bytes);
            return;
        }

        _buffered += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_buffered));
    }

    private void WriteBuffered()
    {
        if (_buffered == 0)
        {
            return;
        }

        _bodyHash.Append(_buffer.AsSpan(0, _buffered));
        _output.Write(_buffer, 0, _buffered);
        _buffered = 0;
    }
}
