using System.Globalization;
using System.Text;

namespace GovGuard.Detection.Manifest;

/// <summary>The outcome of checking a manifest file: valid with its header, or the first problem and its line.</summary>
/// <param name="Header">The header, when the first line could be read.</param>
/// <param name="Entries">Entry lines read.</param>
/// <param name="Line">1-based line of the problem, or null when valid (or when the problem is the whole file).</param>
/// <param name="Error">What is wrong, in one English clause, or null when valid.</param>
/// <param name="SelfHash">The manifest's own hash (of its body, as on the closing line), lower-case hex, when valid.</param>
public sealed record ManifestCheck(ManifestHeader? Header, long Entries, long? Line, string? Error, string? SelfHash = null)
{
    /// <summary>True when the manifest parsed, is in order and its self-hash matches.</summary>
    public bool IsValid => Error is null;

    /// <summary>"line 7: size is not a number" or the error alone.</summary>
    public string Describe() => Line is { } l ? $"line {l}: {Error}" : Error ?? "valid";
}

/// <summary>A manifest line that does not follow the format; names the line.</summary>
public sealed class ManifestFormatException(long line, string reason)
    : FormatException($"line {line}: {reason}")
{
    /// <summary>1-based line number.</summary>
    public long Line { get; } = line;

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; } = reason;
}

