using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GovGuard.Platform.Fetching;

/// <summary>One page of a crawl.</summary>
/// <param name="Url">The URL fetched (as linked, normalised).</param>
/// <param name="Depth">Link steps from the start page (0 for the start page).</param>
/// <param name="LinkedFrom">The page that linked it; null for the start page.</param>
/// <param name="Result">The fetch, whatever its outcome: a broken or cut page is a page of the site too.</param>
public sealed record CrawledPage(Uri Url, int Depth, Uri? LinkedFrom, FetchResult Result)
{
    public bool IsHtml => Result.IsHtml;
}

/// <summary>
/// Same-origin, breadth-first crawls through the <see cref="GuardedFetcher"/>, pages streamed as they
/// arrive. Concurrency is bounded per host and globally across every crawl of this instance, so one
/// crawler serves the whole process (the monitoring engine) or one command (the CLI).
/// </summary>
public sealed partial class Crawler
{
    private readonly GuardedFetcher fetcher;
    private readonly CrawlOptions defaults;
    private readonly ILogger logger;
    private readonly SemaphoreSlim global;
    private readonly HostGates hosts;

    /// <summary>A crawler; <paramref name="options"/> gives the concurrency limits and the per-crawl defaults.</summary>
    /// <exception cref="ArgumentException">The options are not usable.</exception>
    public Crawler(GuardedFetcher fetcher, CrawlOptions? options = null, ILogger<Crawler>? logger = null)
    {
        this.fetcher = fetcher ?? throw new ArgumentNullException(nameof(fetcher));
        defaults = options ?? new CrawlOptions();
        var problems = defaults.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        this.logger = logger ?? (ILogger)NullLogger.Instance;
        global = new SemaphoreSlim(defaults.GlobalConcurrency, defaults.GlobalConcurrency);
        hosts = new HostGates(defaults.PerHostConcurrency);
    }

    /// <summary>
    /// A crawl from <paramref name="startUrl"/>; nothing is fetched until it is enumerated (once).
    /// <paramref name="options"/> replaces the page, depth, exclusion and identity settings for this crawl;
    /// concurrency stays the crawler's.
    /// </summary>
    /// <exception cref="ArgumentException">The options are not usable.</exception>
    public CrawlRun Crawl(string startUrl, CrawlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(startUrl);
        var o = options ?? defaults;
        var problems = o.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        return new CrawlRun(this, startUrl, o);
    }

