using GovGuard.Cli.Infrastructure;

namespace GovGuard.Cli.Tests.Serve;

/// <summary>The demo options of <c>govguard serve</c> on the command line (the demo itself runs in the web tests).</summary>
public sealed class ServeDemoUsageTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Serve_help_describes_the_demo()
    {
        var (code, stdout, _) = await Run("serve", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("--demo", stdout, StringComparison.Ordinal);
        Assert.Contains("--demo-deface-after", stdout, StringComparison.Ordinal);
        Assert.Contains("演示模式", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_defacement_delay_is_a_usage_error_naming_the_option()
    {
        var data = Path.Combine(Path.GetTempPath(), "govguard-demo-usage-" + Guid.NewGuid().ToString("N"));
        var (code, _, stderr) = await Run("serve", "--demo", "--demo-deface-after", "-5", "--data", data, "--urls", "http://127.0.0.1:0");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--demo-deface-after", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "demo-sites.json")));
    }
}
