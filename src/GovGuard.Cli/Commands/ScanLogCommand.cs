using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Rules;
using GovGuard.Platform.Rules;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard scan log FILE|-`: attacks in a web access log (GB/T 38249 7.3 b).</summary>
public static class ScanLogCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "访问日志文件（可为 .gz），- 表示标准输入 / access log file (plain or gzip), - for stdin" };
        var format = FindingsOutput.FormatOption();
        var failOn = FindingsOutput.FailOnOption();
        var lang = FindingsOutput.LangOption();
        var logFormat = new Option<string>("--log-format")
        {
            Description = "日志格式 combined|common / log line format",
            DefaultValueFactory = _ => "combined",
        }.AcceptOnlyFromAmong("combined", "common");
        var rules = RulesOption();
        var cmd = new Command("log", "扫描网站访问日志中的攻击行为 / scan a web access log for attacks")
        {
            file, format, logFormat, failOn, lang, rules,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) => Task.FromResult(Guard(() => Run(r, ct))));
        return cmd;

        int Run(ParseResult r, CancellationToken ct)
        {
            var path = r.GetValue(file)!;
            LogRuleSet ruleSet;
            try
            {
                ruleSet = LoadRules(r.GetValue(rules));
            }
            catch (RuleFormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.Failure;
            }

            Messages.TryParse(r.GetValue(lang), out var language);
            var options = new AccessLogOptions
            {
                Target = path,
                Format = r.GetValue(logFormat) == "common" ? AccessLogFormat.Common : AccessLogFormat.Combined,
                Language = language,
            };
            using var input = path == "-" ? Console.OpenStandardInput() : OpenLog(path);
            using var output = new FindingsOutput(r.GetValue(format)!, r.GetValue(failOn));
            var summary = new AccessLogScanner(ruleSet, options).Scan(input, output.Write,
                (lines, _) => output.Progress(lines, null, language.Pick("行", "lines")), ct);
            output.Complete();
            Report(output, summary, path);
            // An incomplete read is not a clean scan (SECURITY.md): exit 1 unless --fail-on already says 4.
            return summary.InputProblem is not null && !output.ThresholdReached ? ExitCodes.Failure : output.ExitCode;
        }
    }

    /// <summary>
    /// Runs a command body and turns expected failures into the contract's one sentence and exit code
    /// (the invocation's default handler would print a stack trace).
    /// </summary>
    internal static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(CliErrors.Sentence(e));
            return ExitCodes.Failure;
        }
    }

    /// <summary>`--rules DIR` (repeatable): more rule folders beside the project's own.</summary>
    internal static Option<string[]> RulesOption() => new("--rules")
    {
        Description = "额外的规则目录（可多次给出） / extra rule folder (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    internal static LogRuleSet LoadRules(string[]? extra)
    {
        CheckRuleDirs(extra);
        var files = RuleFiles.Read("logs", "*.rules", extra);
        if (files.Count == 0)
        {
            throw new RuleFormatException("rules/logs", 0, "no access-log rule files (*.rules) were found; set GOVGUARD_HOME or pass --rules DIR");
        }

        return LogRuleSet.Load(files.Select(f => (f.Name, f.Text)));
    }

    internal static void CheckRuleDirs(string[]? extra)
    {
        foreach (var dir in extra ?? [])
        {
            if (!Directory.Exists(dir))
            {
                throw new CliUsageException($"用法错误 / usage error: --rules {dir}: 目录不存在 / the folder does not exist.");
            }
        }
    }

    private static FileStream OpenLog(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"用法错误 / usage error: {path} 是目录，需要日志文件 / is a folder; a log file is expected (use `govguard scan files` for folders).");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
    }

    private static void Report(FindingsOutput output, LogScanSummary s, string path)
    {
        if (s.Malformed > 0)
        {
            output.Warn($"{path}: 跳过 {s.Malformed} 行无法解析的日志（如第 {string.Join(", ", s.FirstMalformed)} 行）/ skipped {s.Malformed} malformed lines (e.g. line {string.Join(", ", s.FirstMalformed)}); 共 {s.Lines} 行 / of {s.Lines} lines.");
        }

        if (s.CappedLines > 0)
        {
            output.Warn($"{path}: {s.CappedLines} 行超过 {AccessLogScanner.MaxLineBytes} 字节，仅检查了开头 / lines longer than {AccessLogScanner.MaxLineBytes} bytes: only their start was inspected.");
        }

        if (s.RegexTimeouts > 0)
        {
            output.Warn($"{path}: {s.RegexTimeouts} 次规则匹配超时，相关行未完整检查 / rule matches timed out; those lines were not fully checked.");
        }

        if (s.InputProblem is { } problem)
        {
            output.Warn($"{path}: 输入不完整 / incomplete input: {problem}; 已报告读到的 {s.Lines} 行的结果 / findings of the {s.Lines} lines read are reported.");
        }
    }
}