    internal async IAsyncEnumerable<CrawledPage> RunAsync(CrawlRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var o = run.Options;
        var exclude = o.Exclude.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))).ToArray();
        var width = Math.Min(defaults.PerHostConcurrency, defaults.GlobalConcurrency);
        var frontier = new Queue<(Uri Url, int Depth, Uri? From)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var yielded = new HashSet<string>(StringComparer.Ordinal);
        var origins = new List<Uri>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task<CrawledPage>>();
        try
        {
            // The start page goes first and alone: its final URL (http -> https, / -> /index.html) joins the origin.
            var first = await FetchAsync(run.StartUrl, Uri.TryCreate(run.StartUrl, UriKind.Absolute, out var asked) ? asked : null, 0, null, o, stop.Token).ConfigureAwait(false);
            run.PagesFetched++;
            if (first.Result.FinalUrl is not { } startFinal)
            {
                yield return first;
                yield break;
            }

            run.Start = startFinal;
            if (asked is not null)
            {
                origins.Add(asked);
                seen.Add(Urls.Key(asked));
            }

            origins.Add(startFinal);
            seen.Add(Urls.Key(startFinal));
            yielded.Add(Urls.Key(startFinal));
            Enqueue(first);
            yield return first;

            while (true)
            {
                while (running.Count < width && frontier.Count > 0 && run.PagesFetched < o.MaxPages)
                {
                    var (url, depth, from) = frontier.Dequeue();
                    run.PagesFetched++;
                    running.Add(FetchAsync(url.AbsoluteUri, url, depth, from, o, stop.Token));
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(done);
                var page = await done.ConfigureAwait(false);
                if (page.Result.FinalUrl is { } final && !yielded.Add(Urls.Key(final)))
                {
                    // A redirect to a page already reported.
                    run.Skipped++;
                    continue;
                }

                if (page.Result.FinalUrl is { } f)
                {
                    seen.Add(Urls.Key(f));
                }

                Enqueue(page);
                yield return page;
            }

            run.LimitReached = frontier.Count > 0;
            LogCrawled(logger, run.Start.IdnHost, run.PagesFetched, run.LimitReached);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var task in running)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The consumer stopped early; the fetch was cancelled with it.
                }
            }
        }

        void Enqueue(CrawledPage page)
        {
            var final = page.Result.FinalUrl;
            if (page.Depth >= o.MaxDepth || page.Result.Text is null || !page.IsHtml || final is null || !origins.Exists(x => Urls.SameOrigin(x, final)))
            {
                return;
            }

            foreach (var link in CrawlLinks.Extract(page.Result.Text, final))
            {
                if (!origins.Exists(x => Urls.SameOrigin(x, link)) || CrawlLinks.LooksBinary(link, o.SkipExtensions) || Excluded(link) || !seen.Add(Urls.Key(link)))
                {
                    run.Skipped++;
                    continue;
                }

                frontier.Enqueue((link, page.Depth + 1, final));
            }
        }

        bool Excluded(Uri link)
        {
            foreach (var regex in exclude)
            {
                try
                {
                    if (regex.IsMatch(link.AbsoluteUri))
                    {
                        return true;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private async Task<CrawledPage> FetchAsync(string url, Uri? parsed, int depth, Uri? from, CrawlOptions o, CancellationToken cancellationToken)
    {
        var host = parsed?.IdnHost ?? (Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.IdnHost : "");
        await global.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lease = await hosts.EnterAsync(host, cancellationToken).ConfigureAwait(false);
            var request = new FetchRequest(url) { Purpose = o.Purpose, UserAgent = o.UserAgent };
            var result = await fetcher.FetchAsync(request, cancellationToken).ConfigureAwait(false);
            return new CrawledPage(parsed ?? result.FinalUrl ?? new Uri("about:blank"), depth, from, result);
        }
        finally
        {
            global.Release();
        }
    }

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Crawled {Host}: {Pages} pages, limit reached: {LimitReached}")]
    private static partial void LogCrawled(ILogger logger, string host, int pages, bool limitReached);
}

/// <summary>
/// One crawl: enumerate it (once) for its pages, then read what it went through. A crawl that stopped at
/// <see cref="CrawlOptions.MaxPages"/> with links left is <see cref="LimitReached"/>: report it as incomplete.
/// </summary>
public sealed class CrawlRun : IAsyncEnumerable<CrawledPage>
{
    private readonly Crawler crawler;
    private int enumerated;

    internal CrawlRun(Crawler crawler, string startUrl, CrawlOptions options)
    {
        this.crawler = crawler;
        StartUrl = startUrl;
        Options = options;
    }

    /// <summary>The start URL as given.</summary>
    public string StartUrl { get; }

    /// <summary>The settings of this crawl.</summary>
    public CrawlOptions Options { get; }

    /// <summary>The start page's final URL, once fetched; null when the start URL was refused or invalid.</summary>
    public Uri? Start { get; internal set; }

    /// <summary>Pages fetched so far.</summary>
    public int PagesFetched { get; internal set; }

    /// <summary>Links not followed: off-site, binary, excluded, already seen, or redirects to a page already reported.</summary>
    public int Skipped { get; internal set; }

    /// <summary>True when the page limit stopped the crawl with links still to visit.</summary>
    public bool LimitReached { get; internal set; }

    public IAsyncEnumerator<CrawledPage> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A crawl can be enumerated once; start another with Crawler.Crawl.");
        }

        return crawler.RunAsync(this, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }
}

/// <summary>Per-host semaphores that exist only while someone uses them.</summary>
internal sealed class HostGates(int perHost)
{
    private readonly Dictionary<string, Gate> gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock sync = new();

    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        Gate? gate;
        lock (sync)
        {
            if (!gates.TryGetValue(host, out gate))
            {
                gate = new Gate(perHost);
                gates[host] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(host, gate, release: false);
            throw;
        }

        return new Lease(this, host, gate);
    }

    private void Leave(string host, Gate gate, bool release)
    {
        if (release)
        {
            gate.Semaphore.Release();
        }

        lock (sync)
        {
            if (--gate.Users == 0)
            {
                gates.Remove(host);
            }
        }
    }

    private sealed class Gate(int count)
    {
        public SemaphoreSlim Semaphore { get; } = new(count, count);

        public int Users { get; set; }
    }

    private sealed class Lease(HostGates owner, string host, Gate gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(host, gate, release: true);
            }
        }
    }
}
