using System.Buffers;
using System.CommandLine;
using GovGuard.Detection.Findings;
using Spectre.Console;

namespace GovGuard.Cli.Infrastructure;

/// <summary>
/// Where a scan's findings go: JSONL on stdout (nothing else there), or a table on stderr
/// (stdout when it is a terminal) with progress while the scan runs. Decides the exit code
/// from --fail-on.
/// </summary>
public sealed class FindingsOutput : IDisposable
{
    /// <summary>`--format jsonl|table` (default jsonl).</summary>
    public static Option<string> FormatOption() => new Option<string>("--format")
    {
        Description = "输出格式 jsonl|table / output format",
        DefaultValueFactory = _ => "jsonl",
    }.AcceptOnlyFromAmong("jsonl", "table");

    /// <summary>`--fail-on SEVERITY`: exit 4 when a finding at or above it is reported.</summary>
    public static Option<string?> FailOnOption() => new Option<string?>("--fail-on")
    {
        Description = "发现该级别及以上问题时退出码为 4 / exit 4 on a finding of this severity or higher (info|low|medium|high|critical)",
    }.AcceptOnlyFromAmong("info", "low", "medium", "high", "critical");

    /// <summary>`--lang zh|en`: the language of finding messages.</summary>
    public static Option<string> LangOption() => new Option<string>("--lang")
    {
        Description = "消息语言 zh|en / message language",
        DefaultValueFactory = _ => "zh",
    }.AcceptOnlyFromAmong("zh", "en");

    private readonly Stream _stdout;
    private readonly TextWriter _stderr;
    private readonly bool _table;
    private readonly Severity? _failOn;
    private readonly List<Finding> _tableRows = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly object _gate = new();
    private long _lastProgressTicks;

    public FindingsOutput(string format, string? failOn, Stream? stdout = null, TextWriter? stderr = null)
    {
        _table = string.Equals(format, "table", StringComparison.OrdinalIgnoreCase);
        _failOn = SeverityNames.TryParse(failOn, out var s) ? s : null;
        _stdout = stdout ?? Console.OpenStandardOutput();
        _stderr = stderr ?? Console.Error;
    }

    /// <summary>How many findings were written.</summary>
    public int Count { get; private set; }

    /// <summary>True once a finding at or above --fail-on was written.</summary>
    public bool ThresholdReached { get; private set; }

    /// <summary>0, or 4 when --fail-on was reached.</summary>
    public int ExitCode => ThresholdReached ? ExitCodes.FindingsAtThreshold : ExitCodes.Ok;

    /// <summary>Writes one finding (thread-safe).</summary>
    public void Write(Finding finding)
    {
        lock (_gate)
        {
            Count++;
            if (_failOn is { } min && finding.Severity >= min)
            {
                ThresholdReached = true;
            }

            if (_table)
            {
                _tableRows.Add(finding);
                return;
            }

            FindingJson.WriteLine(_buffer, finding);
            if (_buffer.WrittenCount > 64 * 1024)
            {
                FlushBuffer();
            }
        }
    }

    /// <summary>A progress line on stderr for long runs, throttled to a few a second (table format only).</summary>
    public void Progress(long done, long? total, string what)
    {
        if (!_table)
        {
            return;
        }

        var now = Environment.TickCount64;
        if (now - Interlocked.Read(ref _lastProgressTicks) < 500)
        {
            return;
        }

        Interlocked.Exchange(ref _lastProgressTicks, now);
        var bar = total is > 0 ? Bar(done, total.Value) : string.Empty;
        lock (_gate)
        {
            _stderr.Write($"\r{bar}{done}{(total is > 0 ? "/" + total : string.Empty)} {what}".PadRight(70));
            _stderr.Flush();
        }
    }

    /// <summary>A skipped input or a limit hit: one sentence on stderr; never silent, never fatal.</summary>
    public void Warn(string sentence)
    {
        lock (_gate)
        {
            _stderr.WriteLine(sentence);
        }
    }

    /// <summary>Writes what is buffered; in table format renders the table.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (!_table)
            {
                FlushBuffer();
                return;
            }

            _stderr.Write("\r".PadRight(71) + "\r");
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.IsOutputRedirected ? _stderr : Console.Out),
            });
            if (_tableRows.Count == 0)
            {
                console.MarkupLine("[green]未发现问题 / no findings[/]");
                return;
            }

            var t = new Table().AddColumns("严重性 severity", "类别 category", "位置 where", "规则 rule", "说明 message");
            foreach (var f in _tableRows.OrderByDescending(f => f.Severity))
            {
                var where = f.Path ?? f.Url ?? f.Target;
                if (f.Line is { } l)
                {
                    where += ":" + l;
                }

                t.AddRow(Markup.Escape(f.Severity.ToWire()), Markup.Escape(f.Category), Markup.Escape(where),
                    Markup.Escape(f.Rule), Markup.Escape(f.Message));
            }

            console.Write(t);
            console.MarkupLine($"共 {_tableRows.Count} 项 / {_tableRows.Count} findings");
        }
    }

    public void Dispose() => FlushBuffer();

    private static string Bar(long done, long total)
    {
        var width = 24;
        var filled = (int)Math.Clamp(done * width / Math.Max(total, 1), 0, width);
        return "[" + new string('#', filled) + new string('.', width - filled) + "] ";
    }

    private void FlushBuffer()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        _stdout.Write(_buffer.WrittenSpan);
        _stdout.Flush();
        _buffer.ResetWrittenCount();
    }
}
