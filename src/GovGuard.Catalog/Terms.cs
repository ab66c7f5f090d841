using System.Collections.Frozen;
using System.Reflection;

namespace GovGuard.Catalog;

/// <summary>The wire code and the Chinese and English names of one enum member.</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class TermAttribute(string code, string nameZh, string nameEn) : Attribute
{
    /// <summary>The code used in files, JSON and on the command line.</summary>
    public string Code { get; } = code;

    public string NameZh { get; } = nameZh;

    public string NameEn { get; } = nameEn;
}

/// <summary>Wire codes and names of the catalog's enums (every member carries a <see cref="TermAttribute"/>).</summary>
public static class Terms
{
    /// <summary>The member's wire code, e.g. <c>security_service</c>.</summary>
    public static string ToWire<T>(this T value)
        where T : struct, Enum => Table<T>.Of(value).Code;

    /// <summary>The member's Chinese name, e.g. 安全服务商.</summary>
    public static string NameZh<T>(this T value)
        where T : struct, Enum => Table<T>.Of(value).NameZh;

    /// <summary>The member's English name.</summary>
    public static string NameEn<T>(this T value)
        where T : struct, Enum => Table<T>.Of(value).NameEn;

    /// <summary>Parses an exact wire code; false for anything else (names and numbers included).</summary>
    public static bool TryParse<T>(string? code, out T value)
        where T : struct, Enum => Table<T>.ByCode.TryGetValue(code ?? string.Empty, out value);

    /// <summary>Every member in declaration order.</summary>
    public static IReadOnlyList<T> All<T>()
        where T : struct, Enum => Table<T>.Members;

    /// <summary>Every wire code in declaration order.</summary>
    public static IReadOnlyList<string> Codes<T>()
        where T : struct, Enum => Table<T>.CodeList;

    /// <summary>The codes joined for a message: <c>planning, migration, operation, exit</c>.</summary>
    public static string CodeList<T>()
        where T : struct, Enum => string.Join(", ", Table<T>.CodeList);

    private static class Table<T>
        where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, TermAttribute> ByValue = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(
                f => (T)f.GetValue(null)!,
                f => f.GetCustomAttribute<TermAttribute>()
                    ?? throw new InvalidOperationException($"{typeof(T).Name}.{f.Name} has no [Term]."));

        public static readonly IReadOnlyList<T> Members = Enum.GetValues<T>();

        public static readonly IReadOnlyList<string> CodeList = Members.Select(m => ByValue[m].Code).ToArray();

        public static readonly FrozenDictionary<string, T> ByCode =
            Members.ToFrozenDictionary(m => ByValue[m].Code, StringComparer.Ordinal);

        public static TermAttribute Of(T value) => ByValue.TryGetValue(value, out var t)
            ? t
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a {typeof(T).Name}");
    }
}
