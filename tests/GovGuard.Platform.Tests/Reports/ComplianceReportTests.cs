using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Evidence;
using GovGuard.Platform.Reports;
using GovGuard.Platform.Tests.Compliance;
using GovGuard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Platform.Tests.Reports;

public sealed class ComplianceReportTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// A website with four organisations: the integrator's duty rejected once and accepted on the second upload, a
    /// customer duty not applicable, one non-compliant, a provider duty implemented without evidence, and the
    /// planning phase signed off by the assessor.
    /// </summary>
    private sealed record Seeded(ComplianceWorld World, EvidenceView First, EvidenceView Second, byte[] SecondBytes, string ProviderDuty);

    private static async Task<Seeded> SeedAsync(string kind)
    {
        var w = await ComplianceWorld.CreateAsync(kind);
        var first = (await w.Upload(w.Integrator, "6.2.3.c", "集成方案.pdf", ComplianceWorld.Pdf("v1"))).Value!;
        Assert.True((await w.Review(w.Assessor, first.Id, "rejected", "缺少安全域划分说明")).Succeeded);
        var bytes = ComplianceWorld.Pdf("v2");
        var second = (await w.Upload(w.Integrator, "6.2.3.c", "集成方案-修订.pdf", bytes)).Value!;
        Assert.True((await w.Review(w.Assessor, second.Id, "accepted", "已补充")).Succeeded);
        Assert.True((await w.SetStatus(w.Integrator, "6.2.3.c", "implemented")).Succeeded);
        Assert.True((await w.SetStatus(w.Customer, "5.2.1.a", "not_applicable", "已在政务云上，无需重新选择")).Succeeded);
        Assert.True((await w.SetStatus(w.Customer, "5.2.1.b", "non_compliant")).Succeeded);
        var providerDuty = (await w.Board(w.Customer, new("planning"))).Value!.Items.First(d => d.ResponsibleRole == "provider").DutyId;
        Assert.True((await w.SetStatus(w.Provider, providerDuty, "implemented")).Succeeded);
        Assert.True((await w.SignOff(w.Assessor, "planning")).Succeeded);
        return new Seeded(w, first, second, bytes, providerDuty);
    }

    private static Task<Outcome<ComplianceReport>> Report(ComplianceWorld w, Access.Caller c, string? phase = null) =>
        w.S.In(sp => sp.GetRequiredService<ComplianceReportService>().BuildAsync(c, w.Site.Id, phase, CancellationToken.None));

    [Theory]
    [Databases]
    public async Task The_report_shows_every_duty_by_phase_and_role_with_verdicts_hashes_gaps_and_sign_offs(string kind)
    {
        var s = await SeedAsync(kind);
        await using var w = s.World;
        var report = (await Report(w, w.Assessor)).Value!;

        Assert.Equal(["planning", "migration", "operation", "exit"], report.Phases.Select(p => p.Phase));
        Assert.Equal([52, 43, 43, 24], report.Phases.Select(p => p.Total));
        Assert.Equal(162, report.Duties.Count());
        Assert.Equal([true, false, false, false], report.Phases.Select(p => p.Reached));
        foreach (var p in report.Phases)
        {
            Assert.Equal(p.Total, p.Counts.Values.Sum());
            Assert.All(p.Roles, g => Assert.All(g.Duties, d => Assert.Equal((p.Phase, g.Role), (d.Phase, d.ResponsibleRole))));
        }

        var planning = report.Phases[0];
        Assert.Equal((1, 1, 1), (planning.Counts["not_applicable"], planning.Counts["non_compliant"], planning.Counts["implemented"]));
        Assert.Contains(planning.Roles, g => g.Role == "customer");
        Assert.Contains(planning.Roles, g => g.Role == "provider");

        // The integrator's duty: accepted on the second upload, newest evidence first, both hashes, the rejected note kept.
        var duty = report.Duties.Single(d => d.DutyId == "6.2.3.c");
        Assert.Equal(("implemented", "accepted", true, "某系统集成有限公司"), (duty.Status, duty.Verdict, duty.HasAcceptedEvidence, duty.ResponsibleOrganisationName));
        Assert.False(duty.IsGap);
        Assert.Equal([s.Second.Id, s.First.Id], duty.Evidence.Select(e => e.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(s.SecondBytes)), duty.Evidence[0].Sha256);
        Assert.Equal(s.Second.Sm3, duty.Evidence[0].Sm3);
        Assert.Equal(64, duty.Evidence[0].Sm3.Length);
        Assert.Equal(("accepted", "某系统集成有限公司"), (duty.Evidence[0].Verdict, duty.Evidence[0].UploadedByOrganisationName));
        Assert.Equal(0, duty.Evidence[0].AgeDays);
        var rejected = duty.Evidence[1].Reviews.Single();
        Assert.Equal(("rejected", "缺少安全域划分说明", "某信息安全测评中心"), (rejected.Verdict, rejected.Note, rejected.ReviewerOrganisationName));

        // Gaps: not applicable is none; non-compliant and not implemented are; implemented without accepted evidence is.
        Assert.DoesNotContain(report.Gaps, g => g.DutyId is "6.2.3.c" or "5.2.1.a");
        Assert.Equal(["non_compliant", "no_accepted_evidence"], report.Gaps.Single(g => g.DutyId == "5.2.1.b").Reasons);
        Assert.Equal(["no_accepted_evidence"], report.Gaps.Single(g => g.DutyId == s.ProviderDuty).Reasons);
        Assert.Equal(["not_implemented", "no_accepted_evidence"], report.Gaps.Single(g => g.DutyId == "8.3.2").Reasons);
        Assert.Equal(160, report.Gaps.Count);
        Assert.Equal(report.Gaps.Count, report.Phases.Sum(p => p.Gaps));

        var signOff = report.SignOffs.Single();
        Assert.Equal(("planning", true, false, "某信息安全测评中心"), (signOff.Phase, signOff.Valid, signOff.ChangedSince, signOff.SignedByOrganisationName));
        Assert.Equal(64, signOff.Sha256.Length);
        Assert.Equal(["customer", "provider", "integrator", "assessor"], report.Participants.Select(p => p.Role));

        // A change after signing shows in the report as "changed since", the signature itself still verifies.
        Assert.True((await w.SetStatus(w.Customer, "5.2.1.c", "in_progress")).Succeeded);
        var later = (await Report(w, w.Customer)).Value!.SignOffs.Single();
        Assert.Equal((true, true), (later.Valid, later.ChangedSince));
    }

    [Theory]
    [Databases]
    public async Task Only_those_who_see_the_website_get_the_report_and_one_phase_can_be_asked_for(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        Assert.Equal(ErrorKind.NotFound, (await Report(w, w.Outsider)).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await Report(w, w.Outsider, "nonsense")).Error!.Kind);
        Assert.Equal(("phase", "one_of"), ((await Report(w, w.Assessor, "nonsense")).Error!.Fields[0].Field, (await Report(w, w.Assessor, "nonsense")).Error!.Fields[0].Rule));
        foreach (var c in new[] { w.Customer, w.Provider, w.Integrator, w.Assessor, w.Admin })
        {
            Assert.True((await Report(w, c)).Succeeded);
        }

        var migration = (await Report(w, w.Integrator, "migration")).Value!;
        Assert.Equal("migration", migration.Phase);
        Assert.Equal(43, Assert.Single(migration.Phases).Total);
        Assert.All(migration.Gaps, g => Assert.Equal("migration", g.Phase));
    }

    [Theory]
    [Databases]
    public async Task An_export_is_on_the_audit_record_with_the_hash_of_what_was_sent(string kind)
    {
        await using var w = await ComplianceWorld.CreateAsync(kind);
        var report = (await Report(w, w.Assessor)).Value!;
        var bytes = ReportXlsx.Write(report, Chinese);
        await w.S.In(async sp =>
        {
            await sp.GetRequiredService<ComplianceReportService>().RecordExportAsync(w.Assessor, report, "xlsx", bytes, CancellationToken.None);
            return 0;
        });
        await using var db = w.Db.Context();
        var record = await db.AuditRecords.SingleAsync(a => a.Kind == AuditKinds.ReportExported);
        Assert.Equal((w.Site.Id, w.Assessor.UserId, "website"), (record.WebsiteId!.Value, record.ActorUserId!.Value, record.ObjectType));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), record.Changes, StringComparison.Ordinal);
        Assert.True(AuditKinds.Find(AuditKinds.ReportExported)!.Mandatory);
    }

    [Fact]
    public async Task The_csv_opens_in_excel_with_chinese_text_and_defuses_formulas()
    {
        var s = await SeedAsync("sqlite");
        await using var w = s.World;
        await Formula(w);
        var csv = ReportCsv.Write((await Report(w, w.Assessor)).Value!, Chinese);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Cells(lines[0]);
        Assert.Equal(24, header.Count);
        Assert.Equal(["阶段", "责任角色", "职责编号", "条款", "职责"], header.Take(5));
        Assert.Contains("SHA-256", header);
        Assert.Contains("证据评审结论", header);
        Assert.All(lines, l => Assert.Equal(24, Cells(l).Count));
        // One row per duty without evidence, one per item where there is evidence (6.2.3.c has three).
        Assert.Equal(164, lines.Length - 1);

        var accepted = Cells(lines.Single(l => l.Contains(s.Second.Sha256, StringComparison.Ordinal)));
        Assert.Equal(("6.2.3.c", "部署迁移", "已落实", "通过", "通过"), (accepted[2], accepted[0], accepted[6], accepted[10], accepted[20]));
        Assert.Equal((s.Second.Sha256, s.Second.Sm3), (accepted[header.IndexOf("SHA-256")], accepted[header.IndexOf("SM3")]));
        var rejected = Cells(lines.Single(l => l.Contains(s.First.Sha256, StringComparison.Ordinal)));
        Assert.Equal(("不通过", "缺少安全域划分说明"), (rejected[20], rejected[23]));

        // Every cell is quoted; a value that a spreadsheet would run as a formula starts with an apostrophe.
        var formula = lines.Single(l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点击\"\")\"", formula, StringComparison.Ordinal);
        Assert.Contains("\"'-1+2\"", formula, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", string.Join('\n', lines), StringComparison.Ordinal);
        Assert.Equal("\"'@SUM(A1)\"", Csv.Cell("@SUM(A1)"));
        Assert.Equal("\"'+1\"", Csv.Cell("+1"));
        Assert.Equal("\"a \"\"b\"\"\"", Csv.Cell("a \"b\""));
    }

    [Fact]
    public async Task The_workbook_is_valid_open_xml_with_a_sheet_per_table_in_either_language()
    {
        var s = await SeedAsync("sqlite");
        await using var w = s.World;
        await Formula(w);
        var report = (await Report(w, w.Customer)).Value!;
        var bytes = ReportXlsx.Write(report, Chinese);

        using (var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            var book = doc.WorkbookPart!;
            var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(["概览", "阶段统计", "职责", "证据明细", "差距", "阶段签署"], sheets.Select(x => x.Name!.Value));

            var details = Rows(book, sheets[3]);
            Assert.Equal(165, details.Count);
            var row = details.Single(r => r.Contains(s.Second.Sha256));
            Assert.Equal(["部署迁移", "系统集成商", "6.2.3.c"], row.Take(3));
            Assert.Contains("通过", row);
            Assert.Contains(s.Second.Sm3, row);
            Assert.Contains(details, r => r.Contains("=HYPERLINK(\"http://evil.example/\",\"点击\")"));

            var phases = Rows(book, sheets[1]);
            Assert.Equal(["规划准备", "是", "52"], phases[1].Take(3));
            var gaps = Rows(book, sheets[4]);
            Assert.Equal(report.Gaps.Count + 1, gaps.Count);
            Assert.Contains(gaps, r => r.Contains("5.2.1.b") && r.Contains("不符合；无评审通过的证据"));
            var signed = Rows(book, sheets[5]);
            Assert.Equal(2, signed.Count);
            Assert.Contains(report.SignOffs[0].Sha256, signed[1]);
        }

        // The same through the zip itself: no formula anywhere, text as inline strings, numbers as numbers.
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheetXml = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()).ToList();
        Assert.Equal(6, sheetXml.Count);
        Assert.All(sheetXml, x => Assert.DoesNotContain("<x:f>", x, StringComparison.Ordinal));
        Assert.All(sheetXml, x => Assert.DoesNotContain("<f>", x, StringComparison.Ordinal));
        Assert.Contains(sheetXml, x => x.Contains(s.Second.Sha256, StringComparison.Ordinal) && x.Contains("t=\"inlineStr\"", StringComparison.Ordinal));

        using var en = SpreadsheetDocument.Open(new MemoryStream(ReportXlsx.Write(report, English)), false);
        var enSheets = en.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Summary", "Phases", "Duties", "Evidence", "Gaps", "Sign-offs"], enSheets.Select(x => x.Name!.Value));
        Assert.Contains(Rows(en.WorkbookPart, enSheets[2]), r => r.Contains("6.2.3.c") && r.Contains("Implemented") && r.Contains("Accepted"));
    }

    /// <summary>Evidence whose title and text a spreadsheet would run as formulas.</summary>
    private static async Task Formula(ComplianceWorld w)
    {
        var r = await w.S.In(sp => sp.GetRequiredService<EvidenceService>().SubmitAsync(w.Integrator, w.Site.Id, "6.2.3.c",
            new EvidenceInput("test_result", "=HYPERLINK(\"http://evil.example/\",\"点击\")", Text: "-1+2"), null, CancellationToken.None));
        Assert.True(r.Succeeded, r.Error?.Message.En);
        // Accepted, so the duty's latest verdict stays "accepted"; the note is formula-like too.
        var review = await w.Review(w.Assessor, r.Value!.Id, "accepted", "-1+2");
        Assert.True(review.Succeeded);
    }

    private static List<List<string>> Rows(WorkbookPart book, Sheet sheet)
    {
        var part = (WorksheetPart)book.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? string.Empty).ToList())
            .ToList();
    }

    /// <summary>Splits one CSV line of quoted cells.</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            Assert.Equal('"', line[i]);
            var b = new StringBuilder();
            for (i++; ; i++)
            {
                if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    b.Append('"');
                    i++;
                }
                else if (line[i] == '"')
                {
                    break;
                }
                else
                {
                    b.Append(line[i]);
                }
            }

            cells.Add(b.ToString());
            i += 2;
        }

        return cells;
    }
}
