using System.Text;
using System.Text.Json;
using GovGuard.Platform.Agents;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>
/// The agent's outbox on disk: an append-only journal of events, each with the next sequence number, flushed to the
/// disk (fsync) before it counts as recorded; and the highest sequence the server acknowledged, replaced atomically.
/// A crash or a server outage loses nothing: on start the unacknowledged events are read back and sent again,
/// and the server keeps each agent and sequence number once.
/// </summary>
public sealed class AgentJournal : IDisposable
{
    private const long CompactBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly object _gate = new();
    private readonly string _path;
    private readonly string _ackPath;
    private readonly List<AgentEventInput> _pending = [];
    private FileStream _file;
    private long _next;

    /// <summary>Opens (or creates) the journal in <paramref name="stateDir"/>; a torn last line (a crash mid-write) is cut off.</summary>
    public AgentJournal(string stateDir)
    {
        Directory.CreateDirectory(stateDir);
        _path = Path.Combine(stateDir, "journal.jsonl");
        _ackPath = Path.Combine(stateDir, "acknowledged");
        Acknowledged = File.Exists(_ackPath) && long.TryParse(File.ReadAllText(_ackPath).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var a) ? a : 0;
        var last = Acknowledged;
        long good = 0;
        if (File.Exists(_path))
        {
            var bytes = File.ReadAllBytes(_path);
            var start = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] != (byte)'\n')
                {
                    continue;
                }

                var record = TryParse(bytes.AsSpan(start, i - start));
                if (record is null)
                {
                    break;
                }

                last = Math.Max(last, record.Seq);
                if (record.Seq > Acknowledged)
                {
                    _pending.Add(record);
                }

                start = i + 1;
                good = start;
            }
        }

        _file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        _file.SetLength(good);
        _file.Seek(good, SeekOrigin.Begin);
        _next = last + 1;
    }

    /// <summary>The highest sequence number the server has acknowledged.</summary>
    public long Acknowledged { get; private set; }

    /// <summary>The highest sequence number recorded.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _next - 1;
            }
        }
    }

    /// <summary>Events recorded and not yet acknowledged.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Raised after each append, for the sender to wake up.</summary>
    public event Action? Appended;

    /// <summary>Records an event under the next sequence number; returns once it is on disk.</summary>
    public AgentEventInput Append(string stream, DateTimeOffset at, IReadOnlyList<AgentFinding> findings)
    {
        AgentEventInput record;
        lock (_gate)
        {
            record = new AgentEventInput(_next, at, stream, findings);
            var line = JsonSerializer.SerializeToUtf8Bytes(record, Json);
            _file.Write(line);
            _file.WriteByte((byte)'\n');
            _file.Flush(flushToDisk: true);
            _next++;
            _pending.Add(record);
        }

        Appended?.Invoke();
        return record;
    }

    /// <summary>The oldest unacknowledged events, at most <paramref name="max"/>, in sequence order.</summary>
    public IReadOnlyList<AgentEventInput> Pending(int max)
    {
        lock (_gate)
        {
            return _pending.Take(max).ToList();
        }
    }

    /// <summary>Forgets every event up to <paramref name="sequence"/>; the journal is compacted once it is all acknowledged.</summary>
    public void Acknowledge(long sequence)
    {
        lock (_gate)
        {
            if (sequence <= Acknowledged)
            {
                return;
            }

            Acknowledged = sequence;
            WriteAtomically(_ackPath, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _pending.RemoveAll(e => e.Seq <= sequence);
            if (_pending.Count == 0 && _file.Length > CompactBytes)
            {
                // Everything is acknowledged and the acknowledgement is on disk: the journal can start empty.
                _file.SetLength(0);
                _file.Flush(flushToDisk: true);
            }
        }
    }

    public void Dispose() => _file.Dispose();

    private static AgentEventInput? TryParse(ReadOnlySpan<byte> line)
    {
        try
        {
            var r = JsonSerializer.Deserialize<AgentEventInput>(line, Json);
            return r is { Seq: > 0, Stream: not null } ? r : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            f.Write(Encoding.UTF8.GetBytes(text));
            f.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
