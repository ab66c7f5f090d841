using System.Text.RegularExpressions;

namespace GovGuard.Platform.Common;

/// <summary>Collects broken rules with sentences that name the field and the rule, in both languages.</summary>
public sealed class Validation
{
    private readonly List<FieldError> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyList<FieldError> Errors => _errors;

    public Error ToError() => Error.Invalid(_errors);

    public void Add(string field, string rule, string zh, string en) =>
        _errors.Add(new FieldError(field, rule, new Text(zh, en)));

    /// <summary>Required, trimmed, at most <paramref name="max"/> characters.</summary>
    public string? Required(string field, Text label, string? value, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            Add(field, "required", $"{label.Zh}（{field}）为必填项。", $"{label.En} ({field}) is required.");
            return null;
        }

        return Length(field, label, v, max);
    }

    /// <summary>Optional, trimmed, empty becomes null, at most <paramref name="max"/> characters.</summary>
    public string? Optional(string field, Text label, string? value, int max)
    {
        var v = value?.Trim();
        return string.IsNullOrEmpty(v) ? null : Length(field, label, v, max);
    }

    /// <summary>Optional text that must match <paramref name="pattern"/> when given.</summary>
    public string? Pattern(string field, Text label, string? value, int max, Regex pattern, Text rule)
    {
        var v = Optional(field, label, value, max);
        if (v is not null && !pattern.IsMatch(v))
        {
            Add(field, "format", $"{label.Zh}（{field}）格式不正确：{rule.Zh}。", $"{label.En} ({field}) has the wrong format: {rule.En}.");
        }

        return v;
    }

    /// <summary>An integer in [min, max].</summary>
    public int Range(string field, Text label, int? value, int min, int max)
    {
        if (value is null)
        {
            Add(field, "required", $"{label.Zh}（{field}）为必填项。", $"{label.En} ({field}) is required.");
            return min;
        }

        if (value < min || value > max)
        {
            Add(field, "range", $"{label.Zh}（{field}）必须在 {min} 到 {max} 之间。", $"{label.En} ({field}) must be between {min} and {max}.");
        }

        return value.Value;
    }

    /// <summary>A wire code that must be one of <paramref name="allowed"/>.</summary>
    public TEnum? OneOf<TEnum>(string field, Text label, string? value, IReadOnlyDictionary<string, TEnum> allowed, bool required = true)
        where TEnum : struct
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required)
            {
                Add(field, "required", $"{label.Zh}（{field}）为必填项。", $"{label.En} ({field}) is required.");
            }

            return null;
        }

        if (allowed.TryGetValue(v, out var parsed))
        {
            return parsed;
        }

        var list = string.Join(", ", allowed.Keys);
        Add(field, "one_of", $"{label.Zh}（{field}）必须是以下之一：{list}。", $"{label.En} ({field}) must be one of: {list}.");
        return null;
    }

    private string Length(string field, Text label, string v, int max)
    {
        if (v.Length > max)
        {
            Add(field, "max_length", $"{label.Zh}（{field}）不能超过 {max} 个字符。", $"{label.En} ({field}) must be at most {max} characters.");
        }

        return v;
    }
}
