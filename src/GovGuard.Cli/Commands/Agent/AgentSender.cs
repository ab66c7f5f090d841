using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GovGuard.Platform.Agents;

namespace GovGuard.Cli.Commands.Agent;

/// <summary>
/// Sends the journal's unacknowledged events to the server in sequence order and forgets them once acknowledged;
/// sends a heartbeat when there is nothing to say. While the server is away it retries with growing pauses
/// (up to 30 s); the journal keeps everything meanwhile.
/// </summary>
public sealed class AgentSender(Uri server, string token, AgentJournal journal, TimeProvider time, Action<string> say) : IDisposable
{
    private const int Batch = 200;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = NewClient();

    private readonly SemaphoreSlim _wake = new(0, 1);
    private bool _down;

    /// <summary>Reports delivered (events or heartbeats).</summary>
    public int Delivered { get; private set; }

    /// <summary>Sends until <paramref name="ct"/> ends; a heartbeat at least every <paramref name="heartbeat"/>.</summary>
    public async Task RunAsync(TimeSpan heartbeat, CancellationToken ct)
    {
        journal.Appended += Wake;
        var backoff = TimeSpan.FromSeconds(1);
        var lastSent = DateTimeOffset.MinValue;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var pending = journal.Pending(Batch);
                if (pending.Count == 0 && time.GetUtcNow() - lastSent < heartbeat)
                {
                    await WaitAsync(heartbeat - (time.GetUtcNow() - lastSent), ct).ConfigureAwait(false);
                    continue;
                }

                if (await SendAsync(pending, ct).ConfigureAwait(false))
                {
                    lastSent = time.GetUtcNow();
                    backoff = TimeSpan.FromSeconds(1);
                    continue;
                }

                await WaitAsync(backoff, ct, wakeable: false).ConfigureAwait(false);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: what is not acknowledged stays in the journal.
        }
        finally
        {
            journal.Appended -= Wake;
        }
    }

    /// <summary>One report; true when the server acknowledged it.</summary>
    public async Task<bool> SendAsync(IReadOnlyList<AgentEventInput> events, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/v1/agent/report"))
        {
            Content = JsonContent.Create(new AgentReport($"govguard-agent/{typeof(AgentSender).Assembly.GetName().Version} {Environment.MachineName}", events)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var receipt = await response.Content.ReadFromJsonAsync<AgentReceipt>(ct).ConfigureAwait(false);
                if (receipt is not null && events.Count > 0)
                {
                    journal.Acknowledge(receipt.Acknowledged);
                }

                if (_down)
                {
                    say("服务器已恢复连接 / the server answers again");
                    _down = false;
                }

                Delivered++;
                return true;
            }

            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            Down($"HTTP {(int)response.StatusCode}: {Title(body)}");
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            Down(e.Message);
            return false;
        }
    }

    /// <summary>The agent's HTTP client to the server: no redirects or cookies, 10 s to connect, 30 s a request.</summary>
    internal static HttpClient NewClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
        MaxResponseContentBufferSize = 4 * 1024 * 1024,
    };

    public void Dispose()
    {
        _http.Dispose();
        _wake.Dispose();
    }

    private void Down(string why)
    {
        if (!_down)
        {
            say($"无法送达服务器，事件保存在本地日志中并将重试 / cannot reach the server; events stay in the journal and are retried ({why})");
            _down = true;
        }
    }

    private static string Title(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length <= 200 ? body : body[..200];
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // Already awake, or stopping.
        }
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken ct, bool wakeable = true)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        if (wakeable)
        {
            await _wake.WaitAsync(delay, ct).ConfigureAwait(false);
        }
        else
        {
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
        }
    }
}
