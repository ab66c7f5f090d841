using System.CommandLine;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard manifest create|verify`: hash manifests of directory trees (GB/T 38249 6.3.4, 7.4.4 a, 8.2.1 b, 8.3.4).</summary>
public static class ManifestCommands
{
    public static Command Create()
    {
        var cmd = new Command("manifest", "目录清单（SHA-256 / SM3 哈希）：生成与校验 / hash manifests of a directory tree: create and verify");
        cmd.Subcommands.Add(ManifestCreateCommand.Create());
        cmd.Subcommands.Add(ManifestVerifyCommand.Create());
        return cmd;
    }
}
