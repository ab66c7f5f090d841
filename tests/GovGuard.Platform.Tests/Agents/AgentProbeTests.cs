using GovGuard.Platform.Agents;
using GovGuard.Platform.Monitoring;

namespace GovGuard.Platform.Tests.Agents;

/// <summary>The judgement of an agent's monitor over what its reports left stored.</summary>
public sealed class AgentProbeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static Agent Agent(DateTimeOffset? lastSeen, DateTimeOffset? created = null) => new()
    {
        Name = "web-01",
        SecretHash = new byte[32],
        SilenceSeconds = 300,
        CreatedAt = created ?? Now.AddHours(-1),
        LastSeenAt = lastSeen,
    };

    private static string Json(params AgentFinding[] findings) => AgentIngest.FindingsJson(findings);

    private static AgentFinding File(string path, string rule = "file-altered", string severity = "high") =>
        new("tamper.file_changed", severity, "/var/www", null, path, null, rule, "文件内容与完整性基线不一致", path);

    private static AgentFinding Attack(string category, string rule, long line) =>
        new(category, "high", "/var/log/nginx/access.log", null, null, line, rule, "攻击", "GET /?id=1 UNION SELECT");

    [Fact]
    public void A_freshly_registered_agent_is_not_offline_yet_and_a_silent_one_is()
    {
        var fresh = AgentProbe.Evaluate(Agent(null, created: Now.AddSeconds(-10)), Now, null, []);
        Assert.Equal(MonitorHealth.Up, fresh.Health);
        Assert.Empty(fresh.Findings);
        Assert.Contains("等待首次报告", fresh.Summary.Zh, StringComparison.Ordinal);

        var silent = AgentProbe.Evaluate(Agent(Now.AddSeconds(-301)), Now, null, []);
        Assert.Equal(MonitorHealth.Down, silent.Health);
        Assert.Equal(AgentProbe.OfflineRule, Assert.Single(silent.Findings).Rule);
        Assert.False(AgentProbe.IsOnline(Agent(null), Now));
        Assert.True(AgentProbe.IsOnline(Agent(Now.AddSeconds(-299)), Now));
    }

    [Fact]
    public void File_differences_are_one_finding_per_file_and_attacks_one_per_kind_and_rule()
    {
        var files = Json(File("index.html"), File("news.php"), File("old.txt", "file-removed", "low"));
        var attacks = new[]
        {
            Json(Attack("attack.sqli", "sqli-union-select", 12), Attack("attack.xss", "xss-script-tag", 13)),
            Json(Attack("attack.sqli", "sqli-union-select", 3)),
        };
        var outcome = AgentProbe.Evaluate(Agent(Now.AddSeconds(-5)), Now, files, attacks);
        Assert.Equal(MonitorHealth.Down, outcome.Health);
        Assert.Equal(["index.html", "news.php", "old.txt"], outcome.Findings.Where(f => f.Category == "tamper.file_changed").Select(f => f.Url));
        var sqli = Assert.Single(outcome.Findings, f => f.Category == "attack.sqli");
        Assert.Equal(12, sqli.Line);
        Assert.Single(outcome.Findings, f => f.Category == "attack.xss");
        Assert.DoesNotContain(outcome.Findings, f => f.Rule == AgentProbe.OfflineRule);
    }
}
