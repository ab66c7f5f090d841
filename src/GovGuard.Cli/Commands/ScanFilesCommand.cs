using System.Buffers;
using System.Collections.Concurrent;
using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Findings;
using GovGuard.Detection.Rules;
using GovGuard.Detection.Webshell;
using GovGuard.Platform.Rules;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard scan files DIR`: webshells and backdoors in a web root (GB/T 38249 7.4.4 a).</summary>
public static class ScanFilesCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "网站根目录 / the web root to scan" };
        var format = FindingsOutput.FormatOption();
        var failOn = FindingsOutput.FailOnOption();
        var lang = FindingsOutput.LangOption();
        var rules = ScanLogCommand.RulesOption();
        var cmd = new Command("files", "扫描网站文件中的木马、后门（webshell） / scan a web root for webshells and backdoors")
        {
            dir, format, failOn, lang, rules,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) => Task.FromResult(ScanLogCommand.Guard(() => Execute(r, ct))));
        return cmd;

        int Execute(ParseResult r, CancellationToken ct)
        {
            var root = r.GetValue(dir)!;
            if (!Directory.Exists(root))
            {
                throw new CliUsageException(File.Exists(root)
                    ? $"用法错误 / usage error: {root} 是文件，需要目录 / is a file; a folder is expected."
                    : $"找不到目录 / directory not found: {root}");
            }

            WebshellRuleSet ruleSet;
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
            var options = new WebshellScanOptions { Target = root, Language = language };
            using var output = new FindingsOutput(r.GetValue(format)!, r.GetValue(failOn));
            var stats = Run(root, new WebshellScanner(ruleSet, options), options, output, ct);
            output.Complete();
            if (stats.Unreadable > 0)
            {
                output.Warn($"{root}: {stats.Unreadable} 个文件或目录无法读取，已跳过 / files or folders could not be read and were skipped.");
            }

            return output.ExitCode;
        }
    }

    internal static WebshellRuleSet LoadRules(string[]? extra)
    {
        ScanLogCommand.CheckRuleDirs(extra);
        var files = RuleFiles.Read("webshell", "*.rules", extra);
        if (files.Count == 0)
        {
            throw new RuleFormatException("rules/webshell", 0, "no webshell rule files (*.rules) were found; set GOVGUARD_HOME or pass --rules DIR");
        }

        var hashes = RuleFiles.Read("webshell", "*sha256*.txt", extra);
        return WebshellRuleSet.Load(files.Select(f => (f.Name, f.Text)), hashes.Select(f => (f.Name, f.Text)));
    }

    private sealed class Stats
    {
        public int Files;
        public int Unreadable;
    }

    private static Stats Run(string root, WebshellScanner scanner, WebshellScanOptions options, FindingsOutput output, CancellationToken ct)
    {
        var stats = new Stats();
        var walk = Walk(root, output, stats);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
        Parallel.ForEach(Partitioner.Create(walk, EnumerablePartitionerOptions.NoBuffering), parallel, path =>
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            ScanOne(path, relative, scanner, options, output, stats);
            var n = Interlocked.Increment(ref stats.Files);
            output.Progress(n, null, options.Language.Pick("个文件", "files"));
        });
        return stats;
    }

    private static void ScanOne(string path, string relative, WebshellScanner scanner, WebshellScanOptions options, FindingsOutput output, Stats stats)
    {
        byte[]? buffer = null;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var length = fs.Length;
            Span<byte> head = stackalloc byte[64];
            var headLen = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var kind = WebshellScanner.KindOf(relative, head[..headLen], out var image);
            if (kind == ScriptKind.None && !image)
            {
                return;
            }

            var want = (int)Math.Min(length, options.MaxBytes);
            buffer = ArrayPool<byte>.Shared.Rent(Math.Max(want, headLen));
            head[..headLen].CopyTo(buffer);
            var got = headLen + fs.ReadAtLeast(buffer.AsSpan(headLen, Math.Max(0, want - headLen)), Math.Max(0, want - headLen), throwOnEndOfStream: false);
            var partial = length > options.MaxBytes;
            if (partial)
            {
                output.Warn($"{relative}: 文件 {length / 1048576} MB 超过上限，仅扫描了前 {options.MaxBytes / 1048576} MB / file larger than the cap, only the first {options.MaxBytes / 1048576} MB were scanned.");
            }

            var (finding, _) = scanner.Scan(relative, buffer.AsSpan(0, got), partial);
            if (finding is not null)
            {
                output.Write(finding);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref stats.Unreadable);
            output.Warn($"{relative}: 无法读取，已跳过 / cannot be read, skipped ({e.Message})");
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Depth-first walk that yields files as it finds them; symbolic links are not followed.</summary>
    private static IEnumerable<string> Walk(string root, FindingsOutput output, Stats stats)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos("*", options).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Interlocked.Increment(ref stats.Unreadable);
                output.Warn($"{Path.GetRelativePath(root, dir).Replace('\\', '/')}: 目录无法读取，已跳过 / folder cannot be read, skipped ({e.Message})");
                continue;
            }

            foreach (var e in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (e.LinkTarget is not null || (e.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    continue;
                }

                if (e is DirectoryInfo)
                {
                    pending.Push(e.FullName);
                }
                else
                {
                    yield return e.FullName;
                }
            }
        }
    }
}
