using System.CommandLine;
using GovGuard.Cli.Infrastructure;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard baseline` (placeholder until its feature lands).</summary>
public static class BaselineCommand
{
    public static Command Create()
    {
        var cmd = new Command("baseline", "尚未实现 / not implemented yet");
        cmd.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            await Console.Error.WriteLineAsync("govguard baseline: 尚未实现 / not implemented yet").ConfigureAwait(false);
            return ExitCodes.Failure;
        });
        return cmd;
    }
}
