using System.Text.RegularExpressions;
using GovGuard.Platform.Access;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Exit;

/// <summary>
/// The post-exit check of 8.3.5: GovGuard fetches an old endpoint through the guarded fetcher (SSRF rules, size and
/// time caps) and looks for a sample of the customer's content the customer gives. It passes when the endpoint is gone
/// (no DNS, no connection), answers an error, or answers without the content; a fetch stopped by a limit or a rule is
/// recorded as incomplete, never as clean.
/// </summary>
public sealed partial class PostExitChecks(ExitService exit, GuardedFetcher fetcher, TimeProvider time)
{
    public async Task<Outcome<ExitRecordView>> RunAsync(Caller caller, Guid websiteId, PostExitCheckInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (await exit.WritableSiteAsync(caller, websiteId, ct).ConfigureAwait(false) is not var (site, relation))
        {
            return Error.NotFound(new Text("网站", "website"));
        }

        var assessor = relation.Roles.Contains(Catalog.Roles.EngagementRole.Assessor) || relation.IsAdmin;
        if (!caller.CanWrite || !(relation.IsOwner || assessor))
        {
            return await exit.DenyAsync(caller, site, new Text($"无权进行退出后访问核查：{ExitService.Who(ExitRecordKind.PostExitCheck).Zh}。",
                $"You may not run a post-exit check: {ExitService.Who(ExitRecordKind.PostExitCheck).En}."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var url = v.Required("url", new("旧访问地址", "Old endpoint"), input.Url, 2000);
        var sample = Normalise(v.Required("sample", new("客户内容样本", "Sample of the customer's content"), input.Sample, 2000));
        if (sample is not null && sample.Length < 8)
        {
            v.Add("sample", "min_length", "客户内容样本（sample）至少 8 个字符，以免误判。", "Sample of the customer's content (sample) must be at least 8 characters, so that a match means something.");
        }

        if (url is not null && fetcher.ValidateTarget(url) is { IsAllowed: false } refused)
        {
            v.Add("url", refused.Rule, $"旧访问地址（url）不能抓取：{refused.MessageZh}", $"Old endpoint (url) cannot be fetched: {refused.MessageEn}");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var result = await fetcher.FetchAsync(FetchRequest.AsBrowser(url!), ct).ConfigureAwait(false);
        var (passed, zh, en) = Judge(result, sample!);
        var now = time.GetUtcNow();
        var record = new ExitRecord
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Kind = ExitRecordKind.PostExitCheck,
            Title = "退出后访问核查 / post-exit check",
            Text = $"{zh} / {en}",
            Url = url,
            Passed = passed,
            ByUserId = caller.UserId,
            ByName = caller.Name,
            ByOrganisationId = caller.OrganisationId,
            At = now,
            Sha256 = string.Empty,
        };
        return await exit.AddPostExitCheckAsync(caller, site, record, ct).ConfigureAwait(false);
    }

    /// <summary>Whether the fetch shows the endpoint no longer serves the content, and why, in both languages.</summary>
    public static (bool Passed, string Zh, string En) Judge(FetchResult result, string sample)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Outcome)
        {
            case FetchOutcome.DnsFailed:
            case FetchOutcome.ConnectFailed:
                return (true, $"旧地址已无法访问（{result.Error?.MessageZh}）", $"The old endpoint is gone ({result.Error?.MessageEn})");
            case FetchOutcome.Ok:
                break;
            default:
                return (false, $"核查未完成，不能作为已清除的证明（{result.Error?.MessageZh}）", $"The check is incomplete and proves nothing ({result.Error?.MessageEn})");
        }

        if (result.StatusCode is not (>= 200 and < 300))
        {
            return (true, $"旧地址返回 HTTP {result.StatusCode}，不再提供内容", $"The old endpoint answers HTTP {result.StatusCode} and serves no content");
        }

        if (result.Truncated)
        {
            return (false, "页面超过抓取上限，核查未完成", "The page exceeds the fetch limit; the check is incomplete");
        }

        var text = Normalise(result.Text ?? string.Empty)!;
        return text.Contains(sample, StringComparison.Ordinal)
            ? (false, "旧地址仍在提供客户的内容", "The old endpoint still serves the customer's content")
            : (true, $"旧地址返回 HTTP {result.StatusCode}，但不含客户的内容", $"The old endpoint answers HTTP {result.StatusCode} without the customer's content");
    }

    private static string? Normalise(string? s) => s is null ? null : Spaces().Replace(s, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
