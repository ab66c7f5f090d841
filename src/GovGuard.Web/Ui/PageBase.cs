using System.Globalization;
using GovGuard.Platform.Access;
using GovGuard.Platform.Common;
using GovGuard.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace GovGuard.Web.Ui;

/// <summary>What every signed-in page needs: the caller, the request's cancellation, paging and redirects.</summary>
public abstract class PageBase : ComponentBase
{
    /// <summary>Rows on one page of a list.</summary>
    protected const int PageSize = 50;

    [CascadingParameter]
    protected HttpContext Http { get; set; } = default!;

    [Inject]
    protected NavigationManager Nav { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "offset")]
    protected string? OffsetText { get; set; }

    /// <summary>Who is asking, read fresh for this request.</summary>
    protected Caller Caller => Http.Caller();

    protected CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The page of the main list, from <c>?offset=</c>.</summary>
    protected Paging Paging => Paging.Of(ParseInt(OffsetText), PageSize);

    /// <summary>After a change succeeded: a fresh GET, so a reload never posts twice.</summary>
    protected void Go(string url) => Nav.NavigateTo(url, forceLoad: true);

    /// <summary>Answers with a status other than 200 (a missing object, a refusal) while still rendering the page.</summary>
    protected void Answer(Error? error)
    {
        Http.Response.StatusCode = error?.Kind switch
        {
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status200OK,
        };
    }

    /// <summary>An integer from a query or form value; anything else is no value (filters never fail).</summary>
    protected static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    protected static Guid? ParseGuid(string? text) => Guid.TryParse(text, out var v) ? v : null;
}
