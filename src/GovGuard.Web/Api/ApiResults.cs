using System.Globalization;
using GovGuard.Platform.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovGuard.Web.Api;

/// <summary>One place where expected failures become ProblemDetails, in the caller's language (Accept-Language).</summary>
public static class ApiResults
{
    public static ProblemHttpResult Problem(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var culture = CultureInfo.CurrentUICulture;
        var (status, type) = error.Kind switch
        {
            ErrorKind.Validation => (StatusCodes.Status400BadRequest, "validation"),
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "not_found"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "forbidden"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "conflict"),
            ErrorKind.TooManyRequests => (StatusCodes.Status429TooManyRequests, "too_many_requests"),
            _ => (StatusCodes.Status500InternalServerError, "error"),
        };
        var problem = new ProblemDetails
        {
            Status = status,
            Title = error.Message.In(culture),
            Type = "https://govguard.local/problems/" + type,
        };
        if (error.Fields.Count > 0)
        {
            problem.Detail = string.Join(" ", error.Fields.Select(f => f.Message.In(culture)));
            problem.Extensions["errors"] = error.Fields
                .GroupBy(f => f.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(f => f.Message.In(culture)).ToArray(), StringComparer.Ordinal);
            problem.Extensions["rules"] = error.Fields.Select(f => new { field = f.Field, rule = f.Rule }).ToArray();
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>A ProblemDetails for a request body that could not be read at all.</summary>
    public static ProblemHttpResult BadBody() => Problem(Error.Invalid(
        [new FieldError("body", "json", new Text("请求体必须是有效的 JSON 对象。", "The request body must be a valid JSON object."))]));
}
