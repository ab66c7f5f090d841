using System.Globalization;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Common;
using GovGuard.Platform.Fetching;

namespace GovGuard.Platform.Monitoring.Probes;

/// <summary>HTTP(S) availability (GB/T 38249 7.3 b): status in the expected range, the keyword present, latency under the limit.</summary>
public sealed class AvailabilityProbe(GuardedFetcher fetcher, ProbeLimiter limiter) : IMonitorProbe
{
    private const long KeywordBodyBytes = 2 * 1024 * 1024;
    private const long PlainBodyBytes = 64 * 1024;

    public MonitorKind Kind => MonitorKind.Availability;

    public async Task<ProbeOutcome> RunAsync(MonitorDefinition monitor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var settings = MonitorSettings.Load<AvailabilitySettings>(monitor.Settings);
        var host = Uri.TryCreate(monitor.Target, UriKind.Absolute, out var u) ? u.Host : monitor.Target;
        using var lease = await limiter.EnterAsync(host, ct).ConfigureAwait(false);
        var result = await fetcher.FetchAsync(new FetchRequest(monitor.Target)
        {
            FollowRedirects = settings.FollowRedirects,
            TotalTimeout = monitor.Timeout,
            MaxBodyBytes = settings.Keyword is null ? PlainBodyBytes : KeywordBodyBytes,
        }, ct).ConfigureAwait(false);
        return Evaluate(monitor.Target, settings, AvailabilityObservation.From(result));
    }

    /// <summary>The judgement over what the fetch saw; no I/O.</summary>
    public static ProbeOutcome Evaluate(string target, AvailabilitySettings settings, AvailabilityObservation seen)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(seen);
        var ms = seen.LatencyMs;
        switch (seen.Outcome)
        {
            case FetchOutcome.Refused or FetchOutcome.InvalidUrl:
                return ProbeOutcome.Incomplete(seen.Rule ?? "url.refused",
                    new Text($"未检查：{seen.MessageZh}", $"Not checked: {seen.MessageEn}"), ms);
            case FetchOutcome.TooLarge when seen.StatusCode is not null:
                break;
            case not FetchOutcome.Ok:
                return Down(target, seen.Rule ?? "availability.unreachable",
                    new Text($"无法访问：{seen.MessageZh}", $"Unreachable: {seen.MessageEn}"), seen);
        }

        var status = seen.StatusCode!.Value;
        if (status < settings.ExpectedStatusMin || status > settings.ExpectedStatusMax)
        {
            return Down(target, "availability.status",
                new Text(string.Create(CultureInfo.InvariantCulture, $"状态码 {status}，不在预期的 {settings.ExpectedStatusMin}–{settings.ExpectedStatusMax} 之内（{ms} 毫秒）"),
                    string.Create(CultureInfo.InvariantCulture, $"Status {status}, outside the expected {settings.ExpectedStatusMin}–{settings.ExpectedStatusMax} ({ms} ms)")), seen);
        }

        if (settings.Keyword is { } keyword && (seen.Text is null || !seen.Text.Contains(keyword, StringComparison.Ordinal)))
        {
            if (seen.Outcome == FetchOutcome.TooLarge)
            {
                return ProbeOutcome.Incomplete("limit.body", new Text(
                    "页面超过大小上限，未能确认关键字，检查不完整。", "The page is larger than the size cap: the keyword could not be confirmed, the check is incomplete."), ms);
            }

            return Down(target, "availability.keyword",
                new Text($"状态码 {status}，但页面中没有预期的关键字", $"Status {status}, but the page lacks the expected keyword"), seen);
        }

        var ok = new Text(string.Create(CultureInfo.InvariantCulture, $"状态码 {status}，{ms} 毫秒"), string.Create(CultureInfo.InvariantCulture, $"Status {status} in {ms} ms"));
        if (settings.MaxLatencyMs is { } max && ms > max)
        {
            var slow = new Text(string.Create(CultureInfo.InvariantCulture, $"响应慢：{ms} 毫秒，超过上限 {max} 毫秒（状态码 {status}）"),
                string.Create(CultureInfo.InvariantCulture, $"Slow: {ms} ms, above the limit of {max} ms (status {status})"));
            var finding = new Finding(Categories.AvailabilitySlow, Severity.Medium, target, seen.FinalUrl ?? target, null, null,
                "availability.slow", slow.Zh, Finding.Excerpt(slow.En));
            return new ProbeOutcome(MonitorHealth.Up, slow, [finding], ms, status);
        }

        return new ProbeOutcome(MonitorHealth.Up, ok, [], ms, status);
    }

    private static ProbeOutcome Down(string target, string rule, Text why, AvailabilityObservation seen)
    {
        var finding = new Finding(Categories.AvailabilityDown, Severity.High, target, seen.FinalUrl ?? target, null, null,
            rule, why.Zh, Finding.Excerpt(why.En));
        return new ProbeOutcome(MonitorHealth.Down, why, [finding], seen.LatencyMs, seen.StatusCode);
    }
}

/// <summary>What an availability fetch saw, reduced to what the judgement needs (tests build it by hand).</summary>
public sealed record AvailabilityObservation(
    FetchOutcome Outcome,
    int? StatusCode,
    int LatencyMs,
    string? Text,
    string? FinalUrl = null,
    string? Rule = null,
    string MessageZh = "",
    string MessageEn = "")
{
    public static AvailabilityObservation From(FetchResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Outcome, r.StatusCode, (int)Math.Round(r.Timings.Total.TotalMilliseconds), r.Text, r.FinalUrl?.ToString(),
            r.Error?.Rule, r.Error?.MessageZh ?? string.Empty, r.Error?.MessageEn ?? string.Empty);
    }
}
