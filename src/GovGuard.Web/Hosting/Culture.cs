using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace GovGuard.Web.Hosting;

/// <summary>
/// zh-CN first, en second. Pages follow the language switch (a cookie) and are Chinese otherwise, whatever the
/// browser says; the API follows Accept-Language, so scripts get messages in the language they ask for.
/// </summary>
public static class Culture
{
    public const string CookieName = "govguard.lang";
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IApplicationBuilder UseGovGuardCulture(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = [Chinese, English],
            SupportedUICultures = [Chinese, English],
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders.Clear();
        options.RequestCultureProviders.Add(new CustomRequestCultureProvider(Pick));
        return app.UseRequestLocalization(options);
    }

    private static Task<ProviderCultureResult?> Pick(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            foreach (var lang in http.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
            {
                var tag = lang.Value.Value ?? string.Empty;
                if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("en"));
                }

                if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
                {
                    return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("zh-CN"));
                }
            }

            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult("zh-CN"));
        }

        var cookie = http.Request.Cookies[CookieName];
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(cookie == "en" ? "en" : "zh-CN"));
    }

    /// <summary><c>GET /lang/{code}?returnUrl=/x</c>: the language switch; only local return addresses are followed.</summary>
    public static void MapLanguageSwitch(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/lang/{code}", (HttpContext http, string code, string? returnUrl) =>
        {
            http.Response.Cookies.Append(CookieName, code == "en" ? "en" : "zh-CN", new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
            var target = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
