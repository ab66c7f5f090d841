using System.Globalization;
using System.Text;
using GovGuard.Platform.Common;
using GovGuard.Platform.Exit;
using GovGuard.Platform.Reports;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>
/// /api/v1/websites/{id}/exit: the exit of GB/T 38249 chapter 8 — plan, handover inventory, returned data checked
/// against the provider's manifests (signed), destruction only after the customer's written authorisation (8.3.5),
/// verification, post-exit check, exit audit, and the destruction certificate (HTML, PDF).
/// </summary>
public static class ExitApi
{
    public static RouteGroupBuilder MapExitApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/websites/{websiteId:guid}/exit").WithTags("exit");
        g.MapGet("/", Get).WithSummary("退出记录一览与关口事实 / the exit records of a website and the gate facts they establish");
        g.MapPut("/plan", SavePlan).WithSummary("保存退出方案（角色、进度、合同约定的条件），修改后须重新批准 / save the exit plan; a change withdraws the approval");
        g.MapPost("/plan/approve", ApprovePlan).WithSummary("批准退出方案（网站所属单位管理员） / approve the exit plan (customer administrator)");
        g.MapPost("/handover", AddItem).WithSummary("移交清单新增一项（数据集、文档、历史数据、归档） / add an item to the handover inventory");
        g.MapPost("/handover/{itemId:guid}/manifest", HandOver).DisableAntiforgery()
            .WithSummary("云服务商移交并提交清单：multipart（manifest） / the provider hands over with the manifest (multipart)");
        g.MapPost("/handover/{itemId:guid}/checks", Verify).DisableAntiforgery()
            .WithSummary("客户校验收到的数据：multipart（file = 收到目录的清单或 manifest verify --format json 结果），结果签名存证 / the customer checks what arrived; the result is stored signed");
        g.MapPost("/records", Record).DisableAntiforgery().Accepts<ExitRecordInput>("multipart/form-data", "application/json")
            .WithSummary("记录清除方案、书面授权（须上传 file）、清除执行、核验、退出审计、总结报告、业务连续性 / write a deletion plan, authorisation (with file), destruction, verification, audit, report or continuity record");
        g.MapPost("/post-exit-checks", PostExit).WithSummary("退出后访问核查：抓取旧地址，确认不再提供客户内容 / fetch an old endpoint and check it no longer serves the customer's content");
        g.MapGet("/certificate", Certificate).WithSummary("数据清除证明（HTML），列出所依据每条记录的 SHA-256 / the destruction certificate as HTML, with the SHA-256 of every record it rests on");
        g.MapGet("/certificate.pdf", CertificatePdf).WithSummary("数据清除证明（PDF，需服务器安装 Chromium，否则 501） / the destruction certificate as PDF (501 without Chromium)");
        return api;
    }

    private static async Task<Results<Ok<ExitView>, ProblemHttpResult>> Get(HttpContext http, ExitService service, Guid websiteId, CancellationToken ct) =>
        Answer(await service.GetAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Ok<ExitPlanView>, ProblemHttpResult>> SavePlan(HttpContext http, ExitService service, Guid websiteId, ExitPlanInput input, CancellationToken ct) =>
        Answer(await service.SavePlanAsync(http.Caller(), websiteId, input, ct));

    private static async Task<Results<Ok<ExitPlanView>, ProblemHttpResult>> ApprovePlan(HttpContext http, ExitService service, Guid websiteId, CancellationToken ct) =>
        Answer(await service.ApprovePlanAsync(http.Caller(), websiteId, ct));

    private static async Task<Results<Created<HandoverItemView>, ProblemHttpResult>> AddItem(HttpContext http, ExitService service, Guid websiteId, HandoverItemInput input, CancellationToken ct) =>
        Created(await service.AddItemAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static async Task<Results<Ok<HandoverItemView>, ProblemHttpResult>> HandOver(HttpContext http, ExitService service, IAntiforgery antiforgery, Guid websiteId, Guid itemId, CancellationToken ct)
    {
        var (form, problem) = await UploadForm.ReadAsync(http, antiforgery, "manifest", ct);
        if (problem is not null)
        {
            return problem;
        }

        await using var content = form!.Open();
        return Answer(await service.HandOverAsync(http.Caller(), websiteId, itemId, content, ct));
    }

    private static async Task<Results<Created<DataReturnCheckView>, ProblemHttpResult>> Verify(HttpContext http, ExitService service, IAntiforgery antiforgery, Guid websiteId, Guid itemId, CancellationToken ct)
    {
        var (form, problem) = await UploadForm.ReadAsync(http, antiforgery, "file", ct);
        if (problem is not null)
        {
            return problem;
        }

        await using var content = form!.Open();
        return Created(await service.VerifyReturnAsync(http.Caller(), websiteId, itemId, content, ct), websiteId);
    }

    private static async Task<Results<Created<ExitRecordView>, ProblemHttpResult>> Record(HttpContext http, ExitService service, IAntiforgery antiforgery, Guid websiteId, CancellationToken ct)
    {
        ExitRecordInput? input;
        UploadForm? form = null;
        if (http.Request.HasFormContentType)
        {
            (form, var problem) = await UploadForm.ReadAsync(http, antiforgery, "file", ct);
            if (problem is not null)
            {
                return problem;
            }

            input = new ExitRecordInput(form!["kind"], form["title"], form["text"], form["target"], form["targetKind"], form["method"],
                bool.TryParse(form["passed"], out var p) ? p : null);
        }
        else
        {
            try
            {
                input = await http.Request.ReadFromJsonAsync<ExitRecordInput>(ct);
            }
            catch (System.Text.Json.JsonException)
            {
                return ApiResults.BadBody();
            }

            if (input is null)
            {
                return ApiResults.BadBody();
            }
        }

        await using var content = form?.Open();
        var upload = content is null ? null : new ExitUpload(form!.File!.FileName, content, form.File.Length);
        return Created(await service.RecordAsync(http.Caller(), websiteId, input, upload, ct), websiteId);
    }

    private static async Task<Results<Created<ExitRecordView>, ProblemHttpResult>> PostExit(HttpContext http, PostExitChecks checks, Guid websiteId, PostExitCheckInput input, CancellationToken ct) =>
        Created(await checks.RunAsync(http.Caller(), websiteId, input, ct), websiteId);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Certificate(HttpContext http, DestructionCertificates certificates, Guid websiteId, string? lang, CancellationToken ct)
    {
        var r = await certificates.BuildAsync(http.Caller(), websiteId, ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        if (Lang(lang) is { } bad)
        {
            return bad;
        }

        // A document, not an app: nothing in it runs, and only its own style sheet applies.
        http.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src '{DestructionCertificates.StyleHash}'";
        return TypedResults.Content(DestructionCertificates.Html(r.Value!, lang == "en"), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CertificatePdf(HttpContext http, DestructionCertificates certificates, PdfPrinter printer, Guid websiteId, string? lang, CancellationToken ct)
    {
        var built = await certificates.BuildAsync(http.Caller(), websiteId, ct);
        if (built.Succeeded && Lang(lang) is { } bad)
        {
            return bad;
        }

        if (!built.Succeeded)
        {
            return ApiResults.Problem(built.Error!);
        }

        if (!printer.IsAvailable)
        {
            return Problem(StatusCodes.Status501NotImplemented, "pdf_unavailable", new Text(
                "此服务器未安装 Chromium（配置项 GovGuard:Reports:ChromiumPath），无法生成 PDF；可打开 HTML 证明并在浏览器中打印。",
                "PDF needs headless Chromium, which this server does not have (setting GovGuard:Reports:ChromiumPath); open the HTML certificate and print it from the browser."));
        }

        var r = await certificates.PdfAsync(http.Caller(), websiteId, lang == "en", ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        return r.Value!.Pdf is { } pdf
            ? TypedResults.File(pdf, "application/pdf", $"destruction-certificate-{websiteId:N}.pdf")
            : Problem(StatusCodes.Status500InternalServerError, "pdf_failed", new Text("PDF 生成失败，请稍后重试。", "The PDF could not be produced; try again later."));
    }

    /// <summary>The language the certificate leads with: <c>zh</c> (default) or <c>en</c>; anything else is a 400 naming the parameter.</summary>
    private static ProblemHttpResult? Lang(string? lang) => lang is null or "zh" or "en" ? null : ApiResults.Problem(Error.Invalid([new FieldError("lang", "one_of",
        new Text("语言（lang）必须是 zh 或 en。", "Language (lang) must be zh or en."))]));

    private static ProblemHttpResult Problem(int status, string type, Text title) => TypedResults.Problem(new ProblemDetails
    {
        Status = status,
        Type = "https://govguard.local/problems/" + type,
        Title = title.In(CultureInfo.CurrentUICulture),
    });

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Outcome<T> r) =>
        r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);

    private static Results<Created<T>, ProblemHttpResult> Created<T>(Outcome<T> r, Guid websiteId) =>
        r.Succeeded ? TypedResults.Created($"/api/v1/websites/{websiteId}/exit", r.Value) : ApiResults.Problem(r.Error!);
}
