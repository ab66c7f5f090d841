using System.Buffers;
using System.Globalization;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Logs;
using GovGuard.Platform.Agents;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>
/// Follows a web access log (GB/T 38249 7.3 b) and journals the attacks in each new batch of lines as one <c>log</c>
/// event. Survives rotation: when the file at the path is replaced (logrotate's create) the old one is read to its
/// end first; when it is truncated in place (copytruncate) reading starts again at its beginning. The position is
/// kept on disk, so a restarted agent continues where it stopped.
/// </summary>
public sealed class LogTail : IDisposable
{
    private const int HeadBytes = 256;
    private const int MaxLine = AccessLogScanner.MaxLineBytes;

    private readonly string _path;
    private readonly string _positionPath;
    private readonly AgentJournal _journal;
    private readonly AccessLogDetector _detector;
    private readonly TimeProvider _time;
    private readonly Action<string> _say;
    private FileStream? _file;
    private byte[] _head = [];
    private long _line;
    private byte[] _carry = [];

    public LogTail(string path, string stateDir, AgentJournal journal, LogRuleSet rules, AccessLogFormat format, TimeProvider time, Action<string> say)
    {
        _path = path;
        _positionPath = Path.Combine(stateDir, "log.position");
        _journal = journal;
        _detector = new AccessLogDetector(rules, new AccessLogOptions { Target = path, Format = format });
        _time = time;
        _say = say;
    }

    /// <summary>Lines read so far from the current file.</summary>
    public long Lines => _line;

    /// <summary>Reads what is new every <paramref name="poll"/> until <paramref name="ct"/> ends.</summary>
    public async Task RunAsync(TimeSpan poll, CancellationToken ct)
    {
        Resume();
        while (!ct.IsCancellationRequested)
        {
            Poll();
            try
            {
                await Task.Delay(poll, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Opens the log at the saved position (when it is still the same file), else at its beginning.</summary>
    public void Resume()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        _file = Open(_path);
        _head = Head(_file);
        _line = 0;
        if (File.Exists(_positionPath) && File.ReadAllText(_positionPath).Split(' ') is [var o, var l, var h]
            && long.TryParse(o, CultureInfo.InvariantCulture, out var offset) && long.TryParse(l, CultureInfo.InvariantCulture, out var line)
            && SamePrefix(Convert.FromBase64String(h), _head) && offset <= _file.Length)
        {
            _file.Seek(offset, SeekOrigin.Begin);
            _line = line;
        }
    }

    /// <summary>Reads the lines written since the last call; handles rotation and truncation.</summary>
    public void Poll()
    {
        if (_file is null)
        {
            if (!File.Exists(_path))
            {
                return;
            }

            _file = Open(_path);
            _head = Head(_file);
            _line = 0;
        }

        ReadToEnd();
        if (!File.Exists(_path))
        {
            return;
        }

        // Rotated or truncated? Compare the file now at the path with the one open.
        using (var now = Open(_path))
        {
            var head = Head(now);
            var truncated = now.Length < _file.Position;
            var replaced = !SamePrefix(head, _head) || (head.Length == 0 && _head.Length > 0);
            if (!truncated && !replaced)
            {
                if (_head.Length < HeadBytes && head.Length > _head.Length)
                {
                    _head = head;
                }

                return;
            }

            _say(truncated ? $"{_path}: 日志被截断，从头读取 / the log was truncated; reading from its start" : $"{_path}: 日志已轮转 / the log was rotated");
        }

        _file.Dispose();
        _file = Open(_path);
        _head = Head(_file);
        _line = 0;
        _carry = [];
        ReadToEnd();
    }

    public void Dispose() => _file?.Dispose();

    private void ReadToEnd()
    {
        var file = _file!;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var findings = new List<Finding>();
        try
        {
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                while (span.Length > 0)
                {
                    var nl = span.IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        // A line still being written: keep it for the next read (capped like the scanner's lines).
                        _carry = Concat(_carry, span, MaxLine);
                        break;
                    }

                    var line = _carry.Length > 0 ? Concat(_carry, span[..nl], MaxLine) : span[..nl].ToArray();
                    _carry = [];
                    _line++;
                    var text = line.AsSpan();
                    if (text.Length > 0 && text[^1] == (byte)'\r')
                    {
                        text = text[..^1];
                    }

                    if (text.Length > 0)
                    {
                        _detector.Inspect(text, _line, findings);
                    }

                    span = span[(nl + 1)..];
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (findings.Count > 0)
        {
            foreach (var chunk in findings.Chunk(AgentLimits.FindingsPerEvent))
            {
                var e = _journal.Append("log", _time.GetUtcNow(), chunk.Select(WebRootWatch.ToWire).ToList());
                _say($"#{e.Seq} log: {chunk.Length} 条攻击记录 / attack lines");
            }
        }

        // The position after the last complete line: a half-written line is read again next time.
        var position = file.Position - _carry.Length;
        AgentJournal.WriteAtomically(_positionPath, string.Create(CultureInfo.InvariantCulture, $"{position} {_line} {Convert.ToBase64String(_head)}"));
    }

    private static byte[] Concat(byte[] a, ReadOnlySpan<byte> b, int cap)
    {
        var n = Math.Min(cap, a.Length + b.Length);
        var r = new byte[n];
        a.AsSpan(0, Math.Min(a.Length, n)).CopyTo(r);
        if (n > a.Length)
        {
            b[..(n - a.Length)].CopyTo(r.AsSpan(a.Length));
        }

        return r;
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

    private static byte[] Head(FileStream f)
    {
        var keep = f.Position;
        f.Seek(0, SeekOrigin.Begin);
        var head = new byte[(int)Math.Min(HeadBytes, f.Length)];
        var got = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        f.Seek(keep, SeekOrigin.Begin);
        return head.AsSpan(0, got).ToArray();
    }

    private static bool SamePrefix(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        return a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, n));
    }
}
