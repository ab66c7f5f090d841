using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovGuard.Platform.Tests.TestServers;

/// <summary>A real Kestrel server on a loopback address and a free port, for tests. Records every request path.</summary>
public sealed class LocalWebServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalWebServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Scheme, address and port, ending with '/'.</summary>
    public Uri BaseUrl { get; }

    public int Port => BaseUrl.Port;

    /// <summary>Path and query of every request received, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>User-Agent of every request received, in order.</summary>
    public ConcurrentQueue<string> UserAgents { get; } = new();

    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).AbsoluteUri;

    /// <summary>Starts a server on <paramref name="address"/> (127.0.0.1 unless given); <paramref name="map"/> adds its endpoints.</summary>
    public static async Task<LocalWebServer> StartAsync(Action<WebApplication> map, IPAddress? address = null, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(address ?? IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        LocalWebServer? server = null;
        app.Use(async (context, next) =>
        {
            server!.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            server.UserAgents.Enqueue(context.Request.Headers.UserAgent.ToString());
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LocalWebServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
        return server;
    }

    /// <summary>Writes <paramref name="body"/> with <paramref name="contentType"/>.</summary>
    public static Task Bytes(HttpContext context, byte[] body, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
