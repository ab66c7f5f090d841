using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Monitoring.Tamper;

/// <summary>What one tamper check decided for one page, to be stored with the others in one transaction.</summary>
public abstract record PageDecision(string Url)
{
    /// <summary>No baseline yet: this look becomes it.</summary>
    public sealed record NewBaseline(string Url, string Page, string Sha256) : PageDecision(Url);

    /// <summary>A legitimate update the monitor accepts as the new baseline.</summary>
    public sealed record Updated(string Url, string Page, string Sha256) : PageDecision(Url);

    /// <summary>Unchanged (or updated and kept): a pending change of the page, if any, is cleared.</summary>
    public sealed record Clean(string Url) : PageDecision(Url);

    /// <summary>A change confirmed by the re-fetch: recorded (or refreshed) as the page's pending change.</summary>
    public sealed record Reported(string Url, Guid BaselineId, string BaselinePage, string Page, string Sha256, string Findings, string Severity) : PageDecision(Url);
}

/// <summary>The tamper monitor's baselines and reported changes in the application database.</summary>
public sealed class TamperStore(IDbContextFactory<GovGuardDbContext> factory, TimeProvider time)
{
    /// <summary>The baselines of a monitor by page URL.</summary>
    public async Task<Dictionary<string, TamperBaseline>> BaselinesAsync(Guid monitorId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var rows = await db.TamperBaselines.AsNoTracking().Where(b => b.MonitorId == monitorId).ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(b => b.Url, StringComparer.Ordinal);
    }

    /// <summary>Stores the decisions of one check together.</summary>
    public async Task ApplyAsync(Guid monitorId, Guid websiteId, IReadOnlyList<PageDecision> decisions, CancellationToken ct)
    {
        if (decisions.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var baselines = (await db.TamperBaselines.Where(b => b.MonitorId == monitorId).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(b => b.Url, StringComparer.Ordinal);
        var pending = (await db.TamperChanges.Where(c => c.MonitorId == monitorId && c.State == TamperChangeState.Pending).ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(c => c.Url, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var d in decisions)
        {
            switch (d)
            {
                case PageDecision.NewBaseline n when !baselines.ContainsKey(n.Url):
                    db.TamperBaselines.Add(new TamperBaseline
                    {
                        Id = Guid.CreateVersion7(now),
                        MonitorId = monitorId,
                        WebsiteId = websiteId,
                        Url = n.Url,
                        Page = n.Page,
                        Sha256 = n.Sha256,
                        Origin = TamperBaselineOrigins.First,
                        TakenAt = now,
                        Version = 1,
                    });
                    break;
                case PageDecision.Updated u when baselines.TryGetValue(u.Url, out var b):
                    b.Page = u.Page;
                    b.Sha256 = u.Sha256;
                    b.Origin = TamperBaselineOrigins.Update;
                    b.ApprovedByName = null;
                    b.TakenAt = now;
                    b.Version++;
                    Clear(pending, u.Url, now);
                    break;
                case PageDecision.Clean c:
                    Clear(pending, c.Url, now);
                    break;
                case PageDecision.Reported r:
                    if (pending.TryGetValue(r.Url, out var open) && open.Count > 0)
                    {
                        var change = open[0];
                        change.CurrentPage = r.Page;
                        change.CurrentSha256 = r.Sha256;
                        change.Findings = r.Findings;
                        change.Severity = r.Severity;
                        change.LastSeenAt = now;
                        change.Count++;
                        change.Version++;
                    }
                    else
                    {
                        db.TamperChanges.Add(new TamperChange
                        {
                            Id = Guid.CreateVersion7(now),
                            MonitorId = monitorId,
                            WebsiteId = websiteId,
                            Url = r.Url,
                            BaselineId = r.BaselineId,
                            BaselinePage = r.BaselinePage,
                            CurrentPage = r.Page,
                            CurrentSha256 = r.Sha256,
                            Findings = r.Findings,
                            Severity = r.Severity,
                            State = TamperChangeState.Pending,
                            DetectedAt = now,
                            LastSeenAt = now,
                            Count = 1,
                            Version = 1,
                        });
                    }

                    break;
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private static void Clear(Dictionary<string, List<TamperChange>> pending, string url, DateTimeOffset now)
    {
        if (!pending.TryGetValue(url, out var open))
        {
            return;
        }

        foreach (var c in open)
        {
            c.State = TamperChangeState.Cleared;
            c.DecidedAt = now;
            c.Note = "页面已恢复为基线 / the page is back to its baseline";
            c.Version++;
        }

        open.Clear();
    }
}
