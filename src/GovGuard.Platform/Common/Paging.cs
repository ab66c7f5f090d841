namespace GovGuard.Platform.Common;

/// <summary>A page of a list: the items, the total and where the page starts.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

/// <summary>Paging input, clamped to sane bounds.</summary>
public readonly record struct Paging(int Offset, int Limit)
{
    public const int MaxLimit = 200;

    public static Paging Of(int? offset, int? limit) =>
        new(Math.Max(0, offset ?? 0), Math.Clamp(limit ?? 50, 1, MaxLimit));
}
