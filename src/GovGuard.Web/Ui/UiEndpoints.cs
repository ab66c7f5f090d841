using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovGuard.Web.Ui;

/// <summary>The server-rendered pages, their static assets, sign-out, and the guard for fresh accounts.</summary>
public static class UiEndpoints
{
    public static void MapUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/assets/{name}", Asset).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/logout", async (HttpContext http, SignInManager<Platform.Accounts.User> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();
        app.MapRazorComponents<App>();

        // Any other address: the app's own not-found page (the router's NotFound, in the layout) with a 404,
        // instead of a bare status line; the API keeps its plain 404.
        app.MapFallback(static (HttpContext http) => http.Request.Path.StartsWithSegments("/api")
                ? Results.NotFound()
                : new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound })
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// Pages: a one-time password must be changed, and a platform administrator must enrol a second factor,
    /// before any other page opens.
    /// </summary>
    public static IApplicationBuilder UseFreshAccountGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var caller = http.CallerOrNull();
        var path = http.Request.Path;
        if (caller is not null && HttpMethods.IsGet(http.Request.Method) && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/assets")
            && !path.StartsWithSegments("/lang") && !path.StartsWithSegments("/account"))
        {
            var security = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
            if (caller.MustChangePassword)
            {
                http.Response.Redirect("/account/password");
                return;
            }

            if (security.RequireAdminTwoFactor && caller.IsPlatformAdmin && !caller.TwoFactorEnabled)
            {
                http.Response.Redirect("/account/two-factor");
                return;
            }
        }

        await next(http).ConfigureAwait(false);
    });

    private static IResult Asset(string name)
    {
        var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8"
            : name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
            : name.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : null;
        var stream = type is null ? null : typeof(UiEndpoints).Assembly.GetManifestResourceStream("GovGuard.Web.Ui.Assets." + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type, enableRangeProcessing: false);
    }
}
