using System.CommandLine;
using GovGuard.Cli.Commands;

namespace GovGuard.Cli.Infrastructure;

/// <summary>Builds the command tree and maps outcomes to the contract's exit codes.</summary>
public static class GovGuardCli
{
    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("GovGuard — 政府网站云计算服务安全平台 (GB/T 38249-2019) / security platform for government websites on cloud services");
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(BaselineCommand.Create());
        root.Subcommands.Add(ScanCommands.Create());
        root.Subcommands.Add(CatalogCommand.Create());
        root.Subcommands.Add(ManifestCommands.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(BackupCommands.Backup());
        root.Subcommands.Add(BackupCommands.Restore());
        root.Subcommands.Add(Commands.Agent.AgentCommand.Create());
        return root;
    }

    /// <summary>Parses and runs; usage errors exit 2 with one sentence on stderr.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var root = BuildRoot();
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
            // Failures inside a command reach the handlers below: one sentence, no stack trace.
            EnableDefaultExceptionHandler = false,
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var err = config.Error;
            await err.WriteLineAsync(UsageErrors.OneSentence(parse)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(config).ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            await config.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await config.Error.WriteLineAsync("已取消 / cancelled").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // The edge of the program: any failure becomes one sentence, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var verbose = parse.GetValue(GlobalOptions.Verbose);
            await config.Error.WriteLineAsync(verbose ? e.ToString() : CliErrors.Sentence(e)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
