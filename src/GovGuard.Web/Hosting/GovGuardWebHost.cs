using GovGuard.Platform;
using GovGuard.Platform.Accounts;
using GovGuard.Platform.Data;
using GovGuard.Platform.Fetching;
using GovGuard.Platform.Monitoring;
using GovGuard.Web.Api;
using GovGuard.Web.Auth;
using GovGuard.Web.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace GovGuard.Web.Hosting;

/// <summary>The composition root of <c>govguard serve</c>: reads like a table of contents.</summary>
public static class GovGuardWebHost
{
    /// <summary>Builds the web application (not started). Migrations and the first administrator happen in <see cref="PrepareAsync"/>.</summary>
    public static WebApplication Build(GovGuardWebOptions options, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssK ";
        });
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Keys live in the data folder, which only the service account reads; the warning says nothing new.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Error);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);

        var services = builder.Services;
        if (options.Time is { } time)
        {
            services.AddSingleton(time);
        }

        services.AddGovGuardPlatform(options.Database, options.Monitoring);
        services.Configure<FetchOptions>(builder.Configuration.GetSection("Fetching"));
        if (options.Monitoring.Engine)
        {
            // The monitoring engine: one silo in this process (embedded), or one node of a Redis cluster.
            builder.UseOrleans(silo => silo.AddGovGuardMonitoringEngine(options.Monitoring));
        }

        services.AddGovGuardAuth();
        services.AddGovGuardApiRateLimits(builder.Configuration);
        services.Configure<SecurityOptions>(o => o.RequireAdminTwoFactor = options.RequireAdminTwoFactor);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Never a stack trace or exception text to users: the trace id lets an operator find it in the log.
            ctx.ProblemDetails.Detail = ctx.ProblemDetails.Status >= 500 ? null : ctx.ProblemDetails.Detail;
            ctx.ProblemDetails.Extensions.Remove("exception");
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            // A body the framework could not read at all (malformed JSON): say so, naming the body, in the caller's language.
            if (ctx.ProblemDetails.Status == StatusCodes.Status400BadRequest && ctx.HttpContext.Request.Path.StartsWithSegments("/api")
                && !ctx.ProblemDetails.Extensions.ContainsKey("errors") && ctx.ProblemDetails.Title == "Bad Request")
            {
                var message = new Platform.Common.Text("请求体（body）必须是有效的 JSON 对象。", "The request body (body) must be a valid JSON object.")
                    .In(System.Globalization.CultureInfo.CurrentUICulture);
                ctx.ProblemDetails.Title = message;
                ctx.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [message] };
                ctx.ProblemDetails.Extensions["rules"] = new[] { new { field = "body", rule = "json" } };
            }
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "GovGuard API";
            doc.Info.Description = "政府网站云计算服务安全平台（GB/T 38249-2019）接口。认证：Authorization: Bearer gg_… 个人访问令牌。 / GovGuard REST API; authenticate with a personal access token.";
            return Task.CompletedTask;
        }));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "govguard.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        // Chinese text is written as itself, not as &#x…; entities (it is half of every page).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddAspNetCoreInstrumentation()
            .AddMeter("GovGuard")
            .AddPrometheusExporter());

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseGovGuardCulture();
        app.UseAuthentication();
        app.Use((http, next) => CallerContext.ResolveAsync(http, () => next(http)));
        app.UseFreshAccountGuard();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/healthz", Healthz).AllowAnonymous().WithTags("operations").WithSummary("健康检查 / health check");
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.SwaggerEndpoint("/openapi/v1.json", "GovGuard API v1");
            o.DocumentTitle = "GovGuard API";
        });

        var anonymous = app.MapGroup("/api/v1").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.AddEndpointFilter(RequireFreshAccount);
        api.MapAccountApi(anonymous)
            .MapOrganisationsApi()
            .MapUsersApi()
            .MapWebsitesApi()
            .MapEngagementsApi()
            .MapComplianceApi()
            .MapReportsApi()
            .MapOperationReportsApi()
            .MapAlertsApi()
            .MapPlanningApi()
            .MapAuditApi()
            .MapMonitorsApi()
            .MapIncidentsApi()
            .MapImprovementApi()
            .MapEmergencyApi()
            .MapDutyApi()
            .MapChangesApi()
            .MapMigrationApi()
            .MapExitApi()
            .MapAgentsApi(anonymous)
            .MapTamperApi();

        app.MapLanguageSwitch();
        app.MapUi();
        return app;
    }

    /// <summary>Brings the schema up to date and creates the first administrator; returns their one-time password, if created.</summary>
    public static async Task<string?> PrepareAsync(WebApplication app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var db = app.Services.GetRequiredService<DatabaseOptions>();
        await GovGuardDbFactory.MigrateAsync(db, ct).ConfigureAwait(false);
        await using var scope = app.Services.CreateAsyncScope();
        var password = await scope.ServiceProvider.GetRequiredService<FirstRun>().EnsureAdministratorAsync(ct).ConfigureAwait(false);
        // Before anything is served: what a crash left half-done in the file store goes (temporary files, files no row names).
        var swept = await Platform.Evidence.StoredFiles.SweepAsync(scope.ServiceProvider.GetRequiredService<GovGuardDbContext>(),
            app.Services.GetRequiredService<Platform.Evidence.EvidenceStore>(),
            app.Services.GetRequiredService<TimeProvider>().GetUtcNow()
                - (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MonitoringOptions>>().Value.IsCluster ? TimeSpan.FromMinutes(10) : TimeSpan.Zero), ct).ConfigureAwait(false);
        if (swept.TempFiles + swept.Orphans > 0)
        {
            app.Logger.LogWarning("Evidence store: removed {Temp} temporary upload files and {Orphans} files no record refers to (left by an interrupted upload)", swept.TempFiles, swept.Orphans);
        }

        return password;
    }

    private static async Task<IResult> Healthz(GovGuardDbContext db, CancellationToken ct)
    {
        var ok = await db.Database.CanConnectAsync(ct).ConfigureAwait(false);
        return ok
            ? Results.Ok(new { status = "ok", database = db.Kind.ToString().ToLowerInvariant() })
            : Results.Json(new { status = "unavailable", database = db.Kind.ToString().ToLowerInvariant() }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>
    /// A one-time password must be changed, and an administrator must enrol a second factor, before the API does
    /// anything but show the account and make those changes.
    /// </summary>
    private static async ValueTask<object?> RequireFreshAccount(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var caller = http.CallerOrNull();
        var path = http.Request.Path;
        if (caller is not null && !path.StartsWithSegments("/api/v1/account"))
        {
            var security = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
            if (caller.MustChangePassword)
            {
                return ApiResults.Problem(Platform.Common.Error.Forbidden(new("请先修改一次性密码（POST /api/v1/account/password）。", "Change the one-time password first (POST /api/v1/account/password).")));
            }

            if (security.RequireAdminTwoFactor && caller.IsPlatformAdmin && !caller.TwoFactorEnabled)
            {
                return ApiResults.Problem(Platform.Common.Error.Forbidden(new("平台管理员须先启用双因素认证（/api/v1/account/two-factor）。", "A platform administrator must enable the second factor first (/api/v1/account/two-factor).")));
            }
        }

        return await next(ctx).ConfigureAwait(false);
    }
}
