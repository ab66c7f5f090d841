using System.Security.Cryptography;
using System.Text;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Compliance;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Compliance;

public sealed class ReviewAndSignOffTests
{
    [Theory]
    [Databases]
    public async Task The_assessor_rejects_the_integrator_uploads_again_and_the_assessor_accepts(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var first = (await w.Upload(w.Integrator, "6.2.3.c", "集成方案.pdf", ComplianceWorld.Pdf("v1"))).Value!;
        var noNote = await w.Review(w.Assessor, first.Id, "rejected", " ");
        Assert.Equal(("note", "required"), (noNote.Error!.Fields[0].Field, noNote.Error.Fields[0].Rule));
        Assert.True((await w.Review(w.Assessor, first.Id, "rejected", "缺少安全域划分说明")).Succeeded);
        Assert.Equal("rejected", (await w.Duty(w.Customer, "6.2.3.c")).Value!.Duty.Verdict);

        var second = (await w.Upload(w.Integrator, "6.2.3.c", "集成方案-修订.pdf", ComplianceWorld.Pdf("v2"))).Value!;
        Assert.True((await w.Review(w.Assessor, second.Id, "accepted", null)).Succeeded);
        var detail = (await w.Duty(w.Integrator, "6.2.3.c")).Value!;
        Assert.Equal("accepted", detail.Duty.Verdict);
        Assert.Equal(2, detail.Evidence.Count);
        Assert.Equal("rejected", detail.Evidence.Single(e => e.Id == first.Id).Verdict);
        Assert.Equal("缺少安全域划分说明", detail.Evidence.Single(e => e.Id == first.Id).Reviews.Single().Note);
        Assert.False(detail.CanReview);
        Assert.True((await w.Duty(w.Assessor, "6.2.3.c")).Value!.CanReview);
    }

