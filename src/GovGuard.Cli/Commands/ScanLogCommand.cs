using System.CommandLine;
using GovGuard.Cli.Infrastructure;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard scan log` (placeholder until its feature lands).</summary>
public static class ScanLogCommand
{
    public static Command Create()
    {
        var cmd = new Command("log", "尚未实现 / not implemented yet");
        cmd.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            await Console.Error.WriteLineAsync("govguard scan log: 尚未实现 / not implemented yet").ConfigureAwait(false);
            return ExitCodes.Failure;
        });
        return cmd;
    }
}
