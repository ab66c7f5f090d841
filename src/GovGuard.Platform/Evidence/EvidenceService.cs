using System.Security.Cryptography;
using System.Text;
using GovGuard.Catalog;
using GovGuard.Detection.Manifest;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Evidence;

/// <summary>What a caller sends with evidence (the file, if any, comes separately as <see cref="EvidenceUpload"/>).</summary>
public sealed record EvidenceInput(string? Kind, string? Title, string? LinkType = null, string? LinkId = null, string? Text = null);

/// <summary>An uploaded file as it arrives: the name the uploader gave and its bytes.</summary>
public sealed record EvidenceUpload(string? FileName, Stream Content, long? Length);

/// <summary>A review as shown.</summary>
public sealed record ReviewView(Guid Id, string Verdict, string? Note, Guid ReviewerUserId, string ReviewerName, Guid ReviewerOrganisationId, string? ReviewerOrganisationName, DateTimeOffset At);

/// <summary>An evidence item as shown, with its review history (newest first) and latest verdict.</summary>
public sealed record EvidenceView(
    Guid Id,
    Guid WebsiteId,
    string DutyId,
    string Kind,
    string Title,
    string? FileName,
    string? FileType,
    long? Size,
    string Sha256,
    string Sm3,
    string? LinkType,
    string? LinkId,
    string? Text,
    Guid UploadedByUserId,
    string UploadedByName,
    Guid UploadedByOrganisationId,
    string? UploadedByOrganisationName,
    DateTimeOffset UploadedAt,
    string? Verdict,
    IReadOnlyList<ReviewView> Reviews);

/// <summary>A file to send back: always as an attachment, never rendered.</summary>
public sealed record EvidenceDownload(string FileName, long Size, Stream Content);

/// <summary>A review decision.</summary>
public sealed record ReviewInput(string? Verdict, string? Note);

