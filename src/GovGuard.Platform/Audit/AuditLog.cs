using System.Text.Json;
using GovGuard.Platform.Access;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GovGuard.Platform.Audit;

/// <summary>
/// What a feature tells the audit log about one state change. <c>Before</c> and <c>After</c> are the object's
/// audited fields (null for a creation or a deletion): digested, and diffed into the record's changes.
/// </summary>
public sealed record AuditEvent(
    string Kind,
    string Summary,
    string? ObjectType = null,
    string? ObjectId = null,
    Guid? OrganisationId = null,
    Guid? WebsiteId = null,
    object? Before = null,
    object? After = null,
    string Outcome = AuditOutcomes.Success);

/// <summary>The two outcomes an audit record can have.</summary>
public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Denied = "denied";
}

/// <summary>
/// Appends to the SM3 hash chain. Every state change goes through <see cref="BeginAsync"/>: the change and its
/// audit records are saved in one transaction, so there is never a change without its record or the reverse.
/// Appends are serialised: in the process by a lock, across cluster nodes by a PostgreSQL advisory lock.
/// </summary>
public sealed class AuditLog(TimeProvider time, AuditAnchor anchor)
{
    // Any constant: the advisory lock's key (the standard's number).
    private const long ChainLockKey = 38249;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Starts an audited change on <paramref name="db"/>; dispose without commit to roll back.</summary>
    public async Task<AuditedChange> BeginAsync(GovGuardDbContext db, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            return new AuditedChange(this, db, caller, tx);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Records one event on its own (a refused action, a sign-in) in its own transaction.</summary>
    public async Task RecordAsync(GovGuardDbContext db, Caller caller, AuditEvent e, CancellationToken ct)
    {
        await using var change = await BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(e);
        await change.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Adds the records to the context; returns the new head, or null when nothing was recorded.</summary>
    /// <summary>
    /// Records a refused action (<c>access.denied</c>) in its own transaction, dropping whatever the context was
    /// tracking, and returns the 403 to give. The one way every feature refuses.
    /// </summary>
    public async Task<Common.Error> DenyAsync(GovGuardDbContext db, Caller caller, Common.Text why, string objectType, string? objectId, Guid? organisationId, Guid? websiteId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.Clear();
        await RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, $"拒绝：{why.Zh} / denied: {why.En}", objectType,
            objectId, organisationId, websiteId, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
        return Common.Error.Forbidden(why);
    }

    internal async Task<(long Seq, string Hash)?> AppendAsync(GovGuardDbContext db, Caller caller, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return null;
        }

        await LockChainAsync(db, ct).ConfigureAwait(false);
        var disabled = await db.AuditKindSettings.AsNoTracking().Where(s => !s.Enabled).Select(s => s.Kind)
            .ToListAsync(ct).ConfigureAwait(false);
        var head = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Seq)
            .Select(r => new { r.Seq, r.Hash }).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var seq = head?.Seq ?? 0;
        var prev = head?.Hash ?? AuditChain.Genesis;
        // Millisecond precision: what both databases store exactly, so the hash recomputes.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (var e in events)
        {
            var kind = AuditKinds.Find(e.Kind);
            if (kind is { Mandatory: false } && disabled.Contains(e.Kind))
            {
                continue;
            }

            var record = new AuditRecord
            {
                Seq = ++seq,
                At = now,
                Kind = e.Kind,
                Outcome = e.Outcome,
                ActorUserId = caller.IsSystem ? null : caller.UserId,
                ActorName = caller.Name,
                ActorOrganisationId = caller.IsSystem ? null : caller.OrganisationId,
                OrganisationId = e.OrganisationId,
                WebsiteId = e.WebsiteId,
                ObjectType = e.ObjectType,
                ObjectId = e.ObjectId,
                Summary = Cap(e.Summary, 500),
                BeforeDigest = e.Before is null ? null : AuditChain.Digest(e.Before),
                AfterDigest = e.After is null ? null : AuditChain.Digest(e.After),
                Changes = ChangesOf(e.Before, e.After),
                ClientAddress = caller.ClientAddress,
                PrevHash = prev,
                Hash = string.Empty,
            };
            record.Hash = AuditChain.HashOf(record);
            prev = record.Hash;
            db.AuditRecords.Add(record);
        }

        return seq == (head?.Seq ?? 0) ? null : (seq, prev);
    }

    /// <summary>Takes the cross-node lock of the chain for the current transaction (PostgreSQL; SQLite has one writer).</summary>
    internal async Task LockChainAsync(GovGuardDbContext db, CancellationToken ct)
    {
        if (db.Kind == DatabaseKind.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct).ConfigureAwait(false);
        }
    }

    internal void Anchor((long Seq, string Hash) head) => anchor.Write(head.Seq, head.Hash);

    internal void Release() => _gate.Release();

    private static string Cap(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>The fields that differ, as {"field": [old, new]}; a creation lists the new values.</summary>
    private static string? ChangesOf(object? before, object? after)
    {
        if (before is null && after is null)
        {
            return null;
        }

        JsonElement? b = before is null ? null : JsonSerializer.SerializeToElement(before, before.GetType(), AuditJson.Options);
        JsonElement? a = after is null ? null : JsonSerializer.SerializeToElement(after, after.GetType(), AuditJson.Options);
        var diff = new Dictionary<string, JsonElement?[]>(StringComparer.Ordinal);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (b is { ValueKind: JsonValueKind.Object } bo)
        {
            foreach (var p in bo.EnumerateObject())
            {
                names.Add(p.Name);
            }
        }

        if (a is { ValueKind: JsonValueKind.Object } ao)
        {
            foreach (var p in ao.EnumerateObject())
            {
                names.Add(p.Name);
            }
        }

        foreach (var name in names)
        {
            JsonElement? old = b is { } bx && bx.TryGetProperty(name, out var ov) ? ov : (JsonElement?)null;
            JsonElement? neu = a is { } ax && ax.TryGetProperty(name, out var nv) ? nv : (JsonElement?)null;
            if (old?.GetRawText() != neu?.GetRawText())
            {
                diff[name] = [old, neu];
            }
        }

        var json = JsonSerializer.Serialize(diff, AuditJson.Options);
        return json.Length <= 4000 ? json : json[..3999] + "…";
    }
}

/// <summary>One audited change in progress: record events, then commit the change and its records together.</summary>
public sealed class AuditedChange : IAsyncDisposable
{
    private readonly AuditLog _log;
    private readonly IDbContextTransaction _tx;
    private readonly List<AuditEvent> _events = [];
    private bool _done;

    internal AuditedChange(AuditLog log, GovGuardDbContext db, Caller caller, IDbContextTransaction tx)
    {
        _log = log;
        Db = db;
        Caller = caller;
        _tx = tx;
    }

    public GovGuardDbContext Db { get; }

    public Caller Caller { get; }

    public void Record(AuditEvent e) => _events.Add(e);

    /// <summary>Saves the tracked changes and the audit records in one transaction.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        await Db.SaveChangesAsync(ct).ConfigureAwait(false);
        var head = await _log.AppendAsync(Db, Caller, _events, ct).ConfigureAwait(false);
        await Db.SaveChangesAsync(ct).ConfigureAwait(false);
        await _tx.CommitAsync(ct).ConfigureAwait(false);
        _done = true;
        if (head is { } h)
        {
            _log.Anchor(h);
        }

        await _tx.DisposeAsync().ConfigureAwait(false);
        _log.Release();
    }

    public async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        try
        {
            await _tx.RollbackAsync().ConfigureAwait(false);
            await _tx.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Db.ChangeTracker.Clear();
            _log.Release();
        }
    }
}
