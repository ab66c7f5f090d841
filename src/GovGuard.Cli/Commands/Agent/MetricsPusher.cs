using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>
/// Pushes resource metrics to the server every interval (GB/T 38249 7.4.2 a, 7.4.5): this host's own counters
/// (<c>--metrics host</c>) or the page of a local exporter (<c>--metrics http://127.0.0.1:9100/metrics</c>). Only the
/// latest sample matters, so nothing is kept while the server is away: the next push after it is back carries the
/// state of then, and the server's monitor reports the gap as missing pushes.
/// </summary>
public sealed class MetricsPusher(Uri server, string token, string source, TimeProvider time, Action<string> say) : IDisposable
{
    private readonly HttpClient _http = AgentSender.NewClient();

    private bool _failing;

    /// <summary>Pushes the server accepted.</summary>
    public int Pushed { get; private set; }

    public async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await PushOnceAsync(ct).ConfigureAwait(false);
                await Task.Delay(interval, time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Reads one sample and pushes it; true when the server accepted it.</summary>
    public async Task<bool> PushOnceAsync(CancellationToken ct)
    {
        string text;
        try
        {
            text = source == "host" ? HostMetrics.Read() : await _http.GetStringAsync(new Uri(source), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            Fail($"无法读取资源指标 / cannot read the metrics from {source}: {e.Message}");
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/v1/agent/metrics"))
        {
            Content = new StringContent(text, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Fail($"服务器拒绝资源指标 / the server refused the metrics: HTTP {(int)response.StatusCode}");
                return false;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            Fail($"无法送达资源指标 / cannot reach the server with the metrics: {e.Message}");
            return false;
        }

        if (_failing)
        {
            say("资源指标推送已恢复 / metrics pushes go through again");
            _failing = false;
        }

        Pushed++;
        return true;
    }

    public void Dispose() => _http.Dispose();

    private void Fail(string why)
    {
        if (!_failing)
        {
            say(why);
            _failing = true;
        }
    }
}