/// <summary>Submitting evidence (files, record links, test results), downloading it, and the assessor's review.</summary>
public sealed class EvidenceService(
    GovGuardDbContext db,
    AuditLog audit,
    TimeProvider time,
    DutyLookup lookup,
    EvidenceStore store,
    IEnumerable<IEvidenceLinkTarget> extraTargets)
{
    private static readonly Text EvidenceLabel = new("证据", "evidence");

    /// <summary>The record types evidence may link to.</summary>
    public IReadOnlyList<IEvidenceLinkTarget> LinkTargets { get; } = [.. BuiltInLinkTargets.All, new AuditRecordLinkTarget(), .. extraTargets];

    public long MaxUploadBytes => store.MaxBytes;

    public async Task<Outcome<EvidenceView>> SubmitAsync(Caller caller, Guid websiteId, string dutyId, EvidenceInput input, EvidenceUpload? upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var found = await lookup.DutyAsync(caller, websiteId, dutyId, false, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (site, relation, assignment, duty) = found.Value!;
        if (!DutyAccess.CanSubmitEvidence(caller, relation, duty))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "evidence", null, new Text(
                "只有承担此职责的单位、网站所属单位或平台管理员可以提交证据。",
                "Only an organisation that answers for this duty, the owning customer or a platform administrator may submit evidence."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var kind = v.OneOf("kind", new("证据类型", "Evidence kind"), input.Kind, WireCodes<SubmittedKind>.ByCode);
        var title = v.Required("title", new("证据名称", "Title"), input.Title, EvidenceLimits.MaxTitle);
        var text = v.Optional("text", new("测试结果", "Test result text"), input.Text, EvidenceLimits.MaxText);
        var hasFile = upload is not null && !string.IsNullOrEmpty(upload.FileName);
        string? linkType = null, linkId = null;
        switch (kind)
        {
            case SubmittedKind.Document when !hasFile:
                v.Add("file", "required", "文档类证据须上传文件（file）。", "A document needs an uploaded file (file).");
                break;
            case SubmittedKind.TestResult when hasFile == (text is not null):
                v.Add("file", "file_or_text", "测试结果须上传文件（file）或填写文本（text），二者取一。", "A test result needs either a file (file) or a text (text), not both.");
                break;
            case SubmittedKind.RecordLink:
                linkType = v.Required("linkType", new("记录类型", "Record type"), input.LinkType, 40);
                linkId = v.Required("linkId", new("记录编号", "Record id"), input.LinkId, 64);
                if (linkType is not null && linkId is not null)
                {
                    var target = LinkTargets.FirstOrDefault(t => t.Type == linkType);
                    if (target is null)
                    {
                        var list = string.Join(", ", LinkTargets.Select(t => t.Type));
                        v.Add("linkType", "one_of", $"记录类型（linkType）必须是以下之一：{list}。", $"The record type (linkType) must be one of: {list}.");
                    }
                    else if (!await target.ExistsAsync(db, site.Id, linkId, ct).ConfigureAwait(false))
                    {
                        v.Add("linkId", "exists", "本网站没有这条记录（linkId）。", "The website has no such record (linkId).");
                    }
                }

                break;
            default:
                break;
        }

        if (kind is SubmittedKind.RecordLink && hasFile)
        {
            v.Add("file", "not_allowed", "平台记录类证据不附文件（file）。", "A record link takes no file (file).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        StoredFile? stored = null;
        if (hasFile && kind is not SubmittedKind.RecordLink)
        {
            var result = await store.StoreAsync("file", upload!.FileName, upload.Content, upload.Length, ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return result.Error!;
            }

            stored = result.Value!;
        }

        var bytes = Encoding.UTF8.GetBytes(kind == SubmittedKind.RecordLink ? $"{linkType}:{linkId}" : text ?? string.Empty);
        var now = time.GetUtcNow();
        var entry = new EvidenceEntry
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            AssignmentId = assignment.Id,
            DutyId = duty.Id,
            Kind = kind!.Value,
            Title = title!,
            FileName = stored is null ? null : Path.GetFileName(upload!.FileName!.Trim()),
            FileType = stored?.FileType,
            Size = stored?.Size,
            Sha256 = stored?.Sha256 ?? Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Sm3 = stored?.Sm3 ?? Convert.ToHexStringLower(Sm3Hash.HashData(bytes)),
            LinkType = linkType,
            LinkId = linkId,
            Text = stored is null && kind == SubmittedKind.TestResult ? text : null,
            UploadedByUserId = caller.UserId,
            UploadedByName = caller.Name,
            UploadedByOrganisationId = caller.OrganisationId,
            UploadedAt = now,
        };
        try
        {
            await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
            db.Add(entry);
            change.Record(new AuditEvent(AuditKinds.EvidenceSubmitted, $"为职责 {duty.Id} 提交证据「{entry.Title}」 / submitted evidence for {duty.Id}",
                "evidence", entry.Id.ToString(), site.CustomerId, site.Id, null, Snapshot(entry)));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch when (stored is not null)
        {
            // Nothing partial: the file goes too, unless it was there before or another row holds the same bytes.
            await StoredFiles.ForgetAsync(db, store, stored).ConfigureAwait(false);
            throw;
        }

        return (await ListAsync(db.Set<EvidenceEntry>().Where(e => e.Id == entry.Id), ct).ConfigureAwait(false)).Single();
    }

    /// <summary>A duty's evidence, newest first.</summary>
    public async Task<IReadOnlyList<EvidenceView>> ListForAssignmentAsync(Guid assignmentId, CancellationToken ct) =>
        await ListAsync(db.Set<EvidenceEntry>().Where(e => e.AssignmentId == assignmentId), ct).ConfigureAwait(false);

    /// <summary>One item, when the caller may see its website.</summary>
    public async Task<Outcome<EvidenceView>> GetAsync(Caller caller, Guid evidenceId, CancellationToken ct)
    {
        var row = await VisibleAsync(caller, evidenceId, ct).ConfigureAwait(false);
        if (!row.Succeeded)
        {
            return row.Error!;
        }

        return (await ListAsync(db.Set<EvidenceEntry>().Where(e => e.Id == evidenceId), ct).ConfigureAwait(false)).Single();
    }

    /// <summary>Opens an evidence file for download, checked against the caller's access to its website (refusals audited).</summary>
    public async Task<Outcome<EvidenceDownload>> OpenAsync(Caller caller, Guid evidenceId, CancellationToken ct)
    {
        var row = await VisibleAsync(caller, evidenceId, ct).ConfigureAwait(false);
        if (!row.Succeeded)
        {
            return row.Error!;
        }

        var entry = row.Value!;
        var stream = entry.FileName is null ? null : store.OpenRead(entry.Sha256);
        return stream is null ? Error.NotFound(new Text("证据文件", "evidence file")) : new EvidenceDownload(entry.FileName!, entry.Size ?? 0, stream);
    }

    /// <summary>The engaged assessor accepts or rejects an item; never its own organisation's (an organisation cannot assess its own work).</summary>
    public async Task<Outcome<ReviewView>> ReviewAsync(Caller caller, Guid evidenceId, ReviewInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var row = await VisibleAsync(caller, evidenceId, ct).ConfigureAwait(false);
        if (!row.Succeeded)
        {
            return row.Error!;
        }

        var entry = row.Value!;
        var found = await lookup.WebsiteAsync(caller, entry.WebsiteId, ct).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (site, relation) = found.Value;
        if (!DutyAccess.IsEngagedAssessor(caller, relation))
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "evidence", entry.Id.ToString(), new Text(
                "只有本网站聘请的第三方评估机构可以评审证据。", "Only the third-party assessor engaged on this website may review evidence."), ct).ConfigureAwait(false);
        }

        if (entry.UploadedByOrganisationId == caller.OrganisationId)
        {
            return await DutyAccess.DenyAsync(db, audit, caller, site, "evidence", entry.Id.ToString(), new Text(
                "不能评审本单位提交的证据：单位不能评估自己的工作。", "An organisation cannot review evidence it submitted itself: no one assesses their own work."), ct).ConfigureAwait(false);
        }

        var v = new Validation();
        var verdict = v.OneOf("verdict", new("评审结论", "Verdict"), input.Verdict, WireCodes<Verdict>.ByCode);
        var note = verdict == Verdict.Rejected
            ? v.Required("note", new("评审意见（不通过时必填）", "Review note (required when rejecting)"), input.Note, EvidenceLimits.MaxNote)
            : v.Optional("note", new("评审意见", "Review note"), input.Note, EvidenceLimits.MaxNote);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var review = new EvidenceReview
        {
            Id = Guid.CreateVersion7(now),
            EvidenceId = entry.Id,
            WebsiteId = site.Id,
            AssignmentId = entry.AssignmentId,
            Verdict = verdict!.Value,
            Note = note,
            ReviewerUserId = caller.UserId,
            ReviewerName = caller.Name,
            ReviewerOrganisationId = caller.OrganisationId,
            At = now,
        };
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        db.Add(review);
        change.Record(new AuditEvent(AuditKinds.EvidenceReviewed, $"评审证据「{entry.Title}」：{review.Verdict.NameZh()} / reviewed evidence: {review.Verdict.ToWire()}",
            "evidence", entry.Id.ToString(), site.CustomerId, site.Id, null, new { Verdict = review.Verdict.ToWire(), review.Note, entry.Sha256 }));
        await change.CommitAsync(ct).ConfigureAwait(false);
        var orgName = await db.Organisations.Where(o => o.Id == caller.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return new ReviewView(review.Id, review.Verdict.ToWire(), review.Note, review.ReviewerUserId, review.ReviewerName, review.ReviewerOrganisationId, orgName, review.At);
    }

    private async Task<Outcome<EvidenceEntry>> VisibleAsync(Caller caller, Guid evidenceId, CancellationToken ct)
    {
        var entry = await db.Set<EvidenceEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId, ct).ConfigureAwait(false);
        if (entry is null)
        {
            return Error.NotFound(EvidenceLabel);
        }

        if (!await WebsiteAccess.Visible(db, caller).AnyAsync(w => w.Id == entry.WebsiteId, ct).ConfigureAwait(false))
        {
            // Checked on every object: another organisation's evidence is "not found", and the attempt is on record.
            await audit.RecordAsync(db, caller, new AuditEvent(AuditKinds.AccessDenied, "拒绝：访问无权查看的证据 / denied: evidence of a website not visible",
                "evidence", entry.Id.ToString(), null, entry.WebsiteId, Outcome: AuditOutcomes.Denied), ct).ConfigureAwait(false);
            return Error.NotFound(EvidenceLabel);
        }

        return entry;
    }

    private async Task<List<EvidenceView>> ListAsync(IQueryable<EvidenceEntry> q, CancellationToken ct)
    {
        var entries = await q.AsNoTracking().OrderByDescending(e => e.UploadedAt).ThenByDescending(e => e.Id).ToListAsync(ct).ConfigureAwait(false);
        var ids = entries.Select(e => e.Id).ToList();
        var reviews = await db.Set<EvidenceReview>().AsNoTracking().Where(r => ids.Contains(r.EvidenceId)).ToListAsync(ct).ConfigureAwait(false);
        var orgIds = entries.Select(e => e.UploadedByOrganisationId).Concat(reviews.Select(r => r.ReviewerOrganisationId)).Distinct().ToList();
        var orgs = await db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct).ConfigureAwait(false);
        return entries.Select(e =>
        {
            var history = reviews.Where(r => r.EvidenceId == e.Id).OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
                .Select(r => new ReviewView(r.Id, r.Verdict.ToWire(), r.Note, r.ReviewerUserId, r.ReviewerName, r.ReviewerOrganisationId, orgs.GetValueOrDefault(r.ReviewerOrganisationId), r.At))
                .ToList();
            return new EvidenceView(e.Id, e.WebsiteId, e.DutyId, e.Kind.ToWire(), e.Title, e.FileName, e.FileType, e.Size, e.Sha256, e.Sm3, e.LinkType, e.LinkId, e.Text,
                e.UploadedByUserId, e.UploadedByName, e.UploadedByOrganisationId, orgs.GetValueOrDefault(e.UploadedByOrganisationId), e.UploadedAt,
                history.FirstOrDefault()?.Verdict, history);
        }).ToList();
    }

    private static object Snapshot(EvidenceEntry e) => new
    {
        e.DutyId,
        Kind = e.Kind.ToWire(),
        e.Title,
        e.FileName,
        e.FileType,
        e.Size,
        e.Sha256,
        e.Sm3,
        e.LinkType,
        e.LinkId,
    };
}