    [Theory]
    [Databases]
    public async Task An_organisation_cannot_review_its_own_evidence_and_only_the_engaged_assessor_reviews(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        // 6.2.4 falls on the assessor: it may submit there, but never review what it submitted.
        var own = await w.Upload(w.Assessor, "6.2.4", "评估报告.pdf", ComplianceWorld.Pdf());
        Assert.True(own.Succeeded, own.Error?.Message.En);
        var self = await w.Review(w.Assessor, own.Value!.Id, "accepted", null);
        Assert.Equal(ErrorKind.Forbidden, self.Error!.Kind);

        var item = (await w.Upload(w.Integrator, "6.2.3.c", "方案.pdf", ComplianceWorld.Pdf())).Value!;
        Assert.Equal(ErrorKind.Forbidden, (await w.Review(w.Customer, item.Id, "accepted", null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await w.Review(w.Provider, item.Id, "accepted", null)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await w.Review(w.Admin, item.Id, "accepted", null)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await w.Review(w.Outsider, item.Id, "accepted", null)).Error!.Kind);

        await using var db = w.Db.Context();
        Assert.Equal(0, await db.EvidenceReviews.CountAsync());
        Assert.Equal(4, await db.AuditRecords.CountAsync(a => a.Kind == AuditKinds.AccessDenied && a.ObjectType == "evidence" && a.Summary.Contains("review")
            || a.Kind == AuditKinds.AccessDenied && a.ObjectType == "evidence" && a.Summary.Contains("assessor")));
    }

    [Theory]
    [Databases]
    public async Task The_assessor_cannot_edit_duty_status_but_the_responsible_organisation_can(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var assessor = await w.SetStatus(w.Assessor, "6.2.3.c", "implemented");
        Assert.Equal(ErrorKind.Forbidden, assessor.Error!.Kind);
        Assert.False((await w.Duty(w.Assessor, "6.2.3.c")).Value!.CanWork);
        // A provider does not answer for the integrator's duty, nor for a customer-only one.
        Assert.Equal(ErrorKind.Forbidden, (await w.SetStatus(w.Provider, "6.2.3.c", "implemented")).Error!.Kind);
        var integrator = await w.SetStatus(w.Integrator, "6.2.3.c", "implemented");
        Assert.True(integrator.Succeeded, integrator.Error?.Message.En);
        Assert.Equal("implemented", integrator.Value!.Status);
        Assert.Equal(2, integrator.Value.Version);

        var na = await w.SetStatus(w.Customer, "5.2.1.a", "not_applicable");
        Assert.Equal(("justification", "required"), (na.Error!.Fields[0].Field, na.Error.Fields[0].Rule));
        Assert.True((await w.SetStatus(w.Customer, "5.2.1.a", "not_applicable", "本网站已在政务云上，无需重新选择")).Succeeded);

        var stale = await w.S.In(sp => sp.GetRequiredService<ComplianceService>().UpdateAsync(w.Integrator, w.Site.Id, "6.2.3.c",
            new DutyUpdateInput("in_progress", null, null, null, 1), CancellationToken.None));
        Assert.Equal("stale", stale.Error!.Fields[0].Rule);

        Assert.Equal(ErrorKind.Forbidden, (await w.S.In(sp => sp.GetRequiredService<ComplianceService>().CommentAsync(w.Assessor, w.Site.Id, "6.2.3.c",
            new DutyCommentInput("评估机构的意见"), CancellationToken.None))).Error!.Kind);
        Assert.True((await w.S.In(sp => sp.GetRequiredService<ComplianceService>().CommentAsync(w.Integrator, w.Site.Id, "6.2.3.c",
            new DutyCommentInput("<script>alert(1)</script> 已完成部署"), CancellationToken.None))).Succeeded);
        Assert.Single((await w.Duty(w.Customer, "6.2.3.c")).Value!.Comments);

        await using var db = w.Db.Context();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Kind == AuditKinds.AccessDenied && a.ActorUserId == w.Assessor.UserId && a.ObjectType == "duty_assignment"));
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Kind == AuditKinds.DutyUpdated && a.ActorUserId == w.Integrator.UserId));
    }

    [Theory]
    [Databases]
    public async Task A_sign_off_hash_is_stable_verifiable_and_untouched_by_later_changes(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var item = (await w.Upload(w.Integrator, "6.2.3.c", "方案.pdf", ComplianceWorld.Pdf())).Value!;
        Assert.True((await w.Review(w.Assessor, item.Id, "accepted", null)).Succeeded);
        await w.SetStatus(w.Integrator, "6.2.3.c", "implemented");
        var early = await w.SignOff(w.Assessor, "migration");
        Assert.Equal("not_reached", early.Error!.Fields[0].Rule);
        var signed = (await w.SignOff(w.Assessor, "planning")).Value!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signed.SnapshotJson!))), signed.Sha256);
        Assert.Equal(Convert.ToHexStringLower(Detection.Manifest.Sm3Hash.HashData(Encoding.UTF8.GetBytes(signed.SnapshotJson!))), signed.Sm3);
        Assert.Equal(signed.SnapshotJson, Encoding.UTF8.GetString(CanonicalJson.Canonicalise(signed.SnapshotJson!)));
        Assert.Contains("\"duty_id\":\"5.2.1.a\"", signed.SnapshotJson, StringComparison.Ordinal);

        var verify = (await w.S.In(sp => sp.GetRequiredService<SignOffService>().VerifyAsync(w.Outsider, w.Site.Id, signed.Id, CancellationToken.None)));
        Assert.Equal(ErrorKind.NotFound, verify.Error!.Kind);
        var ok = (await w.S.In(sp => sp.GetRequiredService<SignOffService>().VerifyAsync(w.Customer, w.Site.Id, signed.Id, CancellationToken.None))).Value!;
        Assert.True(ok.Valid);
        Assert.False(ok.ChangedSince);

        // A later change shows as "changed since", while the signed snapshot and its hashes stay as they were.
        Assert.True((await w.SetStatus(w.Customer, "5.2.1.a", "in_progress")).Succeeded);
        var after = (await w.S.In(sp => sp.GetRequiredService<SignOffService>().VerifyAsync(w.Customer, w.Site.Id, signed.Id, CancellationToken.None))).Value!;
        Assert.True(after.Valid);
        Assert.True(after.ChangedSince);
        var again = (await w.S.In(sp => sp.GetRequiredService<SignOffService>().GetAsync(w.Customer, w.Site.Id, signed.Id, CancellationToken.None))).Value!;
        Assert.Equal(signed.SnapshotJson, again.SnapshotJson);
        Assert.Equal(signed.Sha256, again.Sha256);

        // Tampering with the stored text is detected.
        await using (var db = w.Db.Context())
        {
            var row = await db.SignOffs.SingleAsync();
            row.SnapshotJson = row.SnapshotJson.Replace("\"status\":\"not_started\"", "\"status\":\"implemented\"", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        var tampered = (await w.S.In(sp => sp.GetRequiredService<SignOffService>().VerifyAsync(w.Customer, w.Site.Id, signed.Id, CancellationToken.None))).Value!;
        Assert.False(tampered.Valid);
        Assert.False(tampered.Sha256Matches);
        Assert.False(tampered.Sm3Matches);
    }
}
