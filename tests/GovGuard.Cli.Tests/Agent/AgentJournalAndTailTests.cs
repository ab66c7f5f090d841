using GovGuard.Cli.Commands;
using GovGuard.Cli.Commands.Agent;
using GovGuard.Detection.Logs;

namespace GovGuard.Cli.Tests.Agent;

/// <summary>The agent's journal survives a crash mid-write; the log tail follows rotation and truncation and resumes where it stopped.</summary>
public sealed class AgentJournalAndTailTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("govguard-agent-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Line(string target) =>
        $"198.51.100.9 - - [02/Dec/2026:08:00:00 +0800] \"GET {target} HTTP/1.1\" 200 100 \"-\" \"Mozilla/5.0\"\n";

    [Fact]
    public void A_torn_last_line_is_dropped_and_sequence_numbers_continue_after_the_acknowledged_ones()
    {
        var state = Path.Combine(_dir, "state");
        using (var j = new AgentJournal(state))
        {
            j.Append("log", DateTimeOffset.UnixEpoch, []);
            j.Append("log", DateTimeOffset.UnixEpoch, []);
            j.Append("files", DateTimeOffset.UnixEpoch, []);
            j.Acknowledge(1);
        }

        // A crash in the middle of the fourth record.
        File.AppendAllText(Path.Combine(state, "journal.jsonl"), "{\"seq\":4,\"at\":\"1970-01-01T00:");
        using var again = new AgentJournal(state);
        Assert.Equal(1, again.Acknowledged);
        Assert.Equal([2L, 3L], again.Pending(10).Select(e => e.Seq));
        Assert.Equal(4, again.Append("log", DateTimeOffset.UnixEpoch, []).Seq);
        again.Acknowledge(4);
        Assert.Equal(0, again.PendingCount);
    }

    [Fact]
    public void The_tail_reads_new_lines_once_follows_rotation_and_truncation_and_resumes_after_a_restart()
    {
        var state = Path.Combine(_dir, "state");
        var log = Path.Combine(_dir, "access.log");
        File.WriteAllText(log, Line("/index.html"));
        var rules = ScanLogCommand.LoadRules(null);
        using var journal = new AgentJournal(state);
        using (var tail = new LogTail(log, state, journal, rules, AccessLogFormat.Combined, TimeProvider.System, _ => { }))
        {
            tail.Resume();
            tail.Poll();
            Assert.Equal(0, journal.LastSequence);

            File.AppendAllText(log, Line("/a?id=1%20UNION%20SELECT%20password%20FROM%20users--"));
            tail.Poll();
            tail.Poll();
            Assert.Equal(1, journal.LastSequence);
            Assert.Equal("attack.sqli", journal.Pending(10)[0].Findings![0].Category);

            // logrotate (create): the old file moves away with a last line, a new one starts.
            File.AppendAllText(log, Line("/x?f=../../../../etc/passwd"));
            File.Move(log, log + ".1");
            File.WriteAllText(log, Line("/search?q=%3Cscript%3Ealert(1)%3C/script%3E"));
            tail.Poll();
            tail.Poll();
            var categories = journal.Pending(10).SelectMany(e => e.Findings!).Select(f => f.Category).ToList();
            Assert.Equal(["attack.sqli", "attack.traversal", "attack.xss"], categories);

            // copytruncate: the same file emptied in place, then written again.
            File.WriteAllText(log, string.Empty);
            tail.Poll();
            File.AppendAllText(log, Line("/a?cmd=;cat%20/etc/shadow"));
            tail.Poll();
        }

        var afterTruncation = journal.LastSequence;
        Assert.True(afterTruncation >= 4, $"the line after the truncation was not read ({afterTruncation})");

        // A restarted agent continues where it stopped: nothing is read twice.
        using (var tail = new LogTail(log, state, journal, rules, AccessLogFormat.Combined, TimeProvider.System, _ => { }))
        {
            tail.Resume();
            tail.Poll();
            Assert.Equal(afterTruncation, journal.LastSequence);
            File.AppendAllText(log, Line("/b?id=2%20UNION%20SELECT%20name%20FROM%20admins--"));
            tail.Poll();
            Assert.Equal(afterTruncation + 1, journal.LastSequence);
        }
    }
}
