using System.CommandLine;
using GovGuard.Cli.Infrastructure;

namespace GovGuard.Cli.Commands;

/// <summary>`govguard catalog` (placeholder until its feature lands).</summary>
public static class CatalogCommand
{
    public static Command Create()
    {
        var cmd = new Command("catalog", "尚未实现 / not implemented yet");
        cmd.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            await Console.Error.WriteLineAsync("govguard catalog: 尚未实现 / not implemented yet").ConfigureAwait(false);
            return ExitCodes.Failure;
        });
        return cmd;
    }
}
