using GovGuard.Cli.Infrastructure;

namespace GovGuard.Cli.Tests.Usage;

public class UsageTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Unknown_option_exits_2_with_one_sentence_naming_it()
    {
        var (code, stdout, stderr) = await Run("--bogus");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains("--bogus", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Help_lists_every_contract_command()
    {
        var (code, stdout, _) = await Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        foreach (var command in new[] { "serve", "baseline", "scan", "catalog", "manifest", "audit" })
        {
            Assert.Contains(command, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_option_of_a_subcommand_points_at_its_help()
    {
        var (code, _, stderr) = await Run("scan", "log", "--nope", "x");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("govguard scan log --help", stderr, StringComparison.Ordinal);
    }
}
