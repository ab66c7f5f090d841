using GovGuard.Detection.Findings;
using GovGuard.Detection.Integrity;
using GovGuard.Detection.Manifest;
using GovGuard.Detection.Webshell;
using GovGuard.Platform.Agents;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>
/// The web root against its integrity baseline (GB/T 38249 7.4.4 a): a FileSystemWatcher notices changes as they
/// happen and triggers a comparison (changes within a second are taken together); a full comparison also runs on
/// its own schedule, because a kernel watch can drop events (SECURITY.md). New and altered script files are scanned
/// for webshells. Whenever the set of differences changes, the whole set is journaled as one <c>files</c> event.
/// </summary>
public sealed class WebRootWatch : IDisposable
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(1);

    private readonly string _root;
    private readonly string _baseline;
    private readonly AgentJournal _journal;
    private readonly WebshellScanner _webshells;
    private readonly TimeProvider _time;
    private readonly Action<string> _say;
    private readonly SemaphoreSlim _changed = new(0, 1);
    private FileSystemWatcher? _watcher;
    private string? _lastReported;
    private int _overflows;

    public WebRootWatch(string root, string stateDir, AgentJournal journal, WebshellRuleSet rules, TimeProvider time, Action<string> say)
    {
        _root = Path.GetFullPath(root);
        _baseline = Path.Combine(stateDir, "baseline.manifest");
        _journal = journal;
        _webshells = new WebshellScanner(rules, new WebshellScanOptions { Target = root });
        _time = time;
        _say = say;
        var last = Path.Combine(stateDir, "files.last");
        _lastReported = File.Exists(last) ? File.ReadAllText(last) : null;
        LastPath = last;
    }

    private string LastPath { get; }

    /// <summary>Full comparisons done (for tests and the status line).</summary>
    public int Checks { get; private set; }

    /// <summary>Writes the baseline from the tree as it is now, when there is none or <paramref name="replace"/> says so.</summary>
    public bool EnsureBaseline(bool replace, CancellationToken ct)
    {
        if (File.Exists(_baseline) && !replace)
        {
            return false;
        }

        var result = new ManifestBuilder(_time).BuildFile(_root, _baseline, ManifestAlgorithm.Sha256, null, null, ct);
        _say($"基线已建立 / baseline written: {result.Files} files");
        return true;
    }

    /// <summary>Watches and checks until <paramref name="ct"/> ends: at once, on every change, and every <paramref name="fullCheck"/>.</summary>
    public async Task RunAsync(TimeSpan fullCheck, CancellationToken ct)
    {
        _watcher = new FileSystemWatcher(_root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Changed += (_, _) => Signal();
        _watcher.Created += (_, _) => Signal();
        _watcher.Deleted += (_, _) => Signal();
        _watcher.Renamed += (_, _) => Signal();
        _watcher.Error += (_, _) =>
        {
            // The kernel queue overflowed: events were lost, so compare the whole tree now.
            Interlocked.Increment(ref _overflows);
            Signal();
        };
        _watcher.EnableRaisingEvents = true;

        CheckNow(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var changed = await _changed.WaitAsync(fullCheck, ct).ConfigureAwait(false);
                if (changed)
                {
                    // A deployment writes many files: take them together.
                    await Task.Delay(Coalesce, _time, ct).ConfigureAwait(false);
                    if (_changed.CurrentCount > 0)
                    {
                        await _changed.WaitAsync(ct).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            CheckNow(ct);
        }
    }

    /// <summary>Compares the whole tree with the baseline and journals the differences when they changed.</summary>
    public void CheckNow(CancellationToken ct)
    {
        var findings = new List<AgentFinding>();
        foreach (var f in FileIntegrity.Compare(_root, _baseline, null, ct))
        {
            findings.Add(ToWire(f));
            if (f.Path is { } path && f.Rule is FileIntegrity.RuleAdded or FileIntegrity.RuleAltered && Scan(path) is { } shell)
            {
                findings.Add(ToWire(shell));
            }
        }

        var overflows = Interlocked.Exchange(ref _overflows, 0);
        if (overflows > 0)
        {
            _say($"文件监视队列溢出 {overflows} 次，已做完整比对 / the file watch overflowed {overflows} times; a full comparison ran");
        }

        Checks++;
        var key = AgentIngest.FindingsJson(findings);
        if (key == _lastReported)
        {
            return;
        }

        var e = _journal.Append("files", _time.GetUtcNow(), findings);
        _lastReported = key;
        AgentJournal.WriteAtomically(LastPath, key);
        _say($"#{e.Seq} files: {findings.Count} 项差异 / differences from the baseline");
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }

    private void Signal()
    {
        try
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private Finding? Scan(string relative)
    {
        var full = Path.Combine(_root, relative);
        try
        {
            using var fs = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var max = (int)Math.Min(fs.Length, 4 * 1024 * 1024);
            var buffer = new byte[max];
            var got = fs.ReadAtLeast(buffer, max, throwOnEndOfStream: false);
            var kind = WebshellScanner.KindOf(relative, buffer.AsSpan(0, Math.Min(got, 64)), out var image);
            if (kind == ScriptKind.None && !image)
            {
                return null;
            }

            return _webshells.Scan(relative, buffer.AsSpan(0, got), fs.Length > max).Finding;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static AgentFinding ToWire(Finding f) =>
        new(f.Category, f.Severity.ToWire(), f.Target, f.Url, f.Path, f.Line, f.Rule, f.Message, f.Evidence);
}
