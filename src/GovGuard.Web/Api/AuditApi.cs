using System.Globalization;
using System.Text;
using System.Text.Json;
using GovGuard.Platform.Audit;
using GovGuard.Platform.Common;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GovGuard.Web.Api;

/// <summary>/api/v1/audit: the tamper-evident audit log (GB/T 38249 6.2.2 d).</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/audit").WithTags("audit");
        g.MapGet("/records", List).WithSummary("审计记录 / audit records");
        g.MapGet("/export", Export).WithSummary("导出审计记录（csv 或 jsonl） / export audit records (csv or jsonl)");
        g.MapGet("/kinds", Kinds).WithSummary("审计事件类型及是否记录 / audited event kinds and whether they are on");
        g.MapPut("/kinds", SetKinds).WithSummary("设置记录哪些事件（平台管理员） / choose the recorded kinds (platform administrator)");
        g.MapGet("/verify", Verify).WithSummary("校验审计链（平台管理员） / verify the chain (platform administrator)");
        return api;
    }

    private static async Task<Results<Ok<Page<AuditRecordView>>, ProblemHttpResult>> List(HttpContext http, AuditService audit, string? kind, string? outcome, Guid? websiteId, Guid? actorUserId, DateTimeOffset? from, DateTimeOffset? to, string? q, int? offset, int? limit, CancellationToken ct)
    {
        var r = await audit.ListAsync(http.Caller(), new AuditFilter(kind, outcome, websiteId, actorUserId, from, to, q), Paging.Of(offset, limit), ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<IResult> Export(HttpContext http, AuditService audit, string? format, string? kind, string? outcome, Guid? websiteId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        var fmt = format ?? "csv";
        if (fmt is not ("csv" or "jsonl"))
        {
            return ApiResults.Problem(Error.Invalid([new FieldError("format", "one_of", new Text("导出格式（format）必须是 csv 或 jsonl。", "The export format (format) must be csv or jsonl."))]));
        }

        var r = await audit.ExportAsync(http.Caller(), new AuditFilter(kind, outcome, websiteId, null, from, to), ct);
        if (!r.Succeeded)
        {
            return ApiResults.Problem(r.Error!);
        }

        var records = r.Value!;
        return Results.Stream(async stream =>
        {
            await using var w = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: fmt == "csv"));
            if (fmt == "csv")
            {
                await w.WriteLineAsync("seq,at,kind,outcome,actor,website_id,object_type,object_id,summary,before_digest,after_digest,hash");
            }

            await foreach (var x in records.WithCancellation(ct))
            {
                await w.WriteLineAsync(fmt == "csv"
                    ? string.Join(',', x.Seq.ToString(CultureInfo.InvariantCulture), x.At.ToString("O", CultureInfo.InvariantCulture), x.Kind, x.Outcome, Csv.Cell(x.ActorName), x.WebsiteId?.ToString() ?? string.Empty, x.ObjectType ?? string.Empty, x.ObjectId ?? string.Empty, Csv.Cell(x.Summary), x.BeforeDigest ?? string.Empty, x.AfterDigest ?? string.Empty, x.Hash)
                    : JsonSerializer.Serialize(x, JsonOptions.Web));
            }
        }, fmt == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson", $"govguard-audit.{fmt}");
    }

    private static async Task<Ok<IReadOnlyList<AuditKindView>>> Kinds(AuditService audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.KindsAsync(ct));

    private static async Task<Results<Ok<IReadOnlyList<AuditKindView>>, ProblemHttpResult>> SetKinds(HttpContext http, AuditService audit, Dictionary<string, bool> body, CancellationToken ct)
    {
        var r = await audit.SetKindsAsync(http.Caller(), body, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<AuditVerification>, ProblemHttpResult>> Verify(HttpContext http, Platform.Data.GovGuardDbContext db, AuditAnchor anchor, CancellationToken ct)
    {
        if (!http.Caller().IsPlatformAdmin)
        {
            return ApiResults.Problem(Error.Forbidden(new Text("只有平台管理员可以校验审计链。", "Only a platform administrator may verify the chain.")));
        }

        return TypedResults.Ok(await AuditVerifier.VerifyAsync(db, ct, anchor));
    }
}

internal static class JsonOptions
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
