using System.Diagnostics;
using System.Net;
using System.Text;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Platform.Tests.Fetching;

public sealed class GuardedFetcherTests
{
    private const string Page = "<!doctype html><html><head><title>首页</title></head><body><h1>欢迎访问政府网站</h1></body></html>";

    [Fact]
    public async Task A_normal_page_is_read_whole_with_status_headers_text_and_timings()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers["X-Test"] = "yes";
            return Results.Text(Page, "text/html; charset=utf-8");
        }));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Null(result.Error);
        Assert.True(result.IsComplete);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("text/html", result.MediaType);
        Assert.True(result.IsHtml);
        Assert.Equal("yes", result.Header("x-test"));
        Assert.Equal(Page, result.Text);
        Assert.Equal("utf-8", result.Charset);
        Assert.Equal("header", result.CharsetSource);
        Assert.False(result.Truncated);
        Assert.Empty(result.Redirects);
        Assert.Equal(IPAddress.Loopback, result.RemoteAddress);
        Assert.NotNull(result.Timings.Dns);
        Assert.NotNull(result.Timings.Connect);
        Assert.NotNull(result.Timings.FirstByte);
        Assert.Null(result.Timings.Tls);
        Assert.True(result.Timings.Total >= result.Timings.FirstByte);
        Assert.Contains("GovGuard", Assert.Single(server.UserAgents), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_purpose_sends_its_user_agent()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "ok"));
        using var fetcher = TestFetchers.Loopback();

        await fetcher.FetchAsync(FetchRequest.AsBrowser(server.Url("/")));
        await fetcher.FetchAsync(FetchRequest.AsSpider(server.Url("/"), "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"));

        var agents = server.UserAgents.ToArray();
        Assert.Contains("Chrome/", agents[0], StringComparison.Ordinal);
        Assert.Contains("Baiduspider", agents[1], StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("/")) { Purpose = FetchPurpose.Spider }));
    }

    [Fact]
    public async Task A_head_request_has_no_body()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapMethods("/", ["GET", "HEAD"], () => Results.Text(Page, "text/html")));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("/")) { Method = HttpMethod.Head });

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(0, result.Body.Length);
        Assert.Null(result.Text);
    }

    [Fact]
    public async Task Redirects_are_followed_and_every_hop_is_recorded()
    {
        await using var server = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/a", () => Results.Redirect("/b"));
            app.MapGet("/b", (HttpContext c) => Results.Redirect($"http://127.0.0.1:{c.Connection.LocalPort}/c#frag", permanent: true));
            app.MapGet("/c", () => Results.Text("final", "text/plain"));
        });
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url("/a"));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal("final", result.Text);
        Assert.Equal(server.Url("/c"), result.FinalUrl!.AbsoluteUri);
        Assert.Collection(
            result.Redirects,
            hop => Assert.Equal((server.Url("/a"), 302, server.Url("/b")), (hop.Url.AbsoluteUri, hop.StatusCode, hop.Location.AbsoluteUri)),
            hop => Assert.Equal((server.Url("/b"), 301, server.Url("/c")), (hop.Url.AbsoluteUri, hop.StatusCode, hop.Location.AbsoluteUri)));
        Assert.Equal(["/a", "/b", "/c"], server.Requests);
    }

    [Fact]
    public async Task A_redirect_is_returned_as_is_when_following_is_off()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/a", () => Results.Redirect("http://10.0.0.1/")));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("/a")) { FollowRedirects = false });

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(302, result.StatusCode);
        Assert.Equal("http://10.0.0.1/", result.Header("Location"));
    }

    [Theory]
    [InlineData("http://10.0.0.1/", "ssrf.private")]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/", "ssrf.metadata")]
    [InlineData("http://100.100.100.200/latest/meta-data", "ssrf.metadata")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data", "ssrf.metadata")]
    [InlineData("file:///etc/passwd", "url.scheme")]
    [InlineData("gopher://127.0.0.1:6379/_INFO", "url.scheme")]
    public async Task A_redirect_to_a_blocked_target_is_refused_before_connecting(string location, string rule)
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/r", () => Results.Redirect(location)));
        // Even with the metadata's own ranges allow-listed.
        using var fetcher = TestFetchers.Strict(["127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "fd00::/8"]);
        var watch = Stopwatch.StartNew();

        var result = await fetcher.GetAsync(server.Url("/r"));

        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Equal(rule, result.Error!.Rule);
        Assert.Equal(302, Assert.Single(result.Redirects).StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), "refused without trying to connect");
        Assert.Contains(rule, result.Error.Message(MessageLanguage.English), StringComparison.Ordinal);
        Assert.Contains(rule, result.Error.Message(MessageLanguage.Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_loop_is_reported_as_a_loop()
    {
        await using var server = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/one", () => Results.Redirect("/two"));
            app.MapGet("/two", () => Results.Redirect("/one"));
        });
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url("/one"));

        Assert.Equal(FetchOutcome.RedirectLoop, result.Outcome);
        Assert.Equal(2, result.Redirects.Count);
        Assert.Equal(["/one", "/two"], server.Requests);
    }

    [Fact]
    public async Task An_endless_redirect_chain_stops_after_the_configured_number_of_redirects()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/chain/{n:int}", (int n) => Results.Redirect($"/chain/{n + 1}")));
        using var fetcher = TestFetchers.Loopback(o => o.MaxRedirects = 3);

        var result = await fetcher.GetAsync(server.Url("/chain/0"));

        Assert.Equal(FetchOutcome.TooManyRedirects, result.Outcome);
        Assert.Equal("redirect.limit", result.Error!.Rule);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(4, result.Redirects.Count);
    }

    [Fact]
    public async Task The_default_redirect_limit_is_five()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/chain/{n:int}", (int n) => n < 5 ? Results.Redirect($"/chain/{n + 1}") : Results.Text("end")));
        using var fetcher = TestFetchers.Loopback();

        var five = await fetcher.GetAsync(server.Url("/chain/0"));
        var six = await fetcher.GetAsync(server.Url("/chain/-1"));

        Assert.Equal(FetchOutcome.Ok, five.Outcome);
        Assert.Equal(5, five.Redirects.Count);
        Assert.Equal(FetchOutcome.TooManyRedirects, six.Outcome);
    }

    [Fact]
    public async Task Credentials_are_not_carried_to_another_origin_on_a_redirect()
    {
        var seen = new List<string>();
        await using var other = await LocalWebServer.StartAsync(
            app => app.MapGet("/", (HttpContext c) =>
            {
                seen.Add($"{c.Request.Headers.Authorization}|{c.Request.Headers.Cookie}|{c.Request.Headers["X-Keep"]}");
                return "other";
            }),
            IPAddress.Parse("127.0.0.2"));
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => Results.Redirect(other.Url("/"))));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("/"))
        {
            Headers = [new("Authorization", "Bearer secret"), new("Cookie", "session=secret"), new("X-Keep", "kept")],
        });

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(["||kept"], seen);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_cut_at_the_cap_and_reported_too_large()
    {
        var big = Encoding.ASCII.GetBytes("<html><body>" + new string('x', 200_000) + "</body></html>");
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) => LocalWebServer.Bytes(c, big, "text/html")));
        using var fetcher = TestFetchers.Loopback(o => o.MaxBodyBytes = 64 * 1024);

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Equal("limit.body", result.Error!.Rule);
        Assert.False(result.IsComplete);
        Assert.True(result.Truncated);
        Assert.Equal(64 * 1024, result.Body.Length);
        Assert.Equal(64 * 1024, result.Text!.Length);
        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task A_body_exactly_at_the_cap_is_complete()
    {
        var exact = new byte[4096];
        Array.Fill(exact, (byte)'a');
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) => LocalWebServer.Bytes(c, exact, "text/plain")));
        using var fetcher = TestFetchers.Loopback(o => o.MaxBodyBytes = 4096);

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal(4096, result.Body.Length);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task A_decompression_bomb_of_a_gigabyte_stops_at_the_cap_quickly(string encoding)
    {
        var bomb = encoding == "gzip" ? Bombs.Gzip : Bombs.Brotli;
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = encoding;
            return LocalWebServer.Bytes(c, bomb, "text/html");
        }));
        using var fetcher = TestFetchers.Loopback(o => o.MaxBodyBytes = 1024 * 1024);
        var watch = Stopwatch.StartNew();

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Equal(1024 * 1024, result.Body.Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(bomb.Length < 2 * 1024 * 1024, "the bomb is small on the wire");
    }

    [Fact]
    public async Task An_endless_body_without_a_length_stops_at_the_cap()
    {
        await using var server = new RawTcpServer(async (stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);
            var chunk = Encoding.ASCII.GetBytes(new string('<', 64 * 1024));
            while (!ct.IsCancellationRequested)
            {
                await stream.WriteAsync(chunk, ct);
            }
        });
        using var fetcher = TestFetchers.Loopback(o => o.MaxBodyBytes = 512 * 1024);

        var result = await fetcher.GetAsync(server.Url());

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Equal(512 * 1024, result.Body.Length);
    }

    [Fact]
    public async Task Corrupt_compression_is_a_protocol_error_not_a_crash()
    {
        var gzipHeaderThenGarbage = new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff }.Concat(Enumerable.Repeat((byte)0xff, 500)).ToArray();
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) =>
        {
            c.Response.Headers.ContentEncoding = "gzip";
            return LocalWebServer.Bytes(c, gzipHeaderThenGarbage, "text/html");
        }));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.ProtocolError, result.Outcome);
        Assert.Equal("http.decompression", result.Error!.Rule);
        Assert.True(result.Truncated);
    }

    [Fact]
    public async Task A_server_trickling_one_byte_a_second_is_cut_off_by_the_total_deadline()
    {
        await using var server = new RawTcpServer(async (stream, ct) =>
        {
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"u8.ToArray(), ct);
            for (var i = 0; i < 1000; i++)
            {
                await stream.WriteAsync("x"u8.ToArray(), ct);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        });
        using var fetcher = TestFetchers.Loopback(o => o.TotalTimeout = TimeSpan.FromSeconds(2.5));
        var watch = Stopwatch.StartNew();

        var result = await fetcher.GetAsync(server.Url());

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Equal("timeout.total", result.Error!.Rule);
        Assert.True(result.Truncated);
        Assert.InRange(result.Body.Length, 1, 4);
        Assert.Equal(200, result.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_on_the_idle_limit()
    {
        await using var server = new RawTcpServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        using var fetcher = TestFetchers.Loopback(o => o.IdleTimeout = TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        var result = await fetcher.GetAsync(server.Url());

        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Equal("timeout.idle", result.Error!.Rule);
        Assert.Null(result.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_callers_cancellation_throws_instead_of_returning_a_timeout()
    {
        await using var server = new RawTcpServer((_, ct) => Task.Delay(Timeout.Infinite, ct));
        using var fetcher = TestFetchers.Loopback();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetcher.GetAsync(server.Url(), cancel.Token));
    }

    [Fact]
    public async Task Huge_response_headers_are_refused()
    {
        var head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (var i = 0; i < 2000; i++)
        {
            head.Append(System.Globalization.CultureInfo.InvariantCulture, $"X-Filler-{i}: {new string('h', 100)}\r\n");
        }

        head.Append("Content-Length: 2\r\n\r\nok");
        await using var server = RawTcpServer.Answering(Encoding.ASCII.GetBytes(head.ToString()));
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url());

        Assert.Equal(FetchOutcome.TooLarge, result.Outcome);
        Assert.Equal("limit.headers", result.Error!.Rule);
    }

    [Fact]
    public async Task A_connection_closed_in_the_middle_of_the_body_is_incomplete()
    {
        await using var server = RawTcpServer.Answering("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>cut"u8.ToArray());
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url());

        Assert.Equal(FetchOutcome.ProtocolError, result.Outcome);
        Assert.Equal("http.body", result.Error!.Rule);
        Assert.True(result.Truncated);
        Assert.Equal("<html>cut", result.Text);
    }

    [Fact]
    public async Task A_response_that_is_not_http_is_a_protocol_error()
    {
        await using var server = RawTcpServer.Answering("SSH-2.0-OpenSSH_9.6\r\n\r\n"u8.ToArray());
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(server.Url());

        Assert.Equal(FetchOutcome.ProtocolError, result.Outcome);
    }

    [Fact]
    public async Task A_closed_port_is_a_connect_failure()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync($"http://127.0.0.1:{port}/");

        Assert.Equal(FetchOutcome.ConnectFailed, result.Outcome);
        Assert.Equal("connect.failed", result.Error!.Rule);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message(MessageLanguage.Chinese)));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_fails_closed()
    {
        using var fetcher = TestFetchers.Loopback(resolver: new MapResolver());

        var result = await fetcher.GetAsync("http://nowhere.test/");

        Assert.Equal(FetchOutcome.DnsFailed, result.Outcome);
        Assert.Equal("dns.failed", result.Error!.Rule);
    }

    [Theory]
    [InlineData("not a url", FetchOutcome.InvalidUrl, "url.syntax")]
    [InlineData("/relative/path", FetchOutcome.InvalidUrl, "url.syntax")]
    [InlineData("http://user:pass@127.0.0.1/", FetchOutcome.InvalidUrl, "url.userinfo")]
    [InlineData("http://4294967296/", FetchOutcome.InvalidUrl, "url.ip-spelling")]
    [InlineData("file:///etc/passwd", FetchOutcome.Refused, "url.scheme")]
    [InlineData("javascript:alert(1)", FetchOutcome.Refused, "url.scheme")]
    [InlineData("ftp://127.0.0.1/", FetchOutcome.Refused, "url.scheme")]
    public async Task Bad_urls_end_as_an_outcome_never_an_exception(string url, FetchOutcome outcome, string rule)
    {
        using var fetcher = TestFetchers.Loopback();

        var result = await fetcher.GetAsync(url);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(rule, result.Error!.Rule);
        Assert.Equal(url, result.RequestedUrl);
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_the_resolver_gave_and_nothing_else()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", (HttpContext c) => c.Request.Host.Value));
        var resolver = new MapResolver().Map("pinned.test", ["127.0.0.1"]);
        using var fetcher = TestFetchers.Loopback(resolver: resolver);

        // The system resolver does not know pinned.test: success means the handler used the checked address.
        var result = await fetcher.GetAsync($"http://pinned.test:{server.Port}/");

        Assert.Equal(FetchOutcome.Ok, result.Outcome);
        Assert.Equal($"pinned.test:{server.Port}", result.Text);
        Assert.Equal(1, resolver.Calls("pinned.test"));
        Assert.Equal([IPAddress.Loopback], result.Addresses);
    }

    [Fact]
    public async Task A_name_rebound_to_a_private_address_between_fetches_is_refused_the_second_time()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "first"));
        var resolver = new MapResolver().Map("rebind.test", ["127.0.0.1"], ["10.0.0.1"]);
        using var fetcher = TestFetchers.Loopback(resolver: resolver);

        var first = await fetcher.GetAsync($"http://rebind.test:{server.Port}/");
        var second = await fetcher.GetAsync($"http://rebind.test:{server.Port}/");

        Assert.Equal(FetchOutcome.Ok, first.Outcome);
        Assert.Equal(FetchOutcome.Refused, second.Outcome);
        Assert.Equal("ssrf.private", second.Error!.Rule);
        Assert.Contains("rebind.test", second.Error.MessageEn, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_name_with_one_blocked_address_among_good_ones_is_refused()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => "never"));
        var resolver = new MapResolver().Map("mixed.test", ["127.0.0.1", "192.168.1.10"]);
        using var fetcher = TestFetchers.Loopback(resolver: resolver);

        var result = await fetcher.GetAsync($"http://mixed.test:{server.Port}/");

        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Equal("ssrf.private", result.Error!.Rule);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_name_that_resolves_to_a_private_address_is_refused()
    {
        var resolver = new MapResolver().Map("intranet.test", ["172.20.1.1"]);
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/", () => Results.Redirect("http://intranet.test/admin")));
        using var fetcher = TestFetchers.Loopback(resolver: resolver);

        var result = await fetcher.GetAsync(server.Url("/"));

        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Equal("ssrf.private", result.Error!.Rule);
        Assert.Equal("http://intranet.test/admin", result.FinalUrl!.AbsoluteUri);
    }

    [Fact]
    public async Task Concurrent_fetches_through_one_fetcher_all_complete()
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/{n:int}", (int n) => Results.Text($"page {n}", "text/plain")));
        using var fetcher = TestFetchers.Loopback();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(n => fetcher.GetAsync(server.Url($"/{n}"))));

        Assert.All(results, r => Assert.Equal(FetchOutcome.Ok, r.Outcome));
        Assert.Equal(Enumerable.Range(0, 40).Select(n => $"page {n}"), results.Select(r => r.Text));
    }
}
