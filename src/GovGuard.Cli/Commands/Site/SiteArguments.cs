using System.CommandLine;
using GovGuard.Cli.Infrastructure;
using GovGuard.Platform.Fetching;

namespace GovGuard.Cli.Commands.Site;

/// <summary>The arguments `scan site` and `baseline` share: the site URL and the page limit.</summary>
internal static class SiteArguments
{
    public const int DefaultMaxPages = 200;

    public static Argument<string> Url() => new("url") { Description = "网站地址（http 或 https） / the site URL (http or https)" };

    public static Option<int> MaxPages()
    {
        var o = new Option<int>("--max-pages")
        {
            Description = $"最多抓取的页面数（同源、广度优先，默认 {DefaultMaxPages}） / pages crawled at most (same origin, breadth first)",
            DefaultValueFactory = _ => DefaultMaxPages,
        };
        o.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                r.AddError("--max-pages must be between 1 and 100000");
            }
        });
        return o;
    }

    /// <summary>
    /// The URL checked before anything is fetched: absolute, http or https, with a host the guard accepts.
    /// A bad one is a usage error (exit 2) with one sentence.
    /// </summary>
    public static Uri Check(string url, GuardedFetcher fetcher)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.IdnHost.Length == 0)
        {
            throw new CliUsageException($"用法错误 / usage error: {url} 不是 http 或 https 网址 / is not an http or https URL (expected e.g. https://www.example.gov.cn/).");
        }

        var check = fetcher.ValidateTarget(url);
        if (!check.IsAllowed)
        {
            throw new CliUsageException($"用法错误 / usage error: {url}: {check.MessageZh.TrimEnd('。')} / {check.MessageEn}");
        }

        return uri;
    }

    /// <summary>Runs an asynchronous command body with the contract's one-sentence failures (as the synchronous scans do).</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(CliErrors.Sentence(e)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
