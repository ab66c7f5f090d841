using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovGuard.Tests.Shared;

/// <summary>One request a <see cref="WebhookReceiver"/> recorded.</summary>
public sealed record ReceivedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// Kestrel on 127.0.0.1 and a free port recording every POST. <see cref="Answer"/> decides the response:
/// by default 200 with {"errcode":0,"code":0} (what robots answer on success).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Status and body for a request; the default accepts everything.</summary>
    public Func<ReceivedRequest, (int Status, string Body)> Answer { get; set; } = _ => (200, "{\"errcode\":0,\"code\":0,\"errmsg\":\"ok\"}");

    public string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    public IReadOnlyList<ReceivedRequest> On(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? self = null;
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(http.Request.Path.Value ?? "/", http.Request.QueryString.Value ?? string.Empty, headers, body);
            self!.Requests.Enqueue(request);
            var (status, answer) = self.Answer(request);
            return Results.Text(answer, "application/json", statusCode: status);
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new WebhookReceiver(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
        return self;
    }

    /// <summary>Waits until <paramref name="path"/> has at least <paramref name="count"/> requests.</summary>
    public async Task<bool> WaitForAsync(string path, int count, TimeSpan? timeout = null)
    {
        var until = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(20)).TotalMilliseconds;
        while (On(path).Count < count && Environment.TickCount64 < until)
        {
            await Task.Delay(50);
        }

        return On(path).Count >= count;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
