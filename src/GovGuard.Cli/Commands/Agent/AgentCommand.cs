using System.CommandLine;
using System.Net;
using GovGuard.Cli.Infrastructure;
using GovGuard.Detection.Logs;
using GovGuard.Detection.Rules;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>
/// `govguard agent`: runs beside a web root and an access log, watches the files (real time plus a periodic full
/// check, GB/T 38249 7.4.4 a), tails the log for attacks (7.3 b) and reports to a GovGuard server with its agent token,
/// keeping every event on disk until the server acknowledges it.
/// </summary>
public static class AgentCommand
{
    /// <summary>The environment variable that may carry the token instead of --token (kept out of the process list).</summary>
    public const string TokenVariable = "GOVGUARD_AGENT_TOKEN";

    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "GovGuard 服务器地址（https；http 仅限本机回环地址）/ server URL (https; http only to loopback)", Required = true };
        var token = new Option<string?>("--token") { Description = $"代理令牌 gga_…（也可用环境变量 {TokenVariable}）/ agent token (or the {TokenVariable} variable)" };
        var webroot = new Option<string>("--webroot") { Description = "网站根目录 / the web root to watch", Required = true };
        var log = new Option<string?>("--log") { Description = "要跟踪的访问日志 / the access log to follow" };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "日志格式 combined|common / log line format",
            DefaultValueFactory = _ => "combined",
        }.AcceptOnlyFromAmong("combined", "common");
        var state = new Option<string>("--state")
        {
            Description = "状态目录：完整性基线、待送达事件日志、日志读取位置（默认 ./govguard-agent）/ state folder: baseline, event journal, log position",
            DefaultValueFactory = _ => "govguard-agent",
        };
        var fullCheck = new Option<int>("--full-check")
        {
            Description = "完整比对间隔（秒，默认 300）/ seconds between full comparisons of the web root",
            DefaultValueFactory = _ => 300,
        };
        var heartbeat = new Option<int>("--heartbeat")
        {
            Description = "无事件时的心跳间隔（秒，默认 30）/ seconds between heartbeats when there is nothing to report",
            DefaultValueFactory = _ => 30,
        };
        var rebaseline = new Option<bool>("--rebaseline") { Description = "以网站目录当前内容重建完整性基线（发布新版本后）/ take the web root as it is now as the new baseline (after a release)" };
        var metrics = new Option<string?>("--metrics")
        {
            Description = "推送资源指标：host（读取本机 /proc）或本机导出器网址，如 http://127.0.0.1:9100/metrics / push resource metrics: host (this machine's /proc) or a local exporter's URL",
        };
        var metricsInterval = new Option<int>("--metrics-interval")
        {
            Description = "资源指标推送间隔（秒，默认 60）/ seconds between metrics pushes",
            DefaultValueFactory = _ => 60,
        };
        var rules = ScanLogCommand.RulesOption();
        var cmd = new Command("agent", "在网站服务器上运行的代理：实时监视网站文件、跟踪访问日志并向 GovGuard 报告 / run beside a web root: watch files, follow the access log, report to GovGuard")
        {
            server, token, webroot, log, logFormat, state, fullCheck, heartbeat, rebaseline, metrics, metricsInterval, rules,
        };
        cmd.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            // A bad option throws CliUsageException: one sentence on stderr, exit 2.
            var settings = Check(r.GetValue(server)!, r.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable), r.GetValue(webroot)!,
                r.GetValue(log), r.GetValue(logFormat)!, r.GetValue(state)!, r.GetValue(fullCheck), r.GetValue(heartbeat), r.GetValue(rebaseline),
                r.GetValue(metrics), r.GetValue(metricsInterval));
            var stderr = r.InvocationConfiguration.Error;

            Detection.Webshell.WebshellRuleSet webshells;
            LogRuleSet? logRules;
            try
            {
                webshells = ScanFilesCommand.LoadRules(r.GetValue(rules));
                logRules = settings.Log is null ? null : ScanLogCommand.LoadRules(r.GetValue(rules));
            }
            catch (RuleFormatException e)
            {
                await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            try
            {
                await new AgentRunner(settings, webshells, logRules, TimeProvider.System, stderr).RunAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM: the journal keeps what was not delivered.
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Checks the options; a bad one is a usage error naming it.</summary>
    public static AgentSettings Check(string server, string? token, string webroot, string? log, string logFormat, string state, int fullCheck, int heartbeat, bool rebaseline,
        string? metrics = null, int metricsInterval = 60)
    {
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliUsageException($"用法错误 / usage error: --server {server}: 需要 https 网址 / an https URL is expected.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)) && uri.Host != "localhost")
        {
            throw new CliUsageException($"用法错误 / usage error: --server {server}: 令牌和事件只能通过 https 发送（http 仅限 127.0.0.1 等本机地址）/ the token and events go over https only (http only to a loopback address).");
        }

        if (string.IsNullOrWhiteSpace(token) || !token.StartsWith(Platform.Agents.AgentLimits.TokenPrefix, StringComparison.Ordinal))
        {
            throw new CliUsageException($"用法错误 / usage error: --token: 需要在网站的代理页面创建的 gga_… 令牌（或环境变量 {TokenVariable}）/ a gga_… token created on the website's agents page is expected (or {TokenVariable}).");
        }

        if (!Directory.Exists(webroot))
        {
            throw new CliUsageException($"用法错误 / usage error: --webroot {webroot}: 目录不存在 / the folder does not exist.");
        }

        if (log is not null && Directory.Exists(log))
        {
            throw new CliUsageException($"用法错误 / usage error: --log {log}: 是目录，需要日志文件 / is a folder; a log file is expected.");
        }

        var root = Path.GetFullPath(webroot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var stateDir = Path.GetFullPath(state);
        if ((stateDir + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal))
        {
            throw new CliUsageException($"用法错误 / usage error: --state {state}: 状态目录不能在网站目录之内 / the state folder must be outside the web root.");
        }

        if (fullCheck is < 10 or > 86_400)
        {
            throw new CliUsageException("用法错误 / usage error: --full-check: 需要 10 到 86400 秒 / 10 to 86400 seconds are expected.");
        }

        if (heartbeat is < 1 or > 3600)
        {
            throw new CliUsageException("用法错误 / usage error: --heartbeat: 需要 1 到 3600 秒 / 1 to 3600 seconds are expected.");
        }

        if (metrics is not null && metrics != "host" && !(Uri.TryCreate(metrics, UriKind.Absolute, out var exporter) && (exporter.Scheme == Uri.UriSchemeHttp || exporter.Scheme == Uri.UriSchemeHttps)))
        {
            throw new CliUsageException($"用法错误 / usage error: --metrics {metrics}: 需要 host 或 http(s) 网址 / host or an http(s) URL is expected.");
        }

        if (metrics == "host" && !HostMetrics.Available)
        {
            throw new CliUsageException("用法错误 / usage error: --metrics host: 本机没有 /proc（仅支持 Linux），请改用导出器网址 / this machine has no /proc (Linux only); give an exporter's URL instead.");
        }

        if (metricsInterval is < 10 or > 3600)
        {
            throw new CliUsageException("用法错误 / usage error: --metrics-interval: 需要 10 到 3600 秒 / 10 to 3600 seconds are expected.");
        }

        return new AgentSettings(uri, token.Trim(), Path.GetFullPath(webroot), log is null ? null : Path.GetFullPath(log),
            logFormat == "common" ? AccessLogFormat.Common : AccessLogFormat.Combined, stateDir,
            TimeSpan.FromSeconds(fullCheck), TimeSpan.FromSeconds(heartbeat), TimeSpan.FromMilliseconds(500), rebaseline,
            metrics, TimeSpan.FromSeconds(metricsInterval));
    }
}
