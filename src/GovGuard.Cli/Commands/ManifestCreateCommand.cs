using System.CommandLine;
using System.Globalization;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Manifest;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard manifest create DIR --out FILE [--algo sha256|sm3]`.</summary>
public static class ManifestCreateCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "要生成清单的目录 / the directory to describe" };
        var output = new Option<string>("--out", "-o")
        {
            Description = "清单文件 / the manifest file to write",
            Required = true,
        };
        var algo = new Option<string>("--algo")
        {
            Description = "哈希算法 sha256|sm3（默认 sha256）/ hash algorithm",
            DefaultValueFactory = _ => "sha256",
        }.AcceptOnlyFromAmong("sha256", "sm3");

        var cmd = new Command("create",
            "为目录下每个文件记录大小与哈希，生成可校验的清单（符号链接只记录不跟随）/ write a manifest of every file under DIR with size and hash (links recorded, not followed)")
        {
            dir, output, algo,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) =>
            Task.Run(() => Run(r, r.GetValue(dir)!, r.GetValue(output)!, r.GetValue(algo)!, ct), ct));
        return cmd;
    }

    private static int Run(ParseResult r, string dir, string outPath, string algoName, CancellationToken ct)
    {
        var stderr = r.InvocationConfiguration.Error;

        if (!ManifestAlgorithmNames.TryParse(algoName, out var algorithm))
        {
            throw new CliUsageException($"用法错误 / usage error: --algo must be sha256 or sm3, not '{algoName}'.");
        }

        if (!Directory.Exists(dir))
        {
            stderr.WriteLine($"找不到目录 / directory not found: {dir}");
            return ExitCodes.Failure;
        }

        var progress = new ManifestProgress(stderr, "manifest create");
        var result = new ManifestBuilder(TimeProvider.System)
            .BuildFile(dir, outPath, algorithm, null, progress.Observe, ct);
        progress.Done();

        foreach (var u in result.Unreadable)
        {
            stderr.WriteLine($"无法读取 / unreadable: {ManifestPath.Escape(u.Path)}: {u.Error}");
        }

        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"已写入清单 / manifest written: {outPath} ({result.Entries:N0} entries, {result.Files:N0} files, {result.Bytes:N0} bytes, {algorithm.ToWire()})"));
        if (result.Unreadable.Count > 0)
        {
            // The manifest is written (with '!' lines), but it does not vouch for those entries.
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"有 {result.Unreadable.Count} 项无法读取，清单中记为 '!' / {result.Unreadable.Count} entries could not be read and are recorded as '!'"));
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }
}
