using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GovGuard.Web.Demo;

/// <summary>The three demo websites, each on its own port of 127.0.0.1.</summary>
public enum DemoSite
{
    /// <summary>A healthy portal: stays as it is.</summary>
    Healthy,

    /// <summary>A bureau's site that gets defaced a while after start.</summary>
    Defaced,

    /// <summary>A site carrying hidden gambling links and a redirect only search-engine visitors get.</summary>
    Hijacked,
}

/// <summary>
/// The demo's own websites, served by a small in-process Kestrel on 127.0.0.1 (one port per site). Only these
/// exact address-and-port pairs are allow-listed for the fetcher (never loopback as a whole). Ports are kept in
/// the data folder, so a second start serves the sites where the stored monitors look for them.
/// </summary>
public sealed class DemoSites : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly TimeSpan defaceAfter;
    private long defaceAtTicks = DateTimeOffset.MaxValue.UtcTicks;

    private DemoSites(WebApplication app, IReadOnlyDictionary<DemoSite, int> ports, TimeProvider time, TimeSpan defaceAfter)
    {
        this.app = app;
        Ports = ports;
        this.time = time;
        this.defaceAfter = defaceAfter;
    }

    public IReadOnlyDictionary<DemoSite, int> Ports { get; }

    /// <summary>True once the defaced site serves its defacement.</summary>
    public bool IsDefaced => time.GetUtcNow() >= DefaceAt;

    /// <summary>When the defaced site turns: the delay after <see cref="StartClock"/>; never before it is called.</summary>
    public DateTimeOffset DefaceAt => new(Interlocked.Read(ref defaceAtTicks), TimeSpan.Zero);

    /// <summary>Starts the countdown to the defacement: called once the monitors watch the sites (their first baseline is the clean page).</summary>
    public void StartClock() => Interlocked.Exchange(ref defaceAtTicks, (time.GetUtcNow() + defaceAfter).UtcTicks);

    /// <summary>The site's home page URL.</summary>
    public string Url(DemoSite site) => $"http://127.0.0.1:{Ports[site]}/";

    /// <summary>The exact endpoints to allow-list (<c>127.0.0.1:port</c>).</summary>
    public IEnumerable<string> Endpoints => Ports.Values.Select(p => $"127.0.0.1:{p}");

    /// <summary>Starts the sites, on the ports of the last start when they are free (<paramref name="portFile"/>), else on free ones.</summary>
    public static async Task<DemoSites> StartAsync(string portFile, TimeSpan defaceAfter, TimeProvider? timeProvider = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(portFile);
        var time = timeProvider ?? TimeProvider.System;
        var ports = ChoosePorts(portFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            foreach (var port in ports.Values)
            {
                k.Listen(IPAddress.Loopback, port);
            }
        });
        var app = builder.Build();
        var sites = new DemoSites(app, ports, time, defaceAfter);
        var byPort = ports.ToDictionary(p => p.Value, p => p.Key);
        ((IApplicationBuilder)app).Run(http => byPort.TryGetValue(http.Connection.LocalPort, out var site) ? sites.ServeAsync(site, http) : NotFound(http));
        await app.StartAsync(ct).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(portFile))!);
        await File.WriteAllTextAsync(portFile, JsonSerializer.Serialize(ports.ToDictionary(p => p.Key.ToString(), p => p.Value)), ct).ConfigureAwait(false);
        return sites;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private Task ServeAsync(DemoSite site, HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        if (site == DemoSite.Hijacked && http.Request.Headers.Referer.ToString() is { Length: > 0 } referer
            && (referer.Contains("baidu.com", StringComparison.OrdinalIgnoreCase) || referer.Contains("sogou.com", StringComparison.OrdinalIgnoreCase)))
        {
            // The referrer-only redirect: visitors from a search engine are sent to a gambling site, everyone else sees the page.
            http.Response.Redirect("http://www.dafa-casino.top/");
            return Task.CompletedTask;
        }

        var page = DemoContent.Page(site, path, site == DemoSite.Defaced && IsDefaced);
        if (page is null)
        {
            return NotFound(http);
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(page);
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync("<!DOCTYPE html><html><head><title>404</title></head><body><h1>404 页面不存在</h1></body></html>");
    }

    private static Dictionary<DemoSite, int> ChoosePorts(string portFile)
    {
        var stored = new Dictionary<string, int>();
        try
        {
            if (File.Exists(portFile))
            {
                stored = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(portFile)) ?? [];
            }
        }
        catch (JsonException)
        {
            // An unreadable port file only costs the old ports: the seeding moves the monitors to the new ones.
        }

        var ports = new Dictionary<DemoSite, int>();
        foreach (var site in Enum.GetValues<DemoSite>())
        {
            ports[site] = stored.TryGetValue(site.ToString(), out var p) && p is > 1024 and < 65536 && !ports.ContainsValue(p) && IsFree(p) ? p : FreePort(ports.Values);
        }

        return ports;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort(IEnumerable<int> taken)
    {
        while (true)
        {
            using var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            if (!taken.Contains(port))
            {
                return port;
            }
        }
    }
}
