using GovGuard.Platform.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GovGuard.Web.Api;

/// <summary>A multipart form read for an upload endpoint: its fields and at most one file (streamed, not buffered whole).</summary>
public sealed record UploadForm(IFormCollection? Form, IFormFile? File)
{
    public string? this[string name] => Form?[name].ToString() is { Length: > 0 } v ? v : null;

    /// <summary>Reads the form when the request has one (JSON bodies give an empty form); a browser session must carry the antiforgery token.</summary>
    public static async Task<(UploadForm? Form, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, IAntiforgery antiforgery, string fileField, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && http.Request.HasFormContentType && !await antiforgery.IsRequestValidAsync(http))
        {
            return (null, ApiResults.Problem(Error.Invalid([new FieldError("antiforgery", "token", new Text("表单已过期或来源不明，请刷新页面后重试。", "The form is stale or not from GovGuard; reload the page and try again."))])));
        }

        if (!http.Request.HasFormContentType)
        {
            return (new UploadForm(null, null), null);
        }

        var form = await http.Request.ReadFormAsync(ct);
        return (new UploadForm(form, form.Files.GetFile(fileField)), null);
    }

    public Stream? Open() => File?.OpenReadStream();
}
