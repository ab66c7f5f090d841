using System.Net;
using System.Text;
using GovGuard.Catalog;
using GovGuard.Platform.Access;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Platform.Data;
using GovGuard.Platform.CloudMigration;
using GovGuard.Platform.Reports;
using Microsoft.EntityFrameworkCore;

namespace GovGuard.Platform.Exit;

/// <summary>
/// The destruction certificate of 8.3.5: the customer's authorisation, every destruction record, the assessor's
/// verification and the post-exit checks it rests on, each with the SHA-256 of its canonical content, and a SHA-256
/// over all of them. Rendered as escaped HTML and printed to PDF by <see cref="PdfPrinter"/>.
/// </summary>
public sealed class DestructionCertificates(GovGuardDbContext db, AuditLog audit, TimeProvider time, PdfPrinter printer)
{
    private static readonly ExitRecordKind[] Basis =
    [
        ExitRecordKind.DeletionPlan, ExitRecordKind.Authorisation, ExitRecordKind.Destruction,
        ExitRecordKind.DestructionVerification, ExitRecordKind.PostExitCheck,
    ];

    public async Task<Outcome<DestructionCertificate>> BuildAsync(Caller caller, Guid websiteId, CancellationToken ct)
    {
        var (site, _) = await PhaseRecords.SiteAsync(db, caller, websiteId, ct).ConfigureAwait(false);
        if (site is null)
        {
            return Error.NotFound(new Text("网站", "website"));
        }

        var records = await db.Set<ExitRecord>().AsNoTracking().Where(r => r.WebsiteId == websiteId).ToListAsync(ct).ConfigureAwait(false);
        var facts = await ExitFacts.ReadAsync(db, websiteId, ct).ConfigureAwait(false);
        var customer = await db.Organisations.AsNoTracking().Where(o => o.Id == site.CustomerId).Select(o => o.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var lines = records.Where(r => Basis.Contains(r.Kind)).OrderBy(r => Array.IndexOf(Basis, r.Kind)).ThenBy(r => r.At).ThenBy(r => r.Id)
            .Select(r => new CertificateLine(r.Kind.ToWire(), r.Kind.NameZh(), r.Kind.NameEn(), r.Title, Detail(r), r.ByName, r.At, r.Sha256))
            .ToList();
        var missingZh = new List<string>();
        var missingEn = new List<string>();
        void Need(bool ok, string zh, string en)
        {
            if (!ok)
            {
                missingZh.Add(zh);
                missingEn.Add(en);
            }
        }

        Need(facts.Authorised, "客户书面授权", "the customer's written authorisation");
        Need(records.Any(r => r.Kind == ExitRecordKind.Destruction), "数据清除执行记录", "a destruction record");
        Need(facts.DestructionProven == true, "评估机构核验通过且退出后访问核查通过", "a passing verification by the assessor and a passing post-exit check");
        return new DestructionCertificate(site.Id, site.Name, customer ?? string.Empty, time.GetUtcNow(), missingZh.Count == 0, missingZh, missingEn, lines,
            PhaseRecords.DigestOf(lines.Select(l => l.Sha256)));
    }

    /// <summary>The certificate's only style sheet.</summary>
    public const string Style = "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;font-size:12px;vertical-align:top}code{font-size:10px;word-break:break-all}";

    /// <summary>The CSP source of <see cref="Style"/> (<c>sha256-…</c>), so the page needs no <c>unsafe-inline</c>.</summary>
    public static string StyleHash { get; } = "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Style)));

    /// <summary>The certificate as a self-contained HTML page (every value escaped, no script); bilingual, <paramref name="english"/> only sets the page language.</summary>
    public static string Html(DestructionCertificate c, bool english = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        static string E(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html lang=\"").Append(english ? "en" : "zh-CN").Append("\"><head><meta charset=\"utf-8\"><title>数据清除证明 / Destruction certificate</title>")
            .Append("<style>").Append(Style).Append("</style></head><body>")
            .Append("<h1>数据清除证明 / Destruction certificate</h1>")
            .Append("<p>依据 GB/T 38249-2019 8.2.2 b、8.3.5 / Per GB/T 38249-2019 8.2.2 b and 8.3.5</p>")
            .Append("<p>网站 / Website：<strong id=\"certificate-website\">").Append(E(c.WebsiteName)).Append("</strong>；云服务客户 / Customer：").Append(E(c.CustomerName)).Append("</p>")
            .Append("<p>出具时间 / Issued：").Append(E(ReportText.Local(c.IssuedAt))).Append("（北京时间 / China Standard Time）</p>");
        if (c.Complete)
        {
            b.Append("<p id=\"certificate-status\" data-complete=\"true\">证明要件齐全 / Complete</p>");
        }
        else
        {
            b.Append("<p id=\"certificate-status\" data-complete=\"false\">证明要件不全，尚缺 / Incomplete, missing: ")
                .Append(E(string.Join("、", c.MissingZh))).Append(" / ").Append(E(string.Join(", ", c.MissingEn))).Append("</p>");
        }

        b.Append("<table id=\"certificate-lines\"><thead><tr><th>类别 / Kind</th><th>标题 / Title</th><th>详情 / Detail</th><th>记录人 / By</th><th>时间 / At</th><th>SHA-256</th></tr></thead><tbody>");
        foreach (var l in c.Lines)
        {
            b.Append("<tr data-kind=\"").Append(E(l.Kind)).Append("\"><td>").Append(E(l.KindZh)).Append(" / ").Append(E(l.KindEn)).Append("</td><td>").Append(E(l.Title))
                .Append("</td><td>").Append(E(l.Detail)).Append("</td><td>").Append(E(l.ByName)).Append("</td><td>").Append(E(ReportText.Local(l.At)))
                .Append("</td><td><code>").Append(E(l.Sha256)).Append("</code></td></tr>");
        }

        b.Append("</tbody></table><p>以上记录哈希的汇总 SHA-256 / SHA-256 over the record hashes above：<code id=\"certificate-digest\">").Append(E(c.Digest)).Append("</code></p>")
            .Append("<p>每条记录的 SHA-256 为其规范化 JSON 内容的摘要，可在平台中复核。/ Each SHA-256 is the digest of the record's canonical JSON content and can be re-checked in GovGuard.</p>")
            .Append("</body></html>");
        return b.ToString();
    }

    /// <summary>The certificate as PDF; the export is audited.</summary>
    public async Task<Outcome<PdfResult>> PdfAsync(Caller caller, Guid websiteId, bool english, CancellationToken ct)
    {
        var built = await BuildAsync(caller, websiteId, ct).ConfigureAwait(false);
        if (!built.Succeeded)
        {
            return built.Error!;
        }

        var c = built.Value!;
        var pdf = await printer.PrintAsync(Html(c, english), ct).ConfigureAwait(false);
        var site = await db.Websites.AsNoTracking().FirstAsync(w => w.Id == websiteId, ct).ConfigureAwait(false);
        await audit.RecordAsync(db, caller, new AuditEvent(ExitAudit.CertificateExported, $"导出数据清除证明（{c.Lines.Count} 条记录，汇总 {c.Digest[..16]}…） / destruction certificate exported",
            "website", websiteId.ToString(), site.CustomerId, websiteId, null, new { c.Digest, c.Complete, Records = c.Lines.Count }), ct).ConfigureAwait(false);
        return pdf;
    }

    private static string? Detail(ExitRecord r) => r.Kind switch
    {
        ExitRecordKind.Destruction => $"{r.TargetKind?.NameZh()} {r.Target}：{r.Method}",
        ExitRecordKind.Authorisation => r.FileName is null ? null : $"{r.FileName}（SHA-256 {r.FileSha256}）",
        ExitRecordKind.PostExitCheck => $"{r.Url}：{r.Text}",
        ExitRecordKind.DestructionVerification => r.Passed == true ? "通过 / passed" : "不通过 / failed",
        _ => r.Text,
    };
}
