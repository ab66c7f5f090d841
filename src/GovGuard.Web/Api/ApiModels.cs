namespace GovGuard.Web.Api;

/// <summary>Paging query parameters every list takes.</summary>
public sealed record ListPaging(int? Offset, int? Limit);
