using GovGuard.Cli.Infrastructure;

// The `govguard` entry point: a table of contents of the commands in ../../shared contracts' CLI.md.
return await GovGuardCli.RunAsync(args).ConfigureAwait(false);
