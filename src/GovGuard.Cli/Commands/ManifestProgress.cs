using System.Globalization;
using GovGuard.Detection.Manifest;

namespace GovGuard.Cli.Commands;

/// <summary>A throttled "N files, M MB" line on stderr for long manifest runs, only when stderr is a terminal.</summary>
internal sealed class ManifestProgress(TextWriter stderr, string verb)
{
    private readonly bool _enabled = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private long _entries;
    private long _bytes;
    private long _lastTick = Environment.TickCount64;
    private bool _shown;

    public void Observe(ManifestEntry entry)
    {
        _entries++;
        _bytes += entry.Size ?? 0;
        if (!_enabled)
        {
            return;
        }

        var now = Environment.TickCount64;
        if (now - _lastTick < 250)
        {
            return;
        }

        _lastTick = now;
        _shown = true;
        stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r{verb}: {_entries:N0} entries, {_bytes / (1024.0 * 1024.0):N1} MiB   "));
        stderr.Flush();
    }

    public void Done()
    {
        if (_shown)
        {
            stderr.Write("\r" + new string(' ', 60) + "\r");
            stderr.Flush();
        }
    }
}
