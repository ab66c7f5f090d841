using GovGuard.Detection.Logs;
using GovGuard.Detection.Webshell;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>What <c>govguard agent</c> was asked to do, checked.</summary>
public sealed record AgentSettings(
    Uri Server,
    string Token,
    string WebRoot,
    string? Log,
    AccessLogFormat LogFormat,
    string StateDir,
    TimeSpan FullCheck,
    TimeSpan Heartbeat,
    TimeSpan LogPoll,
    bool Rebaseline,
    string? Metrics = null,
    TimeSpan MetricsInterval = default);

/// <summary>
/// The agent: the web-root watch, the log tail and the sender side by side, all writing through one journal.
/// Runs until cancelled (Ctrl+C, SIGTERM, or a test's token).
/// </summary>
public sealed class AgentRunner(AgentSettings settings, WebshellRuleSet webshellRules, LogRuleSet? logRules, TimeProvider time, TextWriter log)
{
    private readonly object _gate = new();

    public AgentJournal? Journal { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        using var journal = new AgentJournal(settings.StateDir);
        Journal = journal;
        Say($"代理启动 / agent started: {settings.WebRoot}{(settings.Log is null ? string.Empty : " + " + settings.Log)} → {settings.Server} ({journal.PendingCount} 个事件待送达 / events pending)");
        using var files = new WebRootWatch(settings.WebRoot, settings.StateDir, journal, webshellRules, time, Say);
        files.EnsureBaseline(settings.Rebaseline, ct);
        using var tail = settings.Log is null ? null : new LogTail(settings.Log, settings.StateDir, journal, logRules!, settings.LogFormat, time, Say);
        using var sender = new AgentSender(settings.Server, settings.Token, journal, time, Say);
        var tasks = new List<Task>
        {
            Task.Run(() => files.RunAsync(settings.FullCheck, ct), CancellationToken.None),
            Task.Run(() => sender.RunAsync(settings.Heartbeat, ct), CancellationToken.None),
        };
        if (tail is not null)
        {
            tasks.Add(Task.Run(() => tail.RunAsync(settings.LogPoll, ct), CancellationToken.None));
        }

        using var metrics = settings.Metrics is null ? null : new MetricsPusher(settings.Server, settings.Token, settings.Metrics, time, Say);
        if (metrics is not null)
        {
            tasks.Add(Task.Run(() => metrics.RunAsync(settings.MetricsInterval, ct), CancellationToken.None));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        Say($"代理停止 / agent stopped ({journal.PendingCount} 个事件待送达，下次启动时发送 / events pending, sent at next start)");
    }

    private void Say(string line)
    {
        lock (_gate)
        {
            log.WriteLine($"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ} {line}");
        }
    }
}
