using System.Collections.Concurrent;
using System.Reflection;
using GovGuard.Catalog;
using GovGuard.Platform.Common;

namespace GovGuard.Platform.Planning;

/// <summary>The label of a payload property in both languages, and how it is shown; forms, reports and messages read it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FieldAttribute(string zh, string en) : Attribute
{
    public Text Label { get; } = new(zh, en);

    /// <summary>The clause of GB/T 38249 the field answers, shown beside it (e.g. <c>5.3.1.a</c>).</summary>
    public string? Clause { get; init; }

    /// <summary>Several lines of prose: a text area in forms.</summary>
    public bool Long { get; init; }

    /// <summary>A list whose rows are given by the template (catalog items, grades): no rows are added or removed in forms.</summary>
    public bool FixedRows { get; init; }

    /// <summary>Set from the row's key, not typed: shown, never edited (a checklist item's clause).</summary>
    public bool Key { get; init; }

    /// <summary>Filled in by GovGuard, never by the caller.</summary>
    public bool Computed { get; init; }
}

/// <summary>How a field is entered and shown.</summary>
public enum FieldShape
{
    Text,
    LongText,
    Integer,
    Decimal,
    Date,
    Flag,
    Choice,
    Group,
    Rows,
}

/// <summary>One property of a payload: its JSON name, label and shape; a group or a list of rows has children.</summary>
public sealed record SchemaField(
    string Name,
    Text Label,
    FieldShape Shape,
    PropertyInfo Property,
    FieldAttribute Attribute,
    IReadOnlyList<SchemaField> Children,
    Type? EnumType)
{
    /// <summary>Every choice of a choice field: wire code and names.</summary>
    public IReadOnlyList<(string Code, Text Name)> Choices => EnumType is null ? [] : PayloadSchema.ChoicesOf(EnumType);
}

/// <summary>The fields of payload types, read once from their properties and <see cref="FieldAttribute"/>s.</summary>
public static class PayloadSchema
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<SchemaField>> Cache = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, SchemaField>> PathCache = new();

    /// <summary>The fields of <paramref name="type"/> in declaration order.</summary>
    public static IReadOnlyList<SchemaField> Of(Type type) => Cache.GetOrAdd(type, Build);

    /// <summary>The field at a JSON path such as <c>applications[0].name</c> (indexes ignored), or null.</summary>
    public static SchemaField? At(Type root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var byPath = PathCache.GetOrAdd(root, r => Flatten(Of(r), string.Empty).ToDictionary(p => p.Path, p => p.Field, StringComparer.Ordinal));
        var bare = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", string.Empty);
        return byPath.GetValueOrDefault(bare);
    }

    /// <summary>The label of the field at <paramref name="path"/>; the path itself when unknown.</summary>
    public static Text LabelAt(Type root, string path) => At(root, path)?.Label ?? new Text(path, path);

    public static IReadOnlyList<(string Code, Text Name)> ChoicesOf(Type enumType) =>
        Enum.GetValues(enumType).Cast<Enum>().Select(v => (PayloadJson.CodeOf(v), NameOf(v))).ToList();

    /// <summary>The name of an enum value: its <see cref="TermAttribute"/>, or the website names for the platform's own enums.</summary>
    public static Text NameOf(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var term = value.GetType().GetField(value.ToString())?.GetCustomAttribute<TermAttribute>();
        if (term is not null)
        {
            return new Text(term.NameZh, term.NameEn);
        }

        return value is Websites.ServiceModel m ? Websites.WebsiteNames.Of(m) : new Text(value.ToString(), value.ToString());
    }

    private static IEnumerable<(string Path, SchemaField Field)> Flatten(IReadOnlyList<SchemaField> fields, string prefix)
    {
        foreach (var f in fields)
        {
            var path = prefix + f.Name;
            yield return (path, f);
            foreach (var c in Flatten(f.Children, path + "."))
            {
                yield return c;
            }
        }
    }

    private static List<SchemaField> Build(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<FieldAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(FieldOf)
            .ToList();

    private static SchemaField FieldOf(PropertyInfo p)
    {
        var a = p.GetCustomAttribute<FieldAttribute>()!;
        var name = char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
        var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        if (t == typeof(string))
        {
            return new(name, a.Label, a.Long ? FieldShape.LongText : FieldShape.Text, p, a, [], null);
        }

        if (t == typeof(int))
        {
            return new(name, a.Label, FieldShape.Integer, p, a, [], null);
        }

        if (t == typeof(decimal))
        {
            return new(name, a.Label, FieldShape.Decimal, p, a, [], null);
        }

        if (t == typeof(DateOnly))
        {
            return new(name, a.Label, FieldShape.Date, p, a, [], null);
        }

        if (t == typeof(bool))
        {
            return new(name, a.Label, FieldShape.Flag, p, a, [], null);
        }

        if (t.IsEnum)
        {
            return new(name, a.Label, FieldShape.Choice, p, a, [], t);
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            return new(name, a.Label, FieldShape.Rows, p, a, Of(t.GetGenericArguments()[0]), null);
        }

        return new(name, a.Label, FieldShape.Group, p, a, Of(t), null);
    }
}
