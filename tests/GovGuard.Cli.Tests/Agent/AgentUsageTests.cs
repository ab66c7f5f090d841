using GovGuard.Cli.Infrastructure;

namespace GovGuard.Cli.Tests.Agent;

/// <summary>Bad agent options exit 2 with one sentence naming the option, before anything starts.</summary>
public sealed class AgentUsageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govguard-agent-usage-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private const string Token = "gga_0123456789abcdef0123456789abcdef_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

    [Theory]
    [InlineData("http://govguard.example.gov.cn", Token, "--server")]
    [InlineData("ftp://127.0.0.1/", Token, "--server")]
    [InlineData("https://govguard.example.gov.cn", "gg_personal_token", "--token")]
    public async Task A_bad_option_exits_2_naming_it(string server, string token, string named)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(["agent", "--server", server, "--token", token, "--webroot", _root, "--state", Path.Combine(Path.GetTempPath(), "gg-agent-usage-state")], stdout, stderr);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(named, stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public async Task A_state_folder_inside_the_web_root_is_refused()
    {
        using var stderr = new StringWriter();
        var code = await GovGuardCli.RunAsync(["agent", "--server", "https://govguard.example.gov.cn", "--token", Token, "--webroot", _root, "--state", Path.Combine(_root, "state")], TextWriter.Null, stderr);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--state", stderr.ToString(), StringComparison.Ordinal);
    }
}
