using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Web.Hosting;

/// <summary>GovGuard's own pages pass its own header check: strict CSP without unsafe-inline, no framing, no sniffing.</summary>
public static class SecurityHeaders
{
    private const string Strict = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    // The browsable API page (Swagger UI) sets inline styles; it shows no scraped content.
    private const string ApiDocs = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>What a downloaded file gets: it is never run or rendered in GovGuard's origin, whatever it holds.</summary>
    public const string Download = "sandbox; default-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var h = http.Response.Headers;
        http.Response.OnStarting(static state =>
        {
            // Every file served for download (evidence, attachments, reports, exports) is sandboxed and never sniffed.
            var headers = ((HttpResponse)state).Headers;
            if (headers.ContentDisposition.ToString().StartsWith("attachment", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = Download;
                headers.XContentTypeOptions = "nosniff";
            }

            return Task.CompletedTask;
        }, http.Response);
        h.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/docs") ? ApiDocs : Strict;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        if (http.Request.IsHttps)
        {
            h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (!http.Request.Path.StartsWithSegments("/assets"))
        {
            h.CacheControl = "no-store";
        }

        await next(http).ConfigureAwait(false);
    });
}
