using System.Globalization;
using System.Threading.RateLimiting;
using GovGuard.Platform.Common;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovGuard.Web.Hosting;

/// <summary>
/// Rate limits on the REST API (configuration <c>GovGuard:Api:RequestsPerMinute</c>, default 1,200; 0 turns them
/// off): a token bucket per signed-in user (every token and session of the user share it) and per client address
/// for anonymous calls. Beyond it: 429 ProblemDetails with <c>Retry-After</c>. Sign-in itself is throttled per
/// address by <see cref="Platform.Accounts.SignInThrottle"/> and per account by the lockout.
/// </summary>
public static class ApiRateLimits
{
    public const string RequestsPerMinuteKey = "GovGuard:Api:RequestsPerMinute";

    public static IServiceCollection AddGovGuardApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue(RequestsPerMinuteKey, 1200);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (perMinute <= 0 || !http.Request.Path.StartsWithSegments("/api"))
                {
                    return RateLimitPartition.GetNoLimiter("none");
                }

                var key = http.CallerOrNull() is { } caller && caller.UserId != Guid.Empty
                    ? "user:" + caller.UserId.ToString("N")
                    : "addr:" + (http.Connection.RemoteIpAddress?.ToString() ?? "-");
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = Math.Max(1, perMinute / 6),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                var wait = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(10);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var message = new Text($"请求过于频繁，请 {Math.Ceiling(wait.TotalSeconds)} 秒后再试。", $"Too many requests: try again in {Math.Ceiling(wait.TotalSeconds)} s.")
                    .In(CultureInfo.CurrentUICulture);
                await Results.Problem(title: message, statusCode: StatusCodes.Status429TooManyRequests, type: "https://govguard.local/problems/too_many_requests")
                    .ExecuteAsync(http).ConfigureAwait(false);
            };
        });
        return services;
    }
}
