namespace GovGuard.Platform.Common;

/// <summary>Why an operation did not happen; the web edge maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The input broke a rule (400).</summary>
    Validation,

    /// <summary>The object does not exist or the caller may not know it exists (404).</summary>
    NotFound,

    /// <summary>The caller sees the object but may not do this (403).</summary>
    Forbidden,

    /// <summary>The request clashes with the current state (409).</summary>
    Conflict,

    /// <summary>Too many requests from this caller or address; try again later (429).</summary>
    TooManyRequests,
}

/// <summary>One broken rule on one input field: the field's wire name, a rule code and a sentence naming both.</summary>
public sealed record FieldError(string Field, string Rule, Text Message);

/// <summary>An expected failure: a plain value, not an exception.</summary>
public sealed record Error(ErrorKind Kind, Text Message, IReadOnlyList<FieldError> Fields)
{
    public static Error NotFound(string what) =>
        new(ErrorKind.NotFound, new Text($"找不到{what}，或无权查看。", $"The {what} was not found, or you may not see it."), []);

    public static Error NotFound(Text what) =>
        new(ErrorKind.NotFound, new Text($"找不到{what.Zh}，或无权查看。", $"The {what.En} was not found, or you may not see it."), []);

    public static Error Forbidden(Text message) => new(ErrorKind.Forbidden, message, []);

    public static Error Conflict(Text message) => new(ErrorKind.Conflict, message, []);

    public static Error Invalid(IReadOnlyList<FieldError> fields) =>
        new(ErrorKind.Validation, new Text("输入有误，请检查标出的字段。", "Some fields are not valid."), fields);
}

/// <summary>The result of an operation that can fail in expected ways.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(Error error) => new(default, error);

    public static implicit operator Outcome<T>(Error error) => Fail(error);

    public static implicit operator Outcome<T>(T value) => Ok(value);
}