/// <summary>Reads manifests: a full check (format, order, self-hash) and a streaming read of the entries.</summary>
public static class ManifestReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks the whole file: header, every entry line, order, count and self-hash.</summary>
    public static ManifestCheck Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = OpenRead(path);
        return Check(stream);
    }

    /// <summary>Checks a manifest read from a stream.</summary>
    public static ManifestCheck Check(Stream stream)
    {
        using var lines = new ByteLineReader(stream);
        ManifestHeader? header = null;
        ContentHasher? body = null;
        try
        {
            if (!lines.TryReadLine(out var first, out var firstRaw, out _))
            {
                return new ManifestCheck(null, 0, null, "the file is empty");
            }

            if (!TryParseHeader(first, out header, out var headerError))
            {
                return new ManifestCheck(null, 0, 1, headerError);
            }

            body = ContentHasher.Create(header.Algorithm);
            body.Append(firstRaw);
            string? previous = null;
            long entries = 0;
            while (lines.TryReadLine(out var line, out var raw, out var terminated))
            {
                if (line.StartsWith("#end "u8))
                {
                    var endError = CheckEnd(line, terminated, header.Algorithm, entries, body, out var selfHash);
                    if (endError is not null)
                    {
                        return new ManifestCheck(header, entries, lines.LineNumber, endError);
                    }

                    if (lines.TryReadLine(out _, out _, out _))
                    {
                        return new ManifestCheck(header, entries, lines.LineNumber, "text follows the closing #end line");
                    }

                    return new ManifestCheck(header, entries, null, null, selfHash);
                }

                if (!terminated)
                {
                    return new ManifestCheck(header, entries, lines.LineNumber, "the file ends in the middle of a line (truncated; no closing #end line)");
                }

                body.Append(raw);
                if (!TryParseEntry(line, header.Algorithm, out var entry, out var error))
                {
                    return new ManifestCheck(header, entries, lines.LineNumber, error);
                }

                if (previous is not null && ManifestPath.Compare(previous, entry.Path) >= 0)
                {
                    return new ManifestCheck(header, entries, lines.LineNumber,
                        string.Equals(previous, entry.Path, StringComparison.Ordinal)
                            ? $"path '{ManifestPath.Escape(entry.Path)}' appears twice"
                            : $"path '{ManifestPath.Escape(entry.Path)}' is out of order");
                }

                previous = entry.Path;
                entries++;
            }

            return new ManifestCheck(header, entries, null, "the closing #end line with the manifest's own hash is missing (truncated manifest)");
        }
        finally
        {
            body?.Dispose();
        }
    }

    /// <summary>
    /// The entries in file order. Call <see cref="Check(string)"/> first; a line that does not parse
    /// here (the file changed in between) throws <see cref="ManifestFormatException"/>.
    /// </summary>
    public static IEnumerable<ManifestEntry> ReadEntries(string path)
    {
        using var stream = OpenRead(path);
        using var lines = new ByteLineReader(stream);
        if (!lines.TryReadLine(out var first, out _, out _))
        {
            throw new ManifestFormatException(1, "the file is empty");
        }

        if (!TryParseHeader(first, out var header, out var headerError))
        {
            throw new ManifestFormatException(1, headerError ?? "not a GovGuard manifest header");
        }

        while (true)
        {
            ManifestEntry entry;
            {
                if (!lines.TryReadLine(out var line, out _, out _) || line.StartsWith("#end "u8))
                {
                    yield break;
                }

                if (!TryParseEntry(line, header.Algorithm, out entry!, out var error))
                {
                    throw new ManifestFormatException(lines.LineNumber, error!);
                }
            }

            yield return entry;
        }
    }

    /// <summary>Parses the header line.</summary>
    public static bool TryParseHeader(ReadOnlySpan<byte> line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ManifestHeader? header,
        out string? error)
    {
        header = null;
        if (!TryDecode(line, out var text, out error))
        {
            return false;
        }

        if (!text.StartsWith(ManifestFormat.Magic + " ", StringComparison.Ordinal))
        {
            error = $"not a GovGuard manifest (the first line must start with '{ManifestFormat.Magic}')";
            return false;
        }

        var rootAt = text.IndexOf(" root=", StringComparison.Ordinal);
        if (rootAt < 0)
        {
            error = "the header has no root=";
            return false;
        }

        int? version = null;
        ManifestAlgorithm? algorithm = null;
        DateTimeOffset? created = null;
        // " root=" may begin at the space right after the magic word: then there are no keys before it.
        var keysFrom = ManifestFormat.Magic.Length + 1;
        var keys = rootAt > keysFrom ? text[keysFrom..rootAt] : string.Empty;
        foreach (var token in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? token : token[..eq];
            var value = eq < 0 ? string.Empty : token[(eq + 1)..];
            switch (key)
            {
                case "version" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v):
                    version = v;
                    break;
                case "algorithm" when ManifestAlgorithmNames.TryParse(value, out var a):
                    algorithm = a;
                    break;
                case "algorithm":
                    error = $"unknown algorithm '{value}' (expected sha256 or sm3)";
                    return false;
                case "created" when ManifestFormat.TryParseTime(value, out var t):
                    created = t;
                    break;
                default:
                    // Unknown keys are allowed so that later minor additions stay readable.
                    break;
            }
        }

        if (version is null || algorithm is null || created is null)
        {
            error = "the header needs version=, algorithm= and created=";
            return false;
        }

        if (version != ManifestFormat.Version)
        {
            error = $"manifest format version {version} is not supported (this GovGuard reads version {ManifestFormat.Version})";
            return false;
        }

        if (!ManifestPath.TryUnescape(text.AsSpan(rootAt + " root=".Length), out var rootName, out error))
        {
            return false;
        }

        header = new ManifestHeader(version.Value, algorithm.Value, created.Value, rootName);
        return true;
    }

    /// <summary>Parses one entry line (without its '\n').</summary>
    public static bool TryParseEntry(ReadOnlySpan<byte> line, ManifestAlgorithm algorithm,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ManifestEntry? entry, out string? error)
    {
        entry = null;
        if (!TryDecode(line, out var text, out error))
        {
            return false;
        }

        ReadOnlySpan<char> rest = text;
        if (!NextField(ref rest, out var hashField) || !NextField(ref rest, out var sizeField)
            || !NextField(ref rest, out var timeField) || !NextField(ref rest, out var typeField))
        {
            error = "an entry needs five fields separated by two spaces: hash, size, time, type, path";
            return false;
        }

        if (typeField.Length != 1 || !ManifestEntry.TryParseType(typeField[0], out var type))
        {
            error = $"type '{typeField}' is not one of f, d, l, !";
            return false;
        }

        string? hash = null;
        if (type == ManifestEntryType.File)
        {
            if (hashField.Length != algorithm.HashSize() * 2 || !IsLowerHex(hashField))
            {
                error = $"hash '{hashField}' is not {algorithm.HashSize() * 2} lower-case hex digits";
                return false;
            }

            hash = hashField.ToString();
        }
        else if (!hashField.SequenceEqual("-"))
        {
            error = "only files (type f) carry a hash; others have '-'";
            return false;
        }

        long? size = null;
        if (type == ManifestEntryType.File)
        {
            if (!long.TryParse(sizeField, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
            {
                error = $"size '{sizeField}' is not a number";
                return false;
            }

            size = s;
        }
        else if (!sizeField.SequenceEqual("-"))
        {
            error = "only files (type f) carry a size; others have '-'";
            return false;
        }

        DateTimeOffset? modified = null;
        if (!timeField.SequenceEqual("-"))
        {
            if (!ManifestFormat.TryParseTime(timeField, out var t))
            {
                error = $"time '{timeField}' is not yyyy-MM-ddTHH:mm:ssZ";
                return false;
            }

            modified = t;
        }

        string? target = null;
        var pathField = rest;
        if (type == ManifestEntryType.Symlink)
        {
            var arrow = rest.IndexOf(ManifestFormat.LinkArrow, StringComparison.Ordinal);
            if (arrow < 0)
            {
                error = "a link entry needs ' -> ' and its target";
                return false;
            }

            pathField = rest[..arrow];
            if (!ManifestPath.TryUnescape(rest[(arrow + ManifestFormat.LinkArrow.Length)..], out var t, out error))
            {
                return false;
            }

            target = t;
        }

        if (!ManifestPath.TryUnescape(pathField, out var path, out error))
        {
            return false;
        }

        if (!IsRelativePath(path, out error))
        {
            return false;
        }

        entry = new ManifestEntry(ManifestPath.Normalize(path), type, size, modified, hash, target);
        return true;
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    private static bool NextField(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> field)
    {
        var at = rest.IndexOf(ManifestFormat.FieldSeparator, StringComparison.Ordinal);
        if (at <= 0)
        {
            field = default;
            return false;
        }

        field = rest[..at];
        rest = rest[(at + ManifestFormat.FieldSeparator.Length)..];
        return true;
    }

    private static bool IsRelativePath(string path, out string? error)
    {
        error = null;
        if (path.Length == 0)
        {
            error = "the path is empty";
        }
        else if (path[0] == '/')
        {
            error = $"path '{ManifestPath.Escape(path)}' is absolute; manifests hold relative paths";
        }
        else
        {
            foreach (var part in path.Split('/'))
            {
                if (part.Length == 0 || part is "." or "..")
                {
                    error = $"path '{ManifestPath.Escape(path)}' has an empty, '.' or '..' component";
                    break;
                }
            }
        }

        return error is null;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static string? CheckEnd(ReadOnlySpan<byte> line, bool terminated, ManifestAlgorithm algorithm, long entries, ContentHasher body, out string? selfHash)
    {
        selfHash = null;
        if (!terminated)
        {
            return "the closing #end line has no line break (truncated manifest)";
        }

        var text = Encoding.ASCII.GetString(line);
        var expected = $"{ManifestFormat.EndMarker} entries={entries.ToString(CultureInfo.InvariantCulture)} {algorithm.ToWire()}=";
        if (!text.StartsWith(expected, StringComparison.Ordinal))
        {
            return text.StartsWith(ManifestFormat.EndMarker + " entries=", StringComparison.Ordinal)
                ? $"the closing line does not match the {entries} entries and {algorithm.ToWire()} body (entries were added or removed)"
                : "the closing #end line is malformed";
        }

        var actual = body.FinishHex();
        var recorded = text[expected.Length..];
        if (!string.Equals(recorded, actual, StringComparison.Ordinal))
        {
            return $"the manifest's own {algorithm.ToWire()} hash does not match its content (recorded {recorded}, computed {actual}): the manifest was altered";
        }

        selfHash = actual;
        return null;
    }

    private static bool TryDecode(ReadOnlySpan<byte> line, out string text, out string? error)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            text = string.Empty;
            error = "the line ends with a carriage return (the manifest was converted to CRLF line endings)";
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(line);
            error = null;
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            error = "the line is not valid UTF-8";
            return false;
        }
    }
}
