using GovGuard.Platform.Accounts;
using GovGuard.Platform.Common;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace GovGuard.Web.Api;

/// <summary>Body of <c>POST /api/v1/auth/token</c>.</summary>
public sealed record TokenRequest(string? UserName, string? Password, string? Code, string? Name, int? Days, bool ReadOnly = false);

/// <summary>Body of <c>POST /api/v1/account/tokens</c>.</summary>
public sealed record NewToken(string? Name, int? Days, bool ReadOnly = false);

/// <summary>Body of a password change.</summary>
public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

/// <summary>Body that carries a second-factor code.</summary>
public sealed record CodeBody(string? Code);

/// <summary>/api/v1/account and /api/v1/auth: the caller's own account, tokens and second factor.</summary>
public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api, RouteGroupBuilder anonymous)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(anonymous);
        anonymous.MapPost("/auth/token", IssueToken).WithTags("account")
            .WithSummary("用用户名、密码（和动态口令）换取访问令牌 / exchange user name, password (and code) for an access token");

        var g = api.MapGroup("/account").WithTags("account");
        g.MapGet("/", Me).WithSummary("当前用户 / the signed-in user");
        g.MapPost("/password", ChangePassword).WithSummary("修改密码（结束其他会话和令牌） / change password (ends other sessions and tokens)");
        g.MapGet("/tokens", ListTokens).WithSummary("列出自己的访问令牌 / list own access tokens");
        g.MapPost("/tokens", CreateToken).WithSummary("创建访问令牌（密钥只显示一次） / create an access token (the secret is shown once)");
        g.MapDelete("/tokens/{id:guid}", RevokeToken).WithSummary("吊销访问令牌 / revoke an access token");
        g.MapGet("/two-factor", TwoFactorSetup).WithSummary("双因素认证的密钥 / the authenticator key");
        g.MapPost("/two-factor", EnableTwoFactor).WithSummary("启用双因素认证 / enable the second factor");
        g.MapPost("/two-factor/disable", DisableTwoFactor).WithSummary("停用双因素认证 / disable the second factor");
        return api;
    }

    private static async Task<Results<Created<TokenView>, ProblemHttpResult>> IssueToken(HttpContext http, SignInCheck check, TokenService tokens, CallerResolver callers, IOptions<SecurityOptions> security, TokenRequest body, CancellationToken ct)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var result = await check.CheckAsync(body.UserName, body.Password, body.Code, ip, ct);
        if (result.Failure == SignInFailure.Throttled)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Problem(new Error(ErrorKind.TooManyRequests, result.Message, []));
        }

        if (!result.Succeeded)
        {
            var kind = result.Failure is SignInFailure.CodeRequired or SignInFailure.BadCode ? "code" : "password";
            return ApiResults.Problem(new Error(ErrorKind.Validation, result.Message, [new FieldError(kind, "sign_in", result.Message)]));
        }

        var user = result.User!;
        if (user.MustChangePassword)
        {
            return ApiResults.Problem(Error.Forbidden(new Text("必须先修改一次性密码，才能创建访问令牌。", "Change the one-time password before creating access tokens.")));
        }

        if (security.Value.RequireAdminTwoFactor && user.IsPlatformAdmin && !user.TwoFactorEnabled)
        {
            return ApiResults.Problem(Error.Forbidden(new Text("平台管理员必须先启用双因素认证。", "A platform administrator must enable the second factor first.")));
        }

        var caller = await callers.ResolveAsync(user.Id, null, false, ip, ct);
        if (caller is null)
        {
            return ApiResults.Problem(Error.Forbidden(new Text("账号不可用。", "The account cannot be used.")));
        }

        var created = await tokens.CreateAsync(caller, body.Name ?? "api", body.Days ?? 30, body.ReadOnly, ct);
        return created.Succeeded ? TypedResults.Created($"/api/v1/account/tokens/{created.Value!.Id}", created.Value) : ApiResults.Problem(created.Error!);
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Me(HttpContext http, UserService users, CancellationToken ct)
    {
        var caller = http.Caller();
        var r = await users.GetAsync(caller, caller.UserId, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(HttpContext http, UserService users, PasswordChange body, CancellationToken ct)
    {
        var r = await users.ChangePasswordAsync(http.Caller(), body.CurrentPassword, body.NewPassword, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }

    private static async Task<Ok<IReadOnlyList<TokenView>>> ListTokens(HttpContext http, TokenService tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(http.Caller(), ct));

    private static async Task<Results<Created<TokenView>, ProblemHttpResult>> CreateToken(HttpContext http, TokenService tokens, NewToken body, CancellationToken ct)
    {
        var r = await tokens.CreateAsync(http.Caller(), body.Name, body.Days, body.ReadOnly, ct);
        return r.Succeeded ? TypedResults.Created($"/api/v1/account/tokens/{r.Value!.Id}", r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<TokenView>, ProblemHttpResult>> RevokeToken(HttpContext http, TokenService tokens, Guid id, CancellationToken ct)
    {
        var r = await tokens.RevokeAsync(http.Caller(), id, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<Ok<AuthenticatorSetup>, ProblemHttpResult>> TwoFactorSetup(HttpContext http, TwoFactorService twoFactor, bool? reset, CancellationToken ct)
    {
        var r = await twoFactor.SetupAsync(http.Caller(), reset ?? false, ct);
        return r.Succeeded ? TypedResults.Ok(r.Value) : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EnableTwoFactor(HttpContext http, TwoFactorService twoFactor, CodeBody body, CancellationToken ct)
    {
        var r = await twoFactor.EnableAsync(http.Caller(), body.Code, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableTwoFactor(HttpContext http, TwoFactorService twoFactor, CodeBody body, CancellationToken ct)
    {
        var r = await twoFactor.DisableAsync(http.Caller(), body.Code, ct);
        return r.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(r.Error!);
    }
}
