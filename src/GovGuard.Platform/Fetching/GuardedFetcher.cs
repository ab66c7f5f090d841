using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static GovGuard.Platform.Fetching.Urls;

namespace GovGuard.Platform.Fetching;

/// <summary>
/// The one HTTP fetcher of GovGuard: CLI scans, monitoring, cloaking comparisons and probes all go
/// through it. Every hop is resolved once, every address checked by the <see cref="AddressGuard"/>, and
/// the connection made only to a checked address; redirects are followed here, each one checked;
/// size, time, header and decompression limits hold on every fetch. Network conditions never throw:
/// they come back as a <see cref="FetchResult"/> whose <see cref="FetchResult.Outcome"/> says what happened.
/// Only the caller's cancellation throws. One instance serves the whole process and is thread-safe.
/// </summary>
public sealed partial class GuardedFetcher : IDisposable
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly FetchOptions options;
    private readonly IHostResolver resolver;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly HttpMessageInvoker verifying;
    private readonly HttpMessageInvoker inspecting;

    /// <summary>A fetcher; the CLI passes <see cref="FetchOptions.ForOperator"/>, tests a resolver of their own.</summary>
    /// <exception cref="ArgumentException">The options are not usable (the message lists why).</exception>
    public GuardedFetcher(FetchOptions? options = null, IHostResolver? resolver = null, TimeProvider? timeProvider = null, ILogger<GuardedFetcher>? logger = null)
    {
        this.options = options ?? new FetchOptions();
        var problems = this.options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        this.resolver = resolver ?? new SystemHostResolver();
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        Guard = new AddressGuard(new SsrfPolicy(this.options.Mode, SsrfPolicy.ParseRanges(this.options.AllowedRanges))
        {
            AllowedEndpoints = SsrfPolicy.ParseEndpoints(this.options.AllowedEndpoints),
        });
        verifying = new HttpMessageInvoker(CreateHandler(inspect: false), disposeHandler: true);
        inspecting = new HttpMessageInvoker(CreateHandler(inspect: true), disposeHandler: true);
    }

    /// <summary>The guard this fetcher applies; use it to check a URL when a monitor is saved.</summary>
    public AddressGuard Guard { get; }

    /// <summary>GETs <paramref name="url"/> as a monitor.</summary>
    public Task<FetchResult> GetAsync(string url, CancellationToken cancellationToken = default) =>
        FetchAsync(new FetchRequest(url), cancellationToken);

    /// <summary>Checks a URL when it is saved (no DNS): see <see cref="AddressGuard.ValidateTarget"/>.</summary>
    public TargetValidation ValidateTarget(string url) => Guard.ValidateTarget(url);

    /// <summary>Checks a URL with DNS, as a fetch would: see <see cref="AddressGuard.ValidateTargetAsync"/>.</summary>
    public Task<TargetValidation> ValidateTargetAsync(string url, CancellationToken cancellationToken = default) =>
        Guard.ValidateTargetAsync(url, resolver, cancellationToken);

    /// <summary>
    /// Fetches what <paramref name="request"/> asks for. Returns for every network condition; throws
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="ArgumentException">A spider fetch without the spider's user agent.</exception>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Purpose == FetchPurpose.Spider && string.IsNullOrWhiteSpace(request.UserAgent))
        {
            throw new ArgumentException("A spider fetch needs the spider's user agent.", nameof(request));
        }

        var run = new Run(request, time.GetTimestamp(), request.TotalTimeout ?? options.TotalTimeout);
        var validation = Guard.ValidateTarget(request.Url);
        if (!validation.IsAllowed || validation.Target is null)
        {
            return Finish(run, Refusal(validation), validation.Target);
        }

        using var total = new CancellationTokenSource(run.TotalTimeout, time);
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token, idle.Token);
        run.Deadlines = new Deadlines(cancellationToken, total, idle, linked.Token, options.IdleTimeout);
        try
        {
            return await FollowAsync(run, validation.Target).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Finish(run, TimeoutError(run, run.Current ?? validation.Target), run.Current);
        }
    }

    private async Task<FetchResult> FollowAsync(Run run, Uri start)
    {
        var request = run.Request;
        var d = run.Deadlines!;
        var method = request.Method;
        var body = request.Body;
        var headers = request.Headers;
        var visited = new HashSet<string>(StringComparer.Ordinal) { Urls.Key(start) };
        var current = start;
        while (true)
        {
            run.Current = current;
            run.HopStarted = time.GetTimestamp();
            var check = await Guard.CheckHopAsync(current, resolver, d.Token).ConfigureAwait(false);
            run.Dns = time.GetElapsedTime(run.HopStarted);
            run.Addresses = check.Addresses;
            if (!check.IsAllowed)
            {
                return Finish(run, Refusal(check), current);
            }

            var pin = new ConnectionPin(current.IdnHost, check.Addresses);
            run.Pin = pin;
            using var message = BuildMessage(current, method, body, headers, request);
            message.Options.Set(PinKey, pin);
            HttpResponseMessage response;
            try
            {
                d.RestartIdle();
                response = await (request.InspectTls ? inspecting : verifying).SendAsync(message, d.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                return Finish(run, Classify(ex, current), current);
            }

            using (response)
            {
                run.FirstByte = time.GetElapsedTime(run.HopStarted);
                var status = (int)response.StatusCode;
                if (!request.FollowRedirects || !IsRedirect(status) || response.Headers.Location is not { } location)
                {
                    return await ReadAsync(run, current, response).ConfigureAwait(false);
                }

                if (!Uri.TryCreate(current, location, out var next))
                {
                    return Finish(run, Error(FetchOutcome.ProtocolError, "redirect.location", $"{Where(current)} 的重定向目标不是有效网址。", $"The redirect of {Where(current)} points to no valid URL."), current, response);
                }

                next = Urls.WithoutFragment(next);
                run.Redirects.Add(new RedirectHop(current, status, next));
                LogRedirect(logger, current.IdnHost, current.AbsolutePath, status, next.IdnHost, next.AbsolutePath);
                if (run.Redirects.Count > options.MaxRedirects)
                {
                    return Finish(run, Error(FetchOutcome.TooManyRedirects, "redirect.limit", $"{Where(start)} 的重定向超过 {options.MaxRedirects} 次上限。", $"{Where(start)} redirects more than {options.MaxRedirects} times."), current, response);
                }

                if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                {
                    return Finish(run, Error(FetchOutcome.Refused, "url.scheme", $"{Where(current)} 重定向到 {next.Scheme}: 网址，只允许 http 和 https。", $"{Where(current)} redirects to a {next.Scheme}: URL; only http and https are allowed."), current, response);
                }

                if (current.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
                {
                    return Finish(run, Error(FetchOutcome.DowngradeRefused, "redirect.downgrade", $"{Where(current)} 从 HTTPS 重定向到 HTTP（{Where(next)}），已拒绝以防降级。", $"{Where(current)} redirects from HTTPS to HTTP ({Where(next)}); the downgrade is refused."), current, response);
                }

                if (!visited.Add(Urls.Key(next)))
                {
                    return Finish(run, Error(FetchOutcome.RedirectLoop, "redirect.loop", $"重定向回到了已访问过的 {Where(next)}（循环）。", $"The redirects lead back to {Where(next)}, already visited (a loop)."), current, response);
                }

                if (status == 303 || (status is 301 or 302 && method == HttpMethod.Post))
                {
                    method = method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get;
                    body = null;
                }

                if (!Urls.SameOrigin(current, next))
                {
                    headers = [.. headers.Where(h => !IsCredential(h.Key))];
                }

                current = next;
            }
        }
    }

    private async Task<FetchResult> ReadAsync(Run run, Uri url, HttpResponseMessage response)
    {
        var d = run.Deadlines!;
        var cap = Math.Clamp(run.Request.MaxBodyBytes ?? options.MaxBodyBytes, 0, int.MaxValue - 1);
        FetchError? error = null;
        var buffer = Array.Empty<byte>();
        var filled = 0;
        if (run.Request.Method != HttpMethod.Head)
        {
            var declared = response.Content.Headers.ContentLength;
            buffer = new byte[(int)Math.Min(cap + 1, declared is > 0 ? declared.Value + 1 : 16 * 1024)];
            try
            {
                d.RestartIdle();
                var stream = await response.Content.ReadAsStreamAsync(d.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    while (true)
                    {
                        if (filled == buffer.Length)
                        {
                            if (buffer.Length > cap)
                            {
                                break;
                            }

                            Array.Resize(ref buffer, (int)Math.Min(cap + 1, buffer.Length * 2L));
                        }

                        d.RestartIdle();
                        var n = await stream.ReadAsync(buffer.AsMemory(filled), d.Token).ConfigureAwait(false);
                        if (n == 0)
                        {
                            break;
                        }

                        filled += n;
                    }
                }
            }
            catch (OperationCanceledException) when (!d.Caller.IsCancellationRequested)
            {
                error = TimeoutError(run, url);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidDataException)
            {
                error = ex is InvalidDataException || ex.InnerException is InvalidDataException
                    ? Error(FetchOutcome.ProtocolError, "http.decompression", $"{Where(url)} 返回的压缩内容已损坏或被截断，结果不完整。", $"The compressed body of {Where(url)} is corrupt or cut short; the result is incomplete.")
                    : Error(FetchOutcome.ProtocolError, "http.body", $"{Where(url)} 在发送内容途中断开或出错，结果不完整（{ex.Message}）。", $"{Where(url)} broke off while sending the body; the result is incomplete ({ex.Message}).");
            }
        }

        var truncated = error is not null || filled > cap;
        if (error is null && filled > cap)
        {
            error = Error(FetchOutcome.TooLarge, "limit.body", $"{Where(url)} 返回的内容超过 {Size(cap)} 上限，只读取了前 {Size(cap)}，结果不完整。", $"The body of {Where(url)} exceeds the {Size(cap)} cap; only the first {Size(cap)} were read, so the result is incomplete.");
        }

        var length = (int)Math.Min(filled, cap);
        var bytes = buffer.Length - length > 4096 ? buffer.AsSpan(0, length).ToArray() : buffer;
        var result = Finish(run, error, url, response) with { Body = bytes.AsMemory(0, length), Truncated = truncated };
        var mediaType = result.MediaType;
        if (run.Request.Method != HttpMethod.Head && TextDecoding.IsTextual(mediaType, result.Body.Span))
        {
            var text = TextDecoding.Decode(result.Body.Span, response.Content.Headers.ContentType?.CharSet, mediaType);
            result = result with { Text = text.Text, Charset = text.Charset, CharsetSource = text.Source };
        }

        if (error is null)
        {
            LogFetched(logger, url.IdnHost, url.AbsolutePath, result.StatusCode ?? 0, (long)result.Timings.Total.TotalMilliseconds);
        }

        return result;
    }

    private FetchResult Finish(Run run, FetchError? error, Uri? url, HttpResponseMessage? response = null)
    {
        var pin = run.Pin;
        TimeSpan? connect = pin is { ConnectStarted: > 0, Connected: > 0 } ? time.GetElapsedTime(pin.ConnectStarted, pin.Connected) : null;
        TimeSpan? tls = pin is { Connected: > 0, HandshakeDone: > 0 } && url?.Scheme == Uri.UriSchemeHttps ? time.GetElapsedTime(pin.Connected, pin.HandshakeDone) : null;
        var result = new FetchResult
        {
            RequestedUrl = run.Request.Url,
            FinalUrl = url,
            Outcome = error?.Kind ?? FetchOutcome.Ok,
            Error = error,
            Redirects = run.Redirects,
            Addresses = run.Addresses,
            RemoteAddress = pin?.Remote,
            Timings = new FetchTimings(run.Dns, connect, tls, run.FirstByte, time.GetElapsedTime(run.Started)),
            Tls = pin?.Tls ?? (url?.Scheme == Uri.UriSchemeHttps && pin is not null ? LatestTls(url) : null),
        };
        if (response is not null)
        {
            var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in response.Headers.NonValidated)
            {
                headers[h.Key] = [.. h.Value];
            }

            foreach (var h in response.Content.Headers.NonValidated)
            {
                headers[h.Key] = [.. h.Value];
            }

            result = result with
            {
                StatusCode = (int)response.StatusCode,
                Headers = headers,
                MediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant(),
            };
        }

        if (error is not null)
        {
            if (error.Kind is FetchOutcome.Refused)
            {
                LogRefused(logger, url?.IdnHost ?? "", url?.AbsolutePath ?? "", error.Rule);
            }
            else
            {
                LogFailed(logger, url?.IdnHost ?? "", url?.AbsolutePath ?? "", error.Kind, error.Rule);
            }
        }

        return result;
    }

    private HttpRequestMessage BuildMessage(Uri url, HttpMethod method, ReadOnlyMemory<byte>? body, IReadOnlyList<KeyValuePair<string, string>> headers, FetchRequest request)
    {
        var message = new HttpRequestMessage(method, url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        var userAgent = request.UserAgent ?? (request.Purpose == FetchPurpose.Browser ? options.BrowserUserAgent : options.MonitorUserAgent);
        message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        message.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        message.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
        if (request.InspectTls)
        {
            // A fresh connection per inspection, so that the certificate reported is this request's.
            message.Headers.ConnectionClose = true;
        }

        if (body is { } b && method != HttpMethod.Get && method != HttpMethod.Head)
        {
            message.Content = new ReadOnlyMemoryContent(b);
            if (request.BodyContentType is { } type && MediaTypeHeaderValue.TryParse(type, out var parsed))
            {
                message.Content.Headers.ContentType = parsed;
            }
        }

        foreach (var (name, value) in headers)
        {
            message.Headers.Remove(name);
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    private FetchError TimeoutError(Run run, Uri url)
    {
        var d = run.Deadlines;
        if (d?.Total.IsCancellationRequested == true)
        {
            return Error(FetchOutcome.Timeout, "timeout.total", $"访问 {Where(url)} 超过总时限 {Seconds(run.TotalTimeout)}，结果不完整。", $"Fetching {Where(url)} took longer than the {Seconds(run.TotalTimeout)} limit; the result is incomplete.");
        }

        if (d?.Idle.IsCancellationRequested == true)
        {
            return Error(FetchOutcome.Timeout, "timeout.idle", $"{Where(url)} 超过 {Seconds(options.IdleTimeout)} 没有发送数据。", $"{Where(url)} sent nothing for {Seconds(options.IdleTimeout)}.");
        }

        return Error(FetchOutcome.Timeout, "timeout.connect", $"连接 {Where(url)} 超过 {Seconds(options.ConnectTimeout)}。", $"Connecting to {Where(url)} took longer than {Seconds(options.ConnectTimeout)}.");
    }

    private FetchError Classify(HttpRequestException ex, Uri url)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is GuardRefusalException refusal)
            {
                return Error(FetchOutcome.Refused, refusal.Rule, refusal.MessageZh, refusal.MessageEn);
            }
        }

        var detail = (ex.InnerException ?? ex).Message;
        return ex.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => Error(FetchOutcome.ConnectFailed, "connect.failed", $"无法连接 {Where(url)}（{detail}）。", $"Could not connect to {Where(url)} ({detail})."),
            HttpRequestError.SecureConnectionError => Error(FetchOutcome.TlsError, "tls.invalid", $"与 {Where(url)} 的 TLS 握手失败或证书无效（{detail}）。", $"The TLS handshake with {Where(url)} failed or its certificate is invalid ({detail})."),
            HttpRequestError.ConfigurationLimitExceeded => Error(FetchOutcome.TooLarge, "limit.headers", $"{Where(url)} 的响应头超过 {Size(options.MaxHeaderBytes)} 上限。", $"The response headers of {Where(url)} exceed the {Size(options.MaxHeaderBytes)} cap."),
            HttpRequestError.NameResolutionError => Error(FetchOutcome.DnsFailed, "dns.failed", $"无法解析 {Where(url)}。", $"{Where(url)} could not be resolved."),
            _ => Error(FetchOutcome.ProtocolError, "http.protocol", $"{Where(url)} 的响应不符合 HTTP 协议（{detail}）。", $"The response of {Where(url)} breaks HTTP ({detail})."),
        };
    }

    private static FetchError Refusal(TargetValidation v) => Error(
        v.Rule switch
        {
            "dns.failed" => FetchOutcome.DnsFailed,
            "url.syntax" or "url.host" or "url.ip-spelling" or "url.userinfo" => FetchOutcome.InvalidUrl,
            _ => FetchOutcome.Refused,
        },
        v.Rule,
        v.MessageZh,
        v.MessageEn);

    /// <summary>An error whose messages name the rule that stopped the fetch.</summary>
    private static FetchError Error(FetchOutcome kind, string rule, string zh, string en) => new(
        kind,
        rule,
        zh.Contains(rule, StringComparison.Ordinal) ? zh : $"{zh.TrimEnd('。')}（{rule}）。",
        en.Contains(rule, StringComparison.Ordinal) ? en : $"{en.TrimEnd('.')} ({rule}).");

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    private static bool IsCredential(string header) =>
        header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase);

    private static string Size(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} B";

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.#} s";

    public void Dispose()
    {
        verifying.Dispose();
        inspecting.Dispose();
    }

    /// <summary>The state of one fetch as it goes from hop to hop.</summary>
    private sealed class Run(FetchRequest request, long started, TimeSpan totalTimeout)
    {
        public FetchRequest Request { get; } = request;

        public long Started { get; } = started;

        public TimeSpan TotalTimeout { get; } = totalTimeout;

        public Deadlines? Deadlines { get; set; }

        public Uri? Current { get; set; }

        public long HopStarted { get; set; }

        public TimeSpan? Dns { get; set; }

        public TimeSpan? FirstByte { get; set; }

        public IReadOnlyList<IPAddress> Addresses { get; set; } = [];

        public ConnectionPin? Pin { get; set; }

        public List<RedirectHop> Redirects { get; } = [];
    }

    /// <summary>The caller's token, the total deadline and the idle timer of one fetch.</summary>
    private sealed record Deadlines(CancellationToken Caller, CancellationTokenSource Total, CancellationTokenSource Idle, CancellationToken Token, TimeSpan IdleTimeout)
    {
        public void RestartIdle() => Idle.CancelAfter(IdleTimeout);
    }
}
