using System.Text.Json;
using GovGuard.Platform.Common;
using GovGuard.Platform.Evidence;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>Evidence: submitted per duty (multipart upload or JSON for links and text), downloaded only as an attachment, reviewed by the assessor.</summary>
public static class EvidenceApi
{
    /// <summary>A downloaded file is never run or rendered in GovGuard's origin.</summary>
    private const string DownloadPolicy = "sandbox; default-src 'none'";

    public static RouteGroupBuilder MapEvidenceApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/websites/{websiteId:guid}/duties/{dutyId}/evidence", Submit).WithTags("evidence")
            .DisableAntiforgery()
            .Accepts<EvidenceInput>("multipart/form-data", "application/json")
            .WithSummary("提交证据：multipart 表单（kind、title、file 或 text）或 JSON（record_link、文本测试结果） / submit evidence: multipart (kind, title, file or text) or JSON");
        var g = api.MapGroup("/evidence").WithTags("evidence");
        g.MapGet("/{id:guid}", Get).WithSummary("查看证据及评审记录 / an evidence item with its reviews");
        g.MapGet("/{id:guid}/content", Download).WithSummary("下载证据文件（仅作为附件） / download an evidence file (as an attachment only)");
        g.MapPost("/{id:guid}/reviews", Review).WithSummary("评审证据：通过或不通过（不通过须填意见；聘请的评估机构，不能评审本单位证据） / review evidence (engaged assessor, never its own)");
        return api;
    }

    private static async Task<Results<Created<EvidenceView>, ProblemHttpResult>> Submit(HttpContext http, EvidenceService service, IAntiforgery antiforgery, Guid websiteId, string dutyId, CancellationToken ct)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // A browser session must prove the form is ours; tokens cannot be sent by another site.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return ApiResults.Problem(Error.Invalid([new FieldError("antiforgery", "token", new Text("表单已过期或来源不明，请刷新页面后重试。", "The form is stale or not from GovGuard; reload the page and try again."))]));
            }
        }

        EvidenceInput? input;
        EvidenceUpload? upload = null;
        Stream? content = null;
        try
        {
            if (http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(ct);
                input = new EvidenceInput(form["kind"], form["title"], form["linkType"], form["linkId"], form["text"]);
                if (form.Files.GetFile("file") is { } file)
                {
                    content = file.OpenReadStream();
                    upload = new EvidenceUpload(file.FileName, content, file.Length);
                }
            }
            else
            {
                try
                {
                    input = await http.Request.ReadFromJsonAsync<EvidenceInput>(ct);
                }
                catch (JsonException)
                {
                    return ApiResults.BadBody();
                }

                if (input is null)
                {
                    return ApiResults.BadBody();
                }
            }

            var r = await service.SubmitAsync(http.Caller(), websiteId, dutyId, input, upload, ct);
            return r.Succeeded ? TypedResults.Created($"/api/v1/evidence/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
        }
        finally
        {
            if (content is not null)
            {
                await content.DisposeAsync();
            }
        }
    }

    private static async Task<Results<Ok<EvidenceView>, ProblemHttpResult>> Get(HttpContext http, EvidenceService service, Guid id, CancellationToken ct)
    {
        var r = await service.GetAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(HttpContext http, EvidenceService service, Guid id, CancellationToken ct)
    {
        var r = await service.OpenAsync(http.Caller(), id, ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = DownloadPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Content-Disposition: attachment; filename=…; filename*=UTF-8''… (RFC 6266 / RFC 5987), set by the result.
        return TypedResults.File(r.Value!.Content, "application/octet-stream", r.Value.FileName, enableRangeProcessing: false);
    }

    private static async Task<Results<Created<ReviewView>, ProblemHttpResult>> Review(HttpContext http, EvidenceService service, Guid id, ReviewInput input, CancellationToken ct)
    {
        var r = await service.ReviewAsync(http.Caller(), id, input, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/evidence/{id}", r.Value) : ApiResults.Problem(r.Error!);
    }
}
