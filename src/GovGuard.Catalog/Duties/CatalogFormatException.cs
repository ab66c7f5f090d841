namespace GovGuard.Catalog.Duties;

/// <summary>One problem of a catalog file, at a 1-based line and column.</summary>
public sealed record CatalogError(long Line, long Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>A catalog file that was refused; <see cref="Exception.Message"/> names the first problem and its line.</summary>
public sealed class CatalogFormatException : Exception
{
    public CatalogFormatException()
        : this("catalog", [])
    {
    }

    public CatalogFormatException(string message)
        : base(message)
    {
        Source = "catalog";
        Errors = [];
    }

    public CatalogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "catalog";
        Errors = [];
    }

    public CatalogFormatException(string source, IReadOnlyList<CatalogError> errors)
        : base(Describe(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<CatalogError> Errors { get; }

    /// <summary>The line of the first problem (1-based), or 0.</summary>
    public long Line => Errors.Count > 0 ? Errors[0].Line : 0;

    private static string Describe(string source, IReadOnlyList<CatalogError> errors) => errors.Count switch
    {
        0 => $"{source}: the duty catalog is invalid.",
        1 => $"{source}, {errors[0]}.",
        _ => $"{source}, {errors[0]} (and {errors.Count - 1} more problems).",
    };
}
