using GovGuard.Catalog;
using GovGuard.Catalog.Incidents;
using GovGuard.Detection.Findings;
using GovGuard.Platform.Access;
using GovGuard.Platform.Alerts;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Improvement;
using GovGuard.Platform.Websites;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovGuard.Platform.Incidents;

/// <summary>
/// Incidents (GB/T 38249 7.3 a, 7.5 d, 6.3.6 b): opened by hand or from alerts, moved forward through their stages,
/// with a timeline, attached files, the reports their grade requires, and the post-incident review.
/// Whoever sees the website reads; the owner and engaged contributors with write access act (assessors read only).
/// </summary>
public sealed class IncidentService(
    GovGuardDbContext db,
    AuditLog audit,
    TimeProvider time,
    EvidenceStore store,
    IOptions<IncidentOptions> options,
    ImprovementActions actions)
{
    private static readonly Text Label = new("安全事件", "incident");
    private static readonly Text WebsiteLabel = new("网站", "website");
    private static readonly Text TitleLabel = new("事件名称", "Title");
    private static readonly Text NoteLabel = new("说明", "Note");
    private static readonly Text CategoryLabel = new("事件分类", "Category");
    private static readonly Text GradeLabel = new("事件分级", "Grade");

    private static readonly Text DenyText = new(
        "只有网站所属单位和参与运维的单位（有编辑权限的成员）可以处置安全事件；测评机构和只读成员只能查看。",
        "Only the owner and the organisations working on the website (members who may write) handle its incidents; assessors and viewers only read.");

    public async Task<Outcome<Page<IncidentView>>> ListAsync(Caller caller, IncidentFilter filter, Paging paging, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var v = new Validation();
        var q = Visible(caller);
        if (filter.WebsiteId is { } site)
        {
            q = q.Where(r => r.I.WebsiteId == site);
        }

        if (v.OneOf("stage", new("阶段", "Stage"), filter.Stage, TermCodes<IncidentStage>.ByCode, required: false) is { } stage)
        {
            q = q.Where(r => r.I.Stage == stage);
        }

        if (filter.Open is { } open)
        {
            q = open ? q.Where(r => r.I.Stage != IncidentStage.Closed) : q.Where(r => r.I.Stage == IncidentStage.Closed);
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var total = await q.CountAsync(ct).ConfigureAwait(false);
        var rows = await q.OrderByDescending(r => r.I.DetectedAt).ThenBy(r => r.I.Id).Skip(paging.Offset).Take(paging.Limit)
            .ToListAsync(ct).ConfigureAwait(false);
        var overdue = await OverdueCountsAsync(rows.Select(r => r.I.Id).ToList(), ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return new Page<IncidentView>(rows.Select(r => ToView(r.I, r.Website, overdue.GetValueOrDefault(r.I.Id), now)).ToList(), total, paging.Offset, paging.Limit);
    }

    public async Task<Outcome<IncidentDetail>> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var row = await Visible(caller).FirstOrDefaultAsync(r => r.I.Id == id, ct).ConfigureAwait(false);
        if (row is null)
        {
            return Error.NotFound(Label);
        }

        var standing = await AlertAccess.StandingAsync(db, caller, row.I.WebsiteId, ct).ConfigureAwait(false);
        return await DetailAsync(row.I, row.Website, standing?.CanAct(caller) == true, ct).ConfigureAwait(false);
    }

    /// <summary>Opens an incident on a website by hand; alerts of that website may be grouped into it at once.</summary>
    public async Task<Outcome<IncidentDetail>> CreateAsync(Caller caller, Guid websiteId, IncidentInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var standing = await AlertAccess.StandingAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return Error.NotFound(WebsiteLabel);
        }

        if (!standing.CanAct(caller))
        {
            return await AlertAccess.DenyAsync(db, audit, caller, "incident", null, standing.Site, DenyText, ct).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var v = new Validation();
        var title = v.Required("title", TitleLabel, input.Title, IncidentLimits.Title);
        var description = v.Optional("description", new("事件描述", "Description"), input.Description, IncidentLimits.Text);
        var category = v.OneOf("category", CategoryLabel, input.Category, TermCodes<IncidentCategory>.ByCode);
        var grade = v.OneOf("grade", GradeLabel, input.Grade, TermCodes<IncidentGrade>.ByCode);
        if (input.DetectedAt > now)
        {
            v.Add("detectedAt", "not_future", "发现时间（detectedAt）不能晚于当前时间。", "The detection time (detectedAt) cannot be in the future.");
        }

        var alerts = await AlertsToLinkAsync(v, websiteId, input.AlertIds, null, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var detected = Earliest(input.DetectedAt ?? now, alerts);
        return await OpenAsync(caller, standing.Site, title!, description, category!.Value, grade!.Value, detected, alerts, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// "Open an incident from these alerts": the alerts must be of one website and in no incident yet; the category
    /// is suggested from their finding categories and the detection time is the earliest alert's.
    /// </summary>
    public async Task<Outcome<IncidentDetail>> CreateFromAlertsAsync(Caller caller, FromAlertsInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var ids = input.AlertIds?.Distinct().ToList() ?? [];
        var v = new Validation();
        if (ids.Count == 0)
        {
            v.Add("alertIds", "required", "告警（alertIds）至少选择一条。", "Choose at least one alert (alertIds).");
            return v.ToError();
        }

        var visible = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Where(a => WebsiteAccess.Visible(db, caller).Any(w => w.Id == a.WebsiteId))
            .Select(a => new { a.Id, a.WebsiteId }).ToListAsync(ct).ConfigureAwait(false);
        if (visible.Count != ids.Count)
        {
            return Error.NotFound(new Text("告警", "alert"));
        }

        var sites = visible.Select(a => a.WebsiteId).Distinct().ToList();
        if (sites.Count > 1)
        {
            v.Add("alertIds", "one_website", "一个安全事件只能归并同一网站的告警（alertIds）。", "An incident groups alerts of one website only (alertIds).");
            return v.ToError();
        }

        var standing = (await AlertAccess.StandingAsync(db, caller, sites[0], ct).ConfigureAwait(false))!;
        if (!standing.CanAct(caller))
        {
            return await AlertAccess.DenyAsync(db, audit, caller, "incident", null, standing.Site, DenyText, ct).ConfigureAwait(false);
        }

        var grade = v.OneOf("grade", GradeLabel, string.IsNullOrWhiteSpace(input.Grade) ? IncidentGrade.General.ToWire() : input.Grade, TermCodes<IncidentGrade>.ByCode);
        var chosen = v.OneOf("category", CategoryLabel, input.Category, TermCodes<IncidentCategory>.ByCode, required: false);
        var title = v.Optional("title", TitleLabel, input.Title, IncidentLimits.Title);
        var description = v.Optional("description", new("事件描述", "Description"), input.Description, IncidentLimits.Text);
        var alerts = await AlertsToLinkAsync(v, sites[0], ids, null, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var category = chosen ?? IncidentCategorySuggestion.For(alerts.Select(a => a.Category));
        title ??= AlertLimits.Cut($"{category.NameZh()}：{alerts.OrderBy(a => a.OpenedAt).First().SummaryZh}", IncidentLimits.Title);
        return await OpenAsync(caller, standing.Site, title, description, category, grade!.Value, Earliest(time.GetUtcNow(), alerts), alerts, ct).ConfigureAwait(false);
    }

    /// <summary>Moves the incident forward (never back), with a note; closing needs the post-incident review.</summary>
    public async Task<Outcome<IncidentDetail>> AdvanceAsync(Caller caller, Guid id, IncidentStageInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (incident, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var to = v.OneOf("to", new("目标阶段", "Target stage"), input.To, TermCodes<IncidentStage>.ByCode);
        var note = v.Required("note", NoteLabel, input.Note, IncidentLimits.Text);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (to!.Value <= incident.Stage)
        {
            return Error.Conflict(new(
                $"事件已处于「{incident.Stage.NameZh()}」阶段，只能向后推进，不能回到或停留在「{to.Value.NameZh()}」。",
                $"The incident is already {incident.Stage.NameEn()}; stages only move forward, not to {to.Value.NameEn()}."));
        }

        if (to == IncidentStage.Closed && !await db.Set<IncidentReview>().AnyAsync(r => r.IncidentId == id, ct).ConfigureAwait(false))
        {
            return Error.Conflict(new(
                "关闭事件前须先完成事后总结（原因、影响、有效做法、经验教训）。",
                "An incident cannot be closed before its post-incident review (cause, impact, what worked, lessons) is recorded."));
        }

        var now = time.GetUtcNow();
        var from = incident.Stage;
        // A skipped stage is entered at the same instant: its clock reads zero, and the timeline says so.
        for (var s = from + 1; s <= to.Value; s++)
        {
            incident.Enter(s, now);
        }

        incident.Version++;
        return await RecordAsync(caller, incident, site, now, IncidentEntryKind.Stage, $"{from.NameZh()} → {to.Value.NameZh()} / {from.NameEn()} → {to.Value.NameEn()}：{note}",
            new AuditEvent(IncidentAudit.StageChanged, $"事件「{incident.Title}」{from.NameZh()}→{to.Value.NameZh()} / incident moved to {to.Value.ToWire()}",
            "incident", incident.Id.ToString(), site.CustomerId, site.Id, new { stage = from.ToWire() }, new { stage = to.Value.ToWire(), note }), ct).ConfigureAwait(false);
    }

    /// <summary>Adds what was done to the timeline.</summary>
    public async Task<Outcome<IncidentDetail>> AddEntryAsync(Caller caller, Guid id, IncidentEntryInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (incident, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var text = v.Required("text", new("处置记录", "Action"), input.Text, IncidentLimits.Text);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        return await RecordAsync(caller, incident, site, time.GetUtcNow(), IncidentEntryKind.Action, text!,
            new AuditEvent(IncidentAudit.ActionAdded, $"事件「{incident.Title}」增加处置记录 / incident action recorded", "incident", incident.Id.ToString(),
            site.CustomerId, site.Id, null, new { text }), ct).ConfigureAwait(false);
    }

    /// <summary>Changes grade or category; a higher grade adds the reports it requires (deadlines still from detection).</summary>
    public async Task<Outcome<IncidentDetail>> RegradeAsync(Caller caller, Guid id, IncidentRegradeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (incident, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var grade = v.OneOf("grade", GradeLabel, input.Grade, TermCodes<IncidentGrade>.ByCode, required: false);
        var category = v.OneOf("category", CategoryLabel, input.Category, TermCodes<IncidentCategory>.ByCode, required: false);
        var note = v.Required("note", NoteLabel, input.Note, IncidentLimits.Text);
        if (v.IsValid && grade is null && category is null)
        {
            v.Add("grade", "required", "请给出新的事件分级（grade）或分类（category）。", "Give a new grade (grade) or category (category).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (incident.Stage == IncidentStage.Closed)
        {
            return Error.Conflict(new("事件已关闭，不能再调整分级或分类。", "The incident is closed; its grade and category no longer change."));
        }

        var before = new { grade = incident.Grade.ToWire(), category = incident.Category.ToWire() };
        incident.Grade = grade ?? incident.Grade;
        incident.Category = category ?? incident.Category;
        incident.Version++;
        var now = time.GetUtcNow();
        var actor = await ActorAsync(caller, ct).ConfigureAwait(false);
        AddEntry(incident.Id, now, IncidentEntryKind.Regraded, actor,
            $"{incident.Grade.NameZh()} · {incident.Category.NameZh()} / {incident.Grade.NameEn()} · {incident.Category.NameEn()}：{note}");
        var existing = await db.Set<IncidentReportTask>().Where(t => t.IncidentId == id).Select(t => t.Recipient).ToListAsync(ct).ConfigureAwait(false);
        AddReportTasks(incident, existing, now, actor);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(IncidentAudit.Regraded, $"事件「{incident.Title}」调整为{incident.Grade.NameZh()} / incident regraded", "incident", incident.Id.ToString(),
            site.CustomerId, site.Id, before, new { grade = incident.Grade.ToWire(), category = incident.Category.ToWire(), note }));
        return await CommitAsync(change, incident, site, ct).ConfigureAwait(false);
    }

    /// <summary>Groups more alerts of the website into the incident.</summary>
    public async Task<Outcome<IncidentDetail>> LinkAlertsAsync(Caller caller, Guid id, LinkAlertsInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (incident, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        if (input.AlertIds is null || input.AlertIds.Count == 0)
        {
            v.Add("alertIds", "required", "告警（alertIds）至少选择一条。", "Choose at least one alert (alertIds).");
        }

        var alerts = await AlertsToLinkAsync(v, site.Id, input.AlertIds, incident.Id, ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        var now = time.GetUtcNow();
        var actor = await ActorAsync(caller, ct).ConfigureAwait(false);
        Link(incident, alerts, now, actor);
        incident.Version++;
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(IncidentAudit.AlertsLinked, $"事件「{incident.Title}」关联 {alerts.Count} 条告警 / alerts linked", "incident", incident.Id.ToString(),
            site.CustomerId, site.Id, null, new { alerts = alerts.Select(a => a.Id).ToList() }));
        return await CommitAsync(change, incident, site, ct).ConfigureAwait(false);
    }

    /// <summary>Records a required report as made: to whom, a summary, and when.</summary>
    public async Task<Outcome<IncidentDetail>> ReportDoneAsync(Caller caller, Guid id, Guid taskId, ReportDoneInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (incident, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var task = await db.Set<IncidentReportTask>().FirstOrDefaultAsync(t => t.Id == taskId && t.IncidentId == id, ct).ConfigureAwait(false);
        if (task is null)
        {
            return Error.NotFound(new Text("报告任务", "report task"));
        }

        var now = time.GetUtcNow();
        var v = new Validation();
        var to = v.Required("reportedTo", new("报告对象", "Reported to"), input.ReportedTo, IncidentLimits.Title);
        var summary = v.Required("summary", new("报告内容摘要", "Summary"), input.Summary, IncidentLimits.Text);
        var at = input.DoneAt ?? now;
        if (at > now)
        {
            v.Add("doneAt", "not_future", "报告时间（doneAt）不能晚于当前时间。", "The report time (doneAt) cannot be in the future.");
        }
        else if (at < incident.DetectedAt)
        {
            v.Add("doneAt", "after_detection", "报告时间（doneAt）不能早于事件发现时间。", "The report time (doneAt) cannot be before the incident was detected.");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (task.DoneAt is not null)
        {
            return Error.Conflict(new("这项报告已经登记为完成。", "This report is already recorded as made."));
        }

        task.DoneAt = at;
        task.DoneByUserId = caller.UserId;
        task.DoneByName = caller.Name;
        task.DoneByOrganisationId = caller.OrganisationId;
        task.ReportedTo = to;
        task.Summary = summary;
        task.Version++;
        incident.Version++;
        var late = task.IsOverdue(now) ? "（逾期 / late）" : string.Empty;
        return await RecordAsync(caller, incident, site, now, IncidentEntryKind.Report,
            $"已向{task.Recipient.NameZh()}报告{late} / reported to the {task.Recipient.NameEn()}: {to} — {summary}",
            new AuditEvent(IncidentAudit.ReportDone, $"事件「{incident.Title}」已向{task.Recipient.NameZh()}报告 / report made", "incident_report", task.Id.ToString(),
                site.CustomerId, site.Id, null, new { recipient = task.Recipient.ToWire(), reportedTo = to, summary, doneAt = at }), ct).ConfigureAwait(false);
    }

    /// <summary>Records (or, until the incident is closed, rewrites) the post-incident review; its actions become improvement actions.</summary>
    public async Task<Outcome<IncidentDetail>> ReviewAsync(Caller caller, Guid id, IncidentReviewInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (incident, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var cause = v.Required("cause", new("事件原因", "Cause"), input.Cause, IncidentLimits.Text);
        var impact = v.Required("impact", new("影响", "Impact"), input.Impact, IncidentLimits.Text);
        var worked = v.Required("whatWorked", new("有效做法", "What worked"), input.WhatWorked, IncidentLimits.Text);
        var lessons = v.Required("lessons", new("经验教训", "Lessons"), input.Lessons, IncidentLimits.Text);
        var drafts = await actions.ValidateAsync(v, site, "actions", input.Actions ?? [], ct).ConfigureAwait(false);
        if (!v.IsValid)
        {
            return v.ToError();
        }

        if (incident.Stage < IncidentStage.Recovered)
        {
            return Error.Conflict(new("事后总结须在事件恢复之后进行。", "The post-incident review comes after the incident is recovered."));
        }

        if (incident.Stage == IncidentStage.Closed)
        {
            return Error.Conflict(new("事件已关闭，事后总结不再修改；新的改进措施请在改进页面登记。", "The incident is closed; its review no longer changes (add further improvement actions on the improvement page)."));
        }

        var now = time.GetUtcNow();
        var review = await db.Set<IncidentReview>().FirstOrDefaultAsync(r => r.IncidentId == id, ct).ConfigureAwait(false);
        var before = review is null ? null : new { review.Cause, review.Impact, review.WhatWorked, review.Lessons };
        if (review is null)
        {
            review = new IncidentReview { IncidentId = id, Cause = cause!, Impact = impact!, WhatWorked = worked!, Lessons = lessons!, ReviewedByName = caller.Name };
            db.Add(review);
        }

        review.Cause = cause!;
        review.Impact = impact!;
        review.WhatWorked = worked!;
        review.Lessons = lessons!;
        review.ReviewedByUserId = caller.UserId;
        review.ReviewedByName = caller.Name;
        review.ReviewedByOrganisationId = caller.OrganisationId;
        review.ReviewedAt = now;
        incident.Version++;
        var actor = await ActorAsync(caller, ct).ConfigureAwait(false);
        AddEntry(incident.Id, now, IncidentEntryKind.Review, actor, $"事后总结 / review: {lessons}");
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(IncidentAudit.Reviewed, $"事件「{incident.Title}」事后总结 / post-incident review", "incident", incident.Id.ToString(),
            site.CustomerId, site.Id, before, new { cause, impact, whatWorked = worked, lessons, actions = drafts.Count }));
        actions.Add(change, caller, site, ImprovementSource.IncidentReview, incident.Id, drafts, now);
        return await CommitAsync(change, incident, site, ct).ConfigureAwait(false);
    }

    /// <summary>Attaches a file, stored by content with the evidence store's size and type rules.</summary>
    public async Task<Outcome<IncidentFileView>> AttachAsync(Caller caller, Guid id, IncidentUpload upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var (incident, site, error) = await ForActionAsync(caller, id, ct).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var v = new Validation();
        var title = v.Required("title", new("附件名称", "Title"), upload.Title, IncidentLimits.Title);
        if (string.IsNullOrWhiteSpace(upload.FileName))
        {
            v.Add("file", "required", "请选择要上传的文件（file）。", "Choose a file to upload (file).");
        }

        if (!v.IsValid)
        {
            return v.ToError();
        }

        var stored = await store.StoreAsync("file", upload.FileName, upload.Content, upload.Length, ct).ConfigureAwait(false);
        if (!stored.Succeeded)
        {
            return stored.Error!;
        }

        var s = stored.Value!;
        var now = time.GetUtcNow();
        var file = new IncidentFile
        {
            Id = Guid.CreateVersion7(now),
            IncidentId = incident.Id,
            WebsiteId = site.Id,
            Title = title!,
            FileName = Path.GetFileName(upload.FileName!.Trim()),
            FileType = s.FileType,
            Size = s.Size,
            Sha256 = s.Sha256,
            Sm3 = s.Sm3,
            UploadedByUserId = caller.UserId,
            UploadedByName = caller.Name,
            UploadedByOrganisationId = caller.OrganisationId,
            UploadedAt = now,
        };
        try
        {
            db.Add(file);
            incident.Version++;
            var actor = await ActorAsync(caller, ct).ConfigureAwait(false);
            AddEntry(incident.Id, now, IncidentEntryKind.File, actor, $"附件 / file: {file.Title} ({file.FileName}, SHA-256 {file.Sha256})");
            await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
            change.Record(new AuditEvent(IncidentAudit.FileAttached, $"事件「{incident.Title}」上传附件「{file.Title}」 / file attached", "incident_file", file.Id.ToString(),
                site.CustomerId, site.Id, null, new { file.Title, file.FileName, file.Sha256, file.Sm3, file.Size }));
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch when (!s.AlreadyStored)
        {
            // Nothing partial: the bytes go too, unless another row holds the same content.
            await StoredFiles.ForgetAsync(db, store, s).ConfigureAwait(false);
            throw;
        }

        return FileView(file);
    }

    /// <summary>Opens an attached file, when the caller may see the incident.</summary>
    public async Task<Outcome<IncidentDownload>> OpenFileAsync(Caller caller, Guid id, Guid fileId, CancellationToken ct)
    {
        if (!await Visible(caller).AnyAsync(r => r.I.Id == id, ct).ConfigureAwait(false))
        {
            return Error.NotFound(Label);
        }

        var file = await db.Set<IncidentFile>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.IncidentId == id, ct).ConfigureAwait(false);
        var stream = file is null ? null : store.OpenRead(file.Sha256);
        if (stream is null)
        {
            return Error.NotFound(new Text("附件", "file"));
        }

        return new IncidentDownload(file!.FileName, file.Size, stream);
    }

    /// <summary>Report tasks past their deadline and not done, on the websites the caller sees (oldest deadline first).</summary>
    public async Task<IReadOnlyList<OverdueReportView>> OverdueReportsAsync(Caller caller, Guid? websiteId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var q = from t in db.Set<IncidentReportTask>().AsNoTracking()
                join r in Visible(caller) on t.IncidentId equals r.I.Id
                where t.DoneAt == null && t.DueAt < now
                select new { t, r.I, r.Website };
        if (websiteId is { } site)
        {
            q = q.Where(x => x.I.WebsiteId == site);
        }

        var rows = await q.OrderBy(x => x.t.DueAt).Take(500).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(x => new OverdueReportView(TaskView(x.t, now), x.I.WebsiteId, x.Website, x.I.Title, x.I.Grade.ToWire())).ToList();
    }

    /// <summary>The incident an alert belongs to, when the caller may see it.</summary>
    public async Task<Guid?> IncidentOfAlertAsync(Caller caller, Guid alertId, CancellationToken ct) =>
        await (from l in db.Set<IncidentAlert>().AsNoTracking()
               join r in Visible(caller) on l.IncidentId equals r.I.Id
               where l.AlertId == alertId
               select (Guid?)l.IncidentId).FirstOrDefaultAsync(ct).ConfigureAwait(false);

    /// <summary>Active alerts in no incident yet, on the websites the caller sees (newest first): what may be grouped.</summary>
    public async Task<IReadOnlyList<UngroupedAlertView>> UngroupedAlertsAsync(Caller caller, Guid? websiteId, CancellationToken ct)
    {
        var q = from a in db.Alerts.AsNoTracking()
                join w in WebsiteAccess.Visible(db, caller) on a.WebsiteId equals w.Id
                where a.State != AlertState.Resolved && !db.Set<IncidentAlert>().Any(l => l.AlertId == a.Id)
                select new { a, w.Name };
        if (websiteId is { } site)
        {
            q = q.Where(x => x.a.WebsiteId == site);
        }

        var rows = await q.OrderByDescending(x => x.a.OpenedAt).Take(200).ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(x => new UngroupedAlertView(x.a.Id, x.a.WebsiteId, x.Name, x.a.Category, SeverityNames.ToWire(x.a.Severity), x.a.OpenedAt,
            new Text(x.a.SummaryZh, x.a.SummaryEn), IncidentCategorySuggestion.For(x.a.Category).ToWire())).ToList();
    }

    private async Task<Outcome<IncidentDetail>> OpenAsync(Caller caller, Website site, string title, string? description, IncidentCategory category, IncidentGrade grade,
        DateTimeOffset detected, IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(now),
            WebsiteId = site.Id,
            Title = title,
            Description = description,
            Category = category,
            Grade = grade,
            Stage = IncidentStage.Detected,
            DetectedAt = detected,
            CreatedByUserId = caller.UserId,
            CreatedByName = caller.Name,
            CreatedByOrganisationId = caller.OrganisationId,
            CreatedAt = now,
            Version = 1,
        };
        db.Add(incident);
        var actor = await ActorAsync(caller, ct).ConfigureAwait(false);
        AddEntry(incident.Id, now, IncidentEntryKind.Created, actor,
            $"{grade.NameZh()} · {category.NameZh()} / {grade.NameEn()} · {category.NameEn()}：{title}");
        Link(incident, alerts, now, actor);
        AddReportTasks(incident, [], now, actor);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(new AuditEvent(IncidentAudit.Created, $"创建安全事件「{title}」 / incident opened", "incident", incident.Id.ToString(), site.CustomerId, site.Id, null,
            new { title, category = category.ToWire(), grade = grade.ToWire(), detectedAt = detected, alerts = alerts.Select(a => a.Id).ToList() }));
        try
        {
            return await CommitAsync(change, incident, site, ct).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (alerts.Count > 0)
        {
            // Someone grouped one of these alerts into another incident at the same moment: the unique index said no.
            db.ChangeTracker.Clear();
            return Error.Conflict(new("所选告警中有的已归入其他安全事件。", "One of the alerts already belongs to another incident."));
        }
    }

    /// <summary>The alerts to link: visible, of <paramref name="websiteId"/>, in no other incident (tracked: they get linked).</summary>
    private async Task<IReadOnlyList<Alert>> AlertsToLinkAsync(Validation v, Guid websiteId, IReadOnlyList<Guid>? alertIds, Guid? incidentId, CancellationToken ct)
    {
        var ids = alertIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            return [];
        }

        if (ids.Count > IncidentLimits.AlertsPerRequest)
        {
            v.Add("alertIds", "max_count", $"一次最多关联 {IncidentLimits.AlertsPerRequest} 条告警（alertIds）。", $"At most {IncidentLimits.AlertsPerRequest} alerts (alertIds) at a time.");
            return [];
        }

        var alerts = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.Id) && a.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        if (alerts.Count != ids.Count)
        {
            v.Add("alertIds", "same_website", "告警（alertIds）必须是本网站的告警。", "The alerts (alertIds) must be alerts of this website.");
            return [];
        }

        var taken = await db.Set<IncidentAlert>().AsNoTracking().Where(l => ids.Contains(l.AlertId)).Select(l => new { l.AlertId, l.IncidentId })
            .ToListAsync(ct).ConfigureAwait(false);
        if (taken.Any(t => t.IncidentId == incidentId))
        {
            v.Add("alertIds", "already_linked", "所选告警（alertIds）中有的已在本事件中。", "Some of the alerts (alertIds) are already in this incident.");
        }
        else if (taken.Count > 0)
        {
            v.Add("alertIds", "in_other_incident", "一条告警只能归入一个安全事件：所选告警（alertIds）中有的已归入其他事件。",
                "An alert belongs to at most one incident: some of the alerts (alertIds) already belong to another.");
        }

        return alerts;
    }

    private static DateTimeOffset Earliest(DateTimeOffset given, IReadOnlyList<Alert> alerts) =>
        alerts.Count == 0 ? given : new[] { given }.Concat(alerts.Select(a => a.OpenedAt)).Min();

    private void Link(Incident incident, IReadOnlyList<Alert> alerts, DateTimeOffset now, Actor actor)
    {
        foreach (var a in alerts.OrderBy(a => a.OpenedAt))
        {
            db.Add(new IncidentAlert { IncidentId = incident.Id, AlertId = a.Id, LinkedAt = now });
            AddEntry(incident.Id, now, IncidentEntryKind.AlertLinked, actor,
                $"关联告警 / alert linked: {a.Category} ({SeverityNames.ToWire(a.Severity)}) {AlertLimits.Cut(a.SummaryZh, 300)}");
        }
    }

    private void AddReportTasks(Incident incident, IReadOnlyList<ReportRecipient> existing, DateTimeOffset now, Actor actor)
    {
        foreach (var (recipient, within) in options.Value.RequiredFor(incident.Grade))
        {
            if (existing.Contains(recipient))
            {
                continue;
            }

            var task = new IncidentReportTask
            {
                Id = Guid.CreateVersion7(now),
                IncidentId = incident.Id,
                WebsiteId = incident.WebsiteId,
                Recipient = recipient,
                DueAt = incident.DetectedAt + within,
                Version = 1,
            };
            db.Add(task);
            AddEntry(incident.Id, now, IncidentEntryKind.Report, actor,
                $"须向{recipient.NameZh()}报告，期限 {task.DueAt:yyyy-MM-dd HH:mm} UTC / report due to the {recipient.NameEn()} by {task.DueAt:yyyy-MM-dd HH:mm} UTC");
        }
    }

    private sealed record Actor(Guid? UserId, string Name, Guid? OrganisationId, string? OrganisationName);

    private async Task<Actor> ActorAsync(Caller caller, CancellationToken ct)
    {
        if (caller.IsSystem)
        {
            return new Actor(null, "GovGuard", null, null);
        }

        var org = await db.Organisations.AsNoTracking().Where(o => o.Id == caller.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return new Actor(caller.UserId, caller.Name, caller.OrganisationId, org);
    }

    private void AddEntry(Guid incidentId, DateTimeOffset at, IncidentEntryKind kind, Actor actor, string text) =>
        db.Add(new IncidentEntry
        {
            IncidentId = incidentId,
            At = at,
            Kind = kind,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            ActorOrganisationId = actor.OrganisationId,
            ActorOrganisationName = actor.OrganisationName,
            Text = AlertLimits.Cut(text, IncidentLimits.Text),
        });

    // A class with init properties, not a positional record: EF translates filters on member initialisers only.
    private sealed class Row
    {
        public required Incident I { get; init; }

        public required string Website { get; init; }
    }

    private IQueryable<Row> Visible(Caller caller) =>
        from i in db.Set<Incident>().AsNoTracking()
        join w in WebsiteAccess.Visible(db, caller) on i.WebsiteId equals w.Id
        select new Row { I = i, Website = w.Name };

    /// <summary>The incident (tracked) and its website when the caller may act on it; otherwise the 404 or the recorded 403.</summary>
    private async Task<(Incident Incident, Website Site, Error? Error)> ForActionAsync(Caller caller, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var incident = await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == id, ct).ConfigureAwait(false);
        var standing = incident is null ? null : await AlertAccess.StandingAsync(db, caller, incident.WebsiteId, ct).ConfigureAwait(false);
        if (standing is null)
        {
            return (null!, null!, Error.NotFound(Label));
        }

        return standing.CanAct(caller)
            ? (incident!, standing.Site, null)
            : (null!, null!, await AlertAccess.DenyAsync(db, audit, caller, "incident", id.ToString(), standing.Site, DenyText, ct).ConfigureAwait(false));
    }

    /// <summary>Adds a timeline entry and saves it with the tracked changes and their audit record.</summary>
    private async Task<Outcome<IncidentDetail>> RecordAsync(Caller caller, Incident incident, Website site, DateTimeOffset at, IncidentEntryKind kind, string text, AuditEvent e, CancellationToken ct)
    {
        AddEntry(incident.Id, at, kind, await ActorAsync(caller, ct).ConfigureAwait(false), text);
        await using var change = await audit.BeginAsync(db, caller, ct).ConfigureAwait(false);
        change.Record(e);
        return await CommitAsync(change, incident, site, ct).ConfigureAwait(false);
    }

    private async Task<Outcome<IncidentDetail>> CommitAsync(AuditedChange change, Incident incident, Website site, CancellationToken ct)
    {
        try
        {
            await change.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(new("事件刚被他人修改，请刷新后重试。", "Someone else changed the incident just now; reload and try again."));
        }

        db.ChangeTracker.Clear();
        return await DetailAsync(incident, site.Name, true, ct).ConfigureAwait(false);
    }

    private async Task<IncidentDetail> DetailAsync(Incident incident, string websiteName, bool canEdit, CancellationToken ct)
    {
        var id = incident.Id;
        var now = time.GetUtcNow();
        var alerts = await (from l in db.Set<IncidentAlert>().AsNoTracking()
                            join a in db.Alerts.AsNoTracking() on l.AlertId equals a.Id
                            where l.IncidentId == id
                            orderby a.OpenedAt
                            select a).ToListAsync(ct).ConfigureAwait(false);
        var entries = await db.Set<IncidentEntry>().AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.Id).ToListAsync(ct).ConfigureAwait(false);
        var tasks = await db.Set<IncidentReportTask>().AsNoTracking().Where(t => t.IncidentId == id).ToListAsync(ct).ConfigureAwait(false);
        var files = await db.Set<IncidentFile>().AsNoTracking().Where(f => f.IncidentId == id).OrderBy(f => f.UploadedAt).ToListAsync(ct).ConfigureAwait(false);
        var review = await db.Set<IncidentReview>().AsNoTracking().FirstOrDefaultAsync(r => r.IncidentId == id, ct).ConfigureAwait(false);
        var improvement = await actions.ListForSourceAsync(ImprovementSource.IncidentReview, id, ct).ConfigureAwait(false);
        var taskViews = tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Recipient).Select(t => TaskView(t, now)).ToList();
        return new IncidentDetail(
            ToView(incident, websiteName, taskViews.Count(t => t.Overdue && t.DoneAt is null), now),
            alerts.Select(a => new IncidentAlertView(a.Id, a.Category, SeverityNames.ToWire(a.Severity), WireCodes<AlertState>.Code(a.State), a.OpenedAt, new Text(a.SummaryZh, a.SummaryEn))).ToList(),
            entries.Select(e => new IncidentEntryView(e.Id, e.At, e.Kind.ToWire(), e.ActorName, e.ActorOrganisationName, e.Text)).ToList(),
            taskViews,
            files.Select(FileView).ToList(),
            review is null ? null : new IncidentReviewView(review.Cause, review.Impact, review.WhatWorked, review.Lessons, review.ReviewedByName, review.ReviewedAt),
            improvement,
            canEdit);
    }

    private async Task<Dictionary<Guid, int>> OverdueCountsAsync(List<Guid> ids, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.Set<IncidentReportTask>().AsNoTracking().Where(t => ids.Contains(t.IncidentId) && t.DoneAt == null && t.DueAt < now)
            .GroupBy(t => t.IncidentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct).ConfigureAwait(false);
    }

    /// <summary>The stage clocks: each stage's entry time and how long it lasted (until now for the current stage).</summary>
    public static IReadOnlyList<StageClock> Clocks(Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var list = new List<StageClock>();
        foreach (var stage in Terms.All<IncidentStage>())
        {
            var entered = incident.EnteredAt(stage);
            var next = stage == IncidentStage.Closed ? null : incident.EnteredAt(stage + 1);
            TimeSpan? duration = entered is null || stage == IncidentStage.Closed ? null : (next ?? now) - entered.Value;
            list.Add(new StageClock(stage.ToWire(), entered, duration, incident.Stage == stage));
        }

        return list;
    }

    internal static IncidentView ToView(Incident i, string websiteName, int overdue, DateTimeOffset now) =>
        new(i.Id, i.WebsiteId, websiteName, i.Title, i.Description, i.Category.ToWire(), i.Grade.ToWire(), i.Stage.ToWire(),
            i.DetectedAt, i.AnalysedAt, i.ContainedAt, i.RecoveredAt, i.ClosedAt, Clocks(i, now),
            i.ContainedAt - i.DetectedAt, i.RecoveredAt - i.DetectedAt, (i.ClosedAt ?? now) - i.DetectedAt,
            overdue, i.CreatedByName, i.CreatedAt, i.Version);

    private static ReportTaskView TaskView(IncidentReportTask t, DateTimeOffset now) =>
        new(t.Id, t.IncidentId, t.Recipient.ToWire(), t.DueAt, t.DoneAt, t.DoneByName, t.ReportedTo, t.Summary, t.IsOverdue(now), t.Version);

    private static IncidentFileView FileView(IncidentFile f) =>
        new(f.Id, f.Title, f.FileName, f.FileType, f.Size, f.Sha256, f.Sm3, f.UploadedByName, f.UploadedAt);
}
